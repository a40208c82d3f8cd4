using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Vupe.Server.Data;

namespace Vupe.Server.Audit;

/// <summary>
/// Appends to and verifies the hash-chained audit trails. Who and from where come from the current request. Every
/// append is written by the database's one writer (<see cref="DatabaseWriter"/>) inside the transaction of the
/// change it records: with a running engine command (a handler's work) it commits with that command; with a
/// context's changes (<see cref="Stage"/>) it commits with them; alone (a read of personal data) in a write of its
/// own. Changes made through the engine are audited by <see cref="EngineAudit"/> as the command commits.
/// </summary>
public sealed class AuditLog(IDbContextFactory<VupeDbContext> contexts, DatabaseWriter writer, IHttpContextAccessor http, TimeProvider time, AuditAnchor anchor)
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Adds an entry to <paramref name="db"/>'s pending changes: it commits when they are saved, in their transaction.</summary>
    public void Stage(VupeDbContext db, string trail, string action, object? data) => db.PendingAudit.Add(Draft(trail, action, data));

    /// <summary>Appends an entry: with the engine command running on this flow if there is one, else in a write of its own.</summary>
    public Task AppendAsync(string trail, string action, object? data, CancellationToken ct = default) =>
        writer.WriteAsync(new AuditAppend([Draft(trail, action, data)]), ct);

    private AuditDraft Draft(string trail, string action, object? data) =>
        AuditDraft.Of(trail, action, data, time.GetUtcNow(), AuditActor.From(http.HttpContext));

    public async Task<List<AuditEntry>> ReadAsync(string trail, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.AuditEntries.AsNoTracking().Where(a => a.Trail == trail).OrderBy(a => a.Sequence).ToListAsync(ct);
    }

    /// <summary>Recomputes the chain, compares it with the latest signed checkpoint and reports the first thing that does not hold.</summary>
    public async Task<ChainVerdict> VerifyAsync(string trail, CancellationToken ct) => await VerifyAsync(trail, await ReadAsync(trail, ct), ct);

    /// <summary>The same verdict over a trail already read (in sequence order), for callers that also show it.</summary>
    public async Task<ChainVerdict> VerifyAsync(string trail, IReadOnlyList<AuditEntry> entries, CancellationToken ct) =>
        Anchored(entries, Verify(entries), await anchor.ForTrailAsync(trail, ct));

    /// <summary>
    /// The chain's verdict held against the trail's anchored head: a checkpoint naming it whose signature fails, a
    /// trail shorter than its anchored head or gone, a head whose hash differs (entries rewritten and rehashed) are
    /// violations; entries after the anchored head (or a trail no checkpoint anchored yet) are "aún no anclado", never
    /// valid.
    /// </summary>
    public static ChainVerdict Anchored(IReadOnlyList<AuditEntry> entries, ChainVerdict chain, TrailAnchor? checkpoint)
    {
        if (!chain.Valid) return chain;
        if (checkpoint is null) return chain with { Valid = false, Status = ChainStatus.Unanchored, Unanchored = entries.Count };
        var at = checkpoint.At;
        if (!checkpoint.SignatureValid)
            return chain with { Valid = false, Status = ChainStatus.Broken, AnchoredAt = at,
                Problem = $"la firma del último punto de control que registra este historial ({checkpoint.Source}) no es válida: el anclaje fue alterado" };
        if (checkpoint.Head is not { } head)
            return entries.Count == 0 ? chain with { AnchoredAt = at }
                : chain with { Valid = false, Status = ChainStatus.Unanchored, AnchoredAt = at, Unanchored = entries.Count };
        if (entries.Count == 0)
            return chain with { Valid = false, Status = ChainStatus.Broken, AnchoredAt = at, FirstBrokenSequence = 1,
                Problem = $"el historial fue eliminado: el punto de control del {at:yyyy-MM-dd HH:mm:ss} UTC registra {head.Entries} entradas y no queda ninguna" };
        if (entries[^1].Sequence < head.Sequence)
            return chain with { Valid = false, Status = ChainStatus.Broken, AnchoredAt = at, FirstBrokenSequence = entries[^1].Sequence + 1,
                Problem = $"faltan las últimas entradas: el punto de control registra {head.Sequence} y el historial termina en la {entries[^1].Sequence}" };
        var anchored = entries.First(e => e.Sequence == head.Sequence);
        if (anchored.Hash != head.Hash)
            return chain with { Valid = false, Status = ChainStatus.Broken, AnchoredAt = at, FirstBrokenSequence = head.Sequence, FirstBrokenEntryId = anchored.Id,
                Problem = $"las entradas fueron reescritas: el hash de la entrada {head.Sequence} no coincide con el del punto de control firmado" };
        var later = entries.Count(e => e.Sequence > head.Sequence);
        return later > 0
            ? chain with { Valid = false, Status = ChainStatus.Unanchored, AnchoredAt = at, Unanchored = later }
            : chain with { AnchoredAt = at };
    }

    /// <summary>The chain alone (links and hashes), without the checkpoint.</summary>
    public static ChainVerdict Verify(IReadOnlyList<AuditEntry> entries)
    {
        var previous = Genesis;
        long expected = 1;
        foreach (var entry in entries)
        {
            string? problem = null;
            if (entry.Sequence != expected) problem = $"falta la entrada {expected}: la secuencia salta a {entry.Sequence}";
            else if (entry.PreviousHash != previous) problem = "el enlace con la entrada anterior no coincide";
            else if (ComputeHash(entry) != entry.Hash) problem = "el contenido de la entrada fue modificado";
            if (problem is not null) return new ChainVerdict(false, entries.Count, entry.Sequence, entry.Id, problem, ChainStatus.Broken);
            previous = entry.Hash;
            expected++;
        }
        return new ChainVerdict(true, entries.Count, null, null, null, ChainStatus.Valid);
    }

    /// <summary>SHA-256 over every field but the id, each length-prefixed so no two entries serialise alike.</summary>
    public static string ComputeHash(AuditEntry e)
    {
        var sb = new StringBuilder();
        void Field(string? value) => sb.Append(value is null ? "-1:" : string.Create(CultureInfo.InvariantCulture, $"{value.Length}:{value}"));
        Field(e.Trail);
        Field(e.Sequence.ToString(CultureInfo.InvariantCulture));
        Field(e.At.UtcTicks.ToString(CultureInfo.InvariantCulture));
        Field(e.ActorId);
        Field(e.ActorName);
        Field(e.ActorRoles);
        Field(e.ActorOffice);
        Field(e.RemoteAddress);
        Field(e.Action);
        Field(e.Data);
        Field(e.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }
}

/// <summary>
/// The verdict on one trail: <see cref="ChainStatus.Valid"/> (intact and anchored), <see cref="ChainStatus.Broken"/>
/// (where it first breaks and why) or <see cref="ChainStatus.Unanchored"/> (intact, but its last
/// <see cref="Unanchored"/> entries are newer than the latest signed checkpoint). <see cref="Valid"/> only for the first.
/// </summary>
public sealed record ChainVerdict(bool Valid, int Entries, long? FirstBrokenSequence, long? FirstBrokenEntryId, string? Problem, string Status,
    int Unanchored = 0, DateTimeOffset? AnchoredAt = null)
{
    /// <summary>In Spanish, for pages and exports.</summary>
    public string Summary => Status switch
    {
        ChainStatus.Valid => $"íntegra y anclada ({Entries} registros)",
        ChainStatus.Unanchored => $"íntegra; {Unanchored} de {Entries} registros aún no anclados (posteriores al último punto de control firmado)",
        _ => $"alterada en el registro {FirstBrokenSequence}: {Problem}",
    };
}

public static class ChainStatus
{
    public const string Valid = "válido";
    public const string Broken = "roto";
    public const string Unanchored = "aún no anclado";
}
