using System.Security.Cryptography.Pkcs;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vupe.Documents.Signing;
using Vupe.Server.Data;

namespace Vupe.Server.Audit;

/// <summary>
/// Writes signed checkpoints of the trails that changed since the last one (<see cref="AuditCheckpoint"/>) and tells
/// verification each trail's anchored head, from an index of every checkpoint read in order from the journal: the
/// anchor file when one is configured (the copy the database's writer cannot touch), else the database.
/// </summary>
/// <remarks>
/// A checkpoint costs what changed since the previous one, not what the trails hold: the changed trails are those
/// with entries after an id watermark, their heads read with one grouped query over the (trail, sequence) index. An
/// idle server writes nothing. Checkpoints of this process never overlap (the job and the shutdown's). The signing
/// certificate is resolved when a checkpoint is signed or checked, not when the audit log is built: a host without
/// one keeps working (and auditing); its checkpoints fail to be written, and verification says so.
/// </remarks>
public sealed class AuditAnchor(IDbContextFactory<VupeDbContext> contexts, SigningCertificateSource certificates, TimeProvider time,
    IOptions<AuditAnchorOptions> options, ILogger<AuditAnchor> logger) : IDisposable
{
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly SemaphoreSlim _reading = new(1, 1);
    private IAnchorJournal? _journal;
    private AnchorIndex? _index;

    /// <summary>
    /// Signs the heads of the trails that changed since the last checkpoint. A trail that no longer extends its
    /// anchored head (shortened, rewritten) is left out and keeps the old head, so a forgery is never anchored and
    /// verification keeps reporting it. Nothing is written when no trail changed and no forged checkpoint is to be
    /// overruled (null).
    /// </summary>
    public async Task<AuditCheckpoint?> WriteCheckpointAsync(CancellationToken ct)
    {
        await _writing.WaitAsync(ct);
        try
        {
            return await WriteChangedAsync(ct);
        }
        finally
        {
            _writing.Release();
        }
    }

    private async Task<AuditCheckpoint?> WriteChangedAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var scanFrom = await WithIndexAsync(index => index.ScanFrom, ct);
        // Read before the heads: an entry committed meanwhile is either among them or after the watermark, looked at next time.
        var upTo = await db.AuditEntries.MaxAsync(a => (long?)a.Id, ct) ?? 0;
        var current = await ChangedHeadsAsync(db, scanFrom, ct);
        var previous = await WithIndexAsync(index => current.ToDictionary(h => h.Trail, h => index.HeadOf(h.Trail), StringComparer.Ordinal), ct, readNew: false);
        var changed = new List<AuditHead>();
        foreach (var head in current)
        {
            var before = previous[head.Trail];
            if (before == head) continue;
            if (before is null || await ExtendsAsync(db, head, before, ct)) changed.Add(head);
            else logger.LogError("Audit trail {Trail} no longer extends its checkpointed head {Sequence}: the old head is kept", head.Trail, before.Sequence);
        }
        var (trails, entries, restated) = await WithIndexAsync(index => (
            index.Trails + changed.Count(h => previous[h.Trail] is null),
            index.Entries + changed.Sum(h => h.Entries - (previous[h.Trail]?.Entries ?? 0)),
            index.ForgedTrailsGenuineHeads()?.Where(h => !previous.ContainsKey(h.Trail)).ToList()), ct, readNew: false);
        if (changed.Count == 0 && restated is null) return null;
        // After a forged checkpoint, the genuine heads of the trails it named are signed again, so it stops counting as their latest.
        changed.AddRange(restated ?? []);
        var now = time.GetUtcNow();
        var content = CheckpointContent.Of(now, changed, trails, entries, upTo).Serialize();
        var signature = Convert.ToBase64String(await certificates.Provider.SignDetachedCmsAsync(Encoding.UTF8.GetBytes(content), ct));
        var checkpoint = new AuditCheckpoint { At = now, Content = content, Signature = signature };
        db.Add(checkpoint);
        await db.SaveChangesAsync(ct);
        // Killed between the two writes, the file misses this checkpoint: the next one finds the same trails changed.
        if (Journal is AnchorFile file) await file.AppendAsync(new AnchorLine(content, signature), ct);
        logger.LogDebug("Audit checkpoint {Id}: {Changed} trails changed, {Trails} anchored", checkpoint.Id, changed.Count, trails);
        return checkpoint;
    }

    /// <summary>Does the trail still pass through its anchored head (the same hash at that sequence)?</summary>
    private static async Task<bool> ExtendsAsync(VupeDbContext db, AuditHead head, AuditHead before, CancellationToken ct)
    {
        if (head.Sequence < before.Sequence) return false;
        if (head.Sequence == before.Sequence) return head.Hash == before.Hash;
        var through = await db.AuditEntries.AsNoTracking().Where(a => a.Trail == head.Trail && a.Sequence == before.Sequence).Select(a => a.Hash).FirstOrDefaultAsync(ct);
        return through == before.Hash;
    }

    /// <summary>The anchored head of <paramref name="trail"/> as the checkpoints written so far say; null before the first checkpoint.</summary>
    public Task<TrailAnchor?> ForTrailAsync(string trail, CancellationToken ct) =>
        WithIndexAsync(index => index.For(trail, Journal.Source), ct);

    private IAnchorJournal Journal => _journal ??= options.Value.AnchorPath is { Length: > 0 } path
        ? new AnchorFile(path)
        : new DatabaseAnchorJournal(contexts);

    /// <summary>
    /// Brings the index up to date with the journal (what other nodes and this one wrote since) and reads it, under its
    /// lock. A checkpoint reads the journal once, at its start (<paramref name="readNew"/> false afterwards), so the
    /// heads it compares with and the totals it signs come from the same lines.
    /// </summary>
    private async Task<T> WithIndexAsync<T>(Func<AnchorIndex, T> read, CancellationToken ct, bool readNew = true)
    {
        await _reading.WaitAsync(ct);
        try
        {
            _index ??= NewIndex();
            if (readNew && !await Journal.ReadNewAsync(_index.Apply, ct))
            {
                logger.LogError("The audit anchor ({Source}) is shorter than when it was last read: it is read again from the start", Journal.Source);
                _index = NewIndex();
                await Journal.ReadNewAsync(_index.Apply, ct);
            }
            return read(_index);
        }
        finally
        {
            _reading.Release();
        }
    }

    private AnchorIndex NewIndex() => new(SignatureHolds, logger);

    public void Dispose()
    {
        _writing.Dispose();
        _reading.Dispose();
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

    /// <summary>
    /// The heads and entry counts of the trails with entries after <paramref name="after"/>: one grouped query over
    /// the (trail, sequence) index, restricted to those trails.
    /// </summary>
    private static Task<List<AuditHead>> ChangedHeadsAsync(VupeDbContext db, long after, CancellationToken ct)
    {
        var changed = db.AuditEntries.Where(a => a.Id > after).Select(a => a.Trail).Distinct();
        return (from last in db.AuditEntries.Where(a => changed.Contains(a.Trail)).GroupBy(a => a.Trail)
                    .Select(g => new { Trail = g.Key, Sequence = g.Max(a => a.Sequence), Entries = g.LongCount() })
                join entry in db.AuditEntries on new { last.Trail, last.Sequence } equals new { entry.Trail, entry.Sequence }
                select new AuditHead(entry.Trail, entry.Sequence, entry.Hash, last.Entries)).ToListAsync(ct);
    }
}
