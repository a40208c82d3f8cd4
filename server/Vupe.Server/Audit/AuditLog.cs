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
public sealed class AuditLog(IDbContextFactory<VupeDbContext> contexts, DatabaseWriter writer, IHttpContextAccessor http, TimeProvider time)
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

    /// <summary>Recomputes the chain and reports the first entry that does not hold.</summary>
    public async Task<ChainVerdict> VerifyAsync(string trail, CancellationToken ct) => Verify(await ReadAsync(trail, ct));

    /// <summary>The same verdict over a trail already read (in sequence order), for callers that also show it.</summary>
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
            if (problem is not null) return new ChainVerdict(false, entries.Count, entry.Sequence, entry.Id, problem);
            previous = entry.Hash;
            expected++;
        }
        return new ChainVerdict(true, entries.Count, null, null, null);
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

/// <summary>The verdict on one trail: intact, or where it first breaks and why.</summary>
public sealed record ChainVerdict(bool Valid, int Entries, long? FirstBrokenSequence, long? FirstBrokenEntryId, string? Problem);
