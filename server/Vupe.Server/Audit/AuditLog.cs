using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vupe.Server.Auth;
using Vupe.Server.Data;

namespace Vupe.Server.Audit;

/// <summary>Appends to and verifies the hash-chained audit trails. Who and from where come from the current request.</summary>
public sealed class AuditLog(IDbContextFactory<VupeDbContext> contexts, IHttpContextAccessor http, TimeProvider time, ILogger<AuditLog> logger)
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";
    private const int Attempts = 8;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Adds an entry to <paramref name="db"/> without saving, so that it commits with the change it
    /// describes. A concurrent append to the same trail makes that save fail (unique sequence): the
    /// caller answers 409 and nothing is half-applied.
    /// </summary>
    public async Task StageAsync(VupeDbContext db, string trail, string action, object? data, CancellationToken ct)
    {
        var last = await LastAsync(db, trail, ct);
        db.AuditEntries.Add(Build(trail, last, action, data));
    }

    /// <summary>Appends an entry in its own transaction (reads of personal data, changes made through the engine).</summary>
    public async Task AppendAsync(string trail, string action, object? data, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var last = await LastAsync(db, trail, ct);
            db.AuditEntries.Add(Build(trail, last, action, data));
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException e) when (attempt < Attempts)
            {
                // Another request appended to this trail between our read and our write: chain after it.
                logger.LogDebug(e, "Audit append to {Trail} raced; retrying", trail);
            }
        }
    }

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

    private static async Task<AuditEntry?> LastAsync(VupeDbContext db, string trail, CancellationToken ct) =>
        await db.AuditEntries.AsNoTracking().Where(a => a.Trail == trail).OrderByDescending(a => a.Sequence).FirstOrDefaultAsync(ct);

    private AuditEntry Build(string trail, AuditEntry? last, string action, object? data)
    {
        var context = http.HttpContext;
        var user = context?.User;
        var signedIn = user?.Identity?.IsAuthenticated == true;
        var scope = signedIn ? UserScope.From(user!) : null;
        var entry = new AuditEntry
        {
            Trail = trail,
            Sequence = (last?.Sequence ?? 0) + 1,
            // Whole microseconds: what every database keeps, so the hash recomputes after a round trip.
            At = TruncateToMicroseconds(time.GetUtcNow()),
            ActorId = scope?.UserId ?? "system",
            ActorName = scope?.UserName ?? "system",
            ActorRoles = scope is null ? null : string.Join(',', scope.Roles),
            ActorOffice = scope?.OfficeCode,
            RemoteAddress = context?.Connection.RemoteIpAddress?.ToString(),
            Action = action,
            Data = data is null ? null : data as string ?? JsonSerializer.Serialize(data, Json),
            PreviousHash = last?.Hash ?? Genesis,
            Hash = "",
        };
        entry.Hash = ComputeHash(entry);
        return entry;
    }

    private static DateTimeOffset TruncateToMicroseconds(DateTimeOffset t) =>
        new(t.UtcTicks - t.UtcTicks % 10, TimeSpan.Zero);

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
