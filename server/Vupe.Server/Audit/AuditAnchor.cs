using System.Security.Cryptography.Pkcs;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vupe.Documents.Signing;
using Vupe.Server.Data;

namespace Vupe.Server.Audit;

/// <summary>The latest checkpoint as verification sees it: where it came from, whether its signature holds, its heads by trail.</summary>
public sealed record AnchorView(bool SignatureValid, DateTimeOffset At, IReadOnlyDictionary<string, AuditHead> Heads, string Source);

/// <summary>
/// Writes signed checkpoints of every trail's head (<see cref="AuditCheckpoint"/>) and reads the latest back for
/// verification: from the anchor file when one is configured (the copy the database's writer cannot touch), else
/// from the database. Heads are read with one GROUP BY over the (trail, sequence) index.
/// </summary>
/// <remarks>
/// The signing certificate is resolved when a checkpoint is signed or checked, not when the audit log is built: a
/// host without one keeps working (and auditing); its checkpoints fail to be written, and verification says so.
/// </remarks>
public sealed class AuditAnchor(IDbContextFactory<VupeDbContext> contexts, SigningCertificateSource certificates, TimeProvider time,
    IOptions<AuditAnchorOptions> options, ILogger<AuditAnchor> logger)
{
    private static readonly SemaphoreSlim FileLock = new(1, 1);

    /// <summary>
    /// Signs the trails' heads as they are now, carried forward from the previous checkpoint: a trail that no longer
    /// extends its checkpointed head (shortened, deleted, rewritten) keeps the old head, so a forgery is never
    /// anchored and verification keeps reporting it. Nothing is written when no trail changed since the last
    /// checkpoint (null): an idle server adds no rows or lines.
    /// </summary>
    public async Task<AuditCheckpoint?> WriteCheckpointAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var current = await HeadsAsync(db, ct);
        var latest = await LatestAsync(ct);
        if (latest is { SignatureValid: false }) logger.LogError("The latest audit checkpoint ({Source}) has an invalid signature", latest.Source);
        var previous = latest is { SignatureValid: false } ? await LatestValidAsync(ct) : latest;
        var heads = previous is not null ? await CarriedForwardAsync(db, previous.Heads, current, ct) : current;
        if (latest is { SignatureValid: true } && previous is not null && heads.Count == previous.Heads.Count && heads.All(h => previous.Heads.GetValueOrDefault(h.Trail) == h)) return null;
        var now = time.GetUtcNow();
        var content = CheckpointContent.Of(now, heads).Serialize();
        var signature = Convert.ToBase64String(await certificates.Provider.SignDetachedCmsAsync(Encoding.UTF8.GetBytes(content), ct));
        var checkpoint = new AuditCheckpoint { At = now, Content = content, Signature = signature };
        db.Add(checkpoint);
        await db.SaveChangesAsync(ct);
        if (options.Value.AnchorPath is { Length: > 0 } path) await AppendAsync(path, new AnchorLine(content, signature), ct);
        logger.LogDebug("Audit checkpoint {Id}: {Trails} trails", checkpoint.Id, heads.Count);
        return checkpoint;
    }

    private async Task<List<AuditHead>> CarriedForwardAsync(VupeDbContext db, IReadOnlyDictionary<string, AuditHead> previous, List<AuditHead> current, CancellationToken ct)
    {
        var heads = new Dictionary<string, AuditHead>(previous, StringComparer.Ordinal);
        foreach (var head in current)
        {
            if (!previous.TryGetValue(head.Trail, out var before) || before == head)
            {
                heads[head.Trail] = head;
                continue;
            }
            // Only the trails that changed since the last checkpoint cost a look-up: does the trail still pass through its old head?
            var through = head.Sequence >= before.Sequence
                ? await db.AuditEntries.AsNoTracking().Where(a => a.Trail == head.Trail && a.Sequence == before.Sequence).Select(a => a.Hash).FirstOrDefaultAsync(ct)
                : null;
            if (through == before.Hash) heads[head.Trail] = head;
            else logger.LogError("Audit trail {Trail} no longer extends its checkpointed head {Sequence}: the old head is kept", head.Trail, before.Sequence);
        }
        foreach (var gone in previous.Keys.Except(current.Select(h => h.Trail)))
            logger.LogError("Audit trail {Trail} is gone from the database: its checkpointed head is kept", gone);
        return [.. heads.Values];
    }

    /// <summary>The latest checkpoint (anchor file first), or null when none was written yet.</summary>
    public async Task<AnchorView?> LatestAsync(CancellationToken ct) => (await RecentAsync(1, ct)).FirstOrDefault();

    /// <summary>
    /// The latest checkpoint whose signature holds, looking back over a few: what the next checkpoint carries forward,
    /// so that a forged latest one does not let a rewritten trail be anchored.
    /// </summary>
    private async Task<AnchorView?> LatestValidAsync(CancellationToken ct) => (await RecentAsync(100, ct)).FirstOrDefault(v => v.SignatureValid);

    /// <summary>Up to <paramref name="count"/> checkpoints, newest first: from the anchor file when configured, else the database.</summary>
    private async Task<List<AnchorView>> RecentAsync(int count, CancellationToken ct)
    {
        List<AnchorLine> lines;
        string source;
        if (options.Value.AnchorPath is { Length: > 0 } path)
        {
            lines = await LastLinesAsync(path, count, ct);
            source = "archivo de anclaje";
        }
        else
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            lines = await db.Set<AuditCheckpoint>().AsNoTracking().OrderByDescending(c => c.Id).Take(count).Select(c => new AnchorLine(c.Content, c.Signature)).ToListAsync(ct);
            source = "base de datos";
        }
        return [.. lines.Select(line => View(line, source))];
    }

    private AnchorView View(AnchorLine line, string source)
    {
        var content = SafeParse(line.Content);
        var valid = content is not null && SignatureHolds(line);
        return new AnchorView(valid, content?.At ?? DateTimeOffset.MinValue,
            content?.Heads.ToDictionary(h => h.Trail, StringComparer.Ordinal) ?? new Dictionary<string, AuditHead>(), source);
    }

    private bool SignatureHolds(AnchorLine line)
    {
        try
        {
            var cms = new SignedCms(new ContentInfo(Encoding.UTF8.GetBytes(line.Content)), detached: true);
            cms.Decode(Convert.FromBase64String(line.Signature));
            cms.CheckSignature(verifySignatureOnly: true);
            // Signed by this server's certificate, not by any certificate someone put in the CMS.
            return cms.SignerInfos.Count == 1 && cms.SignerInfos[0].Certificate?.Thumbprint == certificates.Provider.Certificate.Thumbprint;
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or FormatException or InvalidOperationException)
        {
            return false;
        }
    }

    private static CheckpointContent? SafeParse(string content)
    {
        try
        {
            return CheckpointContent.Parse(content);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Task<List<AuditHead>> HeadsAsync(VupeDbContext db, CancellationToken ct) =>
        (from last in db.AuditEntries.GroupBy(a => a.Trail).Select(g => new { Trail = g.Key, Sequence = g.Max(a => a.Sequence), Entries = g.LongCount() })
         join entry in db.AuditEntries on new { last.Trail, last.Sequence } equals new { entry.Trail, entry.Sequence }
         select new AuditHead(entry.Trail, entry.Sequence, entry.Hash, last.Entries)).ToListAsync(ct);

    private static async Task AppendAsync(string path, AnchorLine line, CancellationToken ct)
    {
        var text = JsonSerializer.Serialize(line) + "\n";
        await FileLock.WaitAsync(ct);
        try
        {
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory) Directory.CreateDirectory(directory);
            await using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
            await file.WriteAsync(Encoding.UTF8.GetBytes(text), ct);
            await file.FlushAsync(ct);
            file.Flush(flushToDisk: true);
        }
        finally
        {
            FileLock.Release();
        }
    }

    /// <summary>
    /// The file's last <paramref name="count"/> complete lines, newest first, read backwards from its end (the file
    /// only grows; a line half written by a crash, without its newline, is not read).
    /// </summary>
    private static async Task<List<AnchorLine>> LastLinesAsync(string path, int count, CancellationToken ct)
    {
        var lines = new List<AnchorLine>();
        if (!File.Exists(path)) return lines;
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var end = await AfterNewlineAsync(file, file.Length, ct);
        while (end > 0 && lines.Count < count)
        {
            var lineEnd = end - 1; // the newline
            var start = await AfterNewlineAsync(file, lineEnd, ct);
            if (lineEnd > start)
            {
                var bytes = new byte[lineEnd - start];
                file.Position = start;
                await file.ReadExactlyAsync(bytes, ct);
                lines.Add(ParseLine(bytes));
            }
            end = start;
        }
        return lines;
    }

    /// <summary>The position just after the last newline before <paramref name="before"/>; 0 when there is none.</summary>
    private static async Task<long> AfterNewlineAsync(FileStream file, long before, CancellationToken ct)
    {
        const int Chunk = 64 * 1024;
        var chunk = new byte[Chunk];
        var position = before;
        while (position > 0)
        {
            var size = (int)Math.Min(Chunk, position);
            file.Position = position - size;
            await file.ReadExactlyAsync(chunk.AsMemory(0, size), ct);
            var newline = chunk.AsSpan(0, size).LastIndexOf((byte)'\n');
            if (newline >= 0) return position - size + newline + 1;
            position -= size;
        }
        return 0;
    }

    private static AnchorLine ParseLine(byte[] bytes)
    {
        try
        {
            return JsonSerializer.Deserialize<AnchorLine>(bytes) ?? new AnchorLine("", "");
        }
        catch (JsonException)
        {
            return new AnchorLine("", ""); // unreadable: reported as a checkpoint whose signature fails
        }
    }
}
