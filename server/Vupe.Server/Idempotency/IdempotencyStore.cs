using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vupe.Server.Data;

namespace Vupe.Server.Idempotency;

/// <summary>Which request a key is claimed for.</summary>
public sealed record IdempotencyClaim(string Scope, string Route, string Key, string RequestHash);

public enum IdempotencyVerdict
{
    /// <summary>The key is this request's: do the work (inside <see cref="IdempotentWork.Begin"/>), then <see cref="IdempotencyStore.CompleteAsync"/> (or forget it on failure).</summary>
    Reserved,
    /// <summary>
    /// The key's work was done (<see cref="IdempotencyRecord.Resource"/>) by a process that died before keeping its
    /// answer: build the answer again from the resource, and keep it (<see cref="IdempotencyStore.CompleteAsync"/>).
    /// </summary>
    DoneUnanswered,
    /// <summary>The key already answered: send <see cref="IdempotencyOutcome.Record"/>'s answer again.</summary>
    Answered,
    /// <summary>The first request with this key is still at work.</summary>
    InProgress,
    /// <summary>The key was used for a different body.</summary>
    Mismatch,
}

public sealed record IdempotencyOutcome(IdempotencyVerdict Verdict, IdempotencyRecord? Record = null);

/// <summary>
/// Idempotency keys in the database, so every node sees the same ones: reserved atomically (the row's unique key) by
/// this process (<see cref="ServerInstance"/>), marked done in the work's own transaction (<see cref="IdempotentWork"/>),
/// completed with the first answer, forgotten when the work failed (so a retry may try again), expired after
/// <see cref="IdempotencyOptions.Lifetime"/>. A key without an answer whose owner died is taken over by the next request
/// with it: done again if its work never committed, answered from its resource if it did. Every write goes through the
/// database's one writer (the context's save).
/// </summary>
public sealed class IdempotencyStore(IDbContextFactory<VupeDbContext> contexts, ServerInstance instance, TimeProvider time, IOptions<IdempotencyOptions> options,
    ILogger<IdempotencyStore> logger)
{
    /// <summary>This process's id, the owner <see cref="IdempotentWork.Begin"/> marks keys for.</summary>
    public string Owner => instance.Id;

    public async Task<IdempotencyOutcome> ReserveAsync(IdempotencyClaim claim, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var now = time.GetUtcNow();
            await using var db = await contexts.CreateDbContextAsync(ct);
            var existing = await FindAsync(db, claim, ct);
            if (existing is not null && existing.ExpiresAt > now)
            {
                if (existing.RequestHash != claim.RequestHash) return new IdempotencyOutcome(IdempotencyVerdict.Mismatch, existing);
                if (existing.Status is not null) return new IdempotencyOutcome(IdempotencyVerdict.Answered, existing);
                if (await instance.OwnsOrMayBeAliveAsync(db, existing, ct)) return new IdempotencyOutcome(IdempotencyVerdict.InProgress, existing);
                if (existing.Resource is not null) return new IdempotencyOutcome(IdempotencyVerdict.DoneUnanswered, existing);
                // Its owner died before its work committed (the work would have marked the key): this request does it. Of two
                // requests taking it over at once, the row's concurrency token lets one win; the other then finds it in progress.
                logger.LogInformation("Idempotency key {Key} on {Route} was left reserved by process {Owner} of node {Node}, which ended before doing its work: taken over",
                    claim.Key, claim.Route, existing.OwnerInstance, existing.OwnerNode);
                (existing.OwnerNode, existing.OwnerInstance, existing.CreatedAt, existing.ExpiresAt) = (instance.NodeName, instance.Id, now, now + options.Value.Lifetime);
            }
            else if (existing is null)
            {
                db.Add(new IdempotencyRecord
                {
                    Scope = claim.Scope, Route = claim.Route, Key = claim.Key, RequestHash = claim.RequestHash, CreatedAt = now, ExpiresAt = now + options.Value.Lifetime,
                    OwnerNode = instance.NodeName, OwnerInstance = instance.Id,
                });
            }
            else
            {
                // Expired, not yet cleaned up: the key starts over.
                (existing.RequestHash, existing.CreatedAt, existing.ExpiresAt) = (claim.RequestHash, now, now + options.Value.Lifetime);
                (existing.Status, existing.ContentType, existing.Location, existing.Body) = (null, null, null, null);
                (existing.OwnerNode, existing.OwnerInstance, existing.Resource) = (instance.NodeName, instance.Id, null);
            }
            try
            {
                await db.SaveChangesAsync(ct);
                return new IdempotencyOutcome(IdempotencyVerdict.Reserved);
            }
            catch (Exception e) when (e is DbUpdateException or Vupe.Engine.ConflictException)
            {
                // Another request reserved (or renewed) the key first (the writer reports the unique key's violation as a
                // conflict): read what it holds.
                logger.LogDebug(e, "Idempotency key {Key} on {Route} was reserved concurrently", claim.Key, claim.Route);
            }
        }
        throw new InvalidOperationException($"Could not reserve idempotency key '{claim.Key}' on {claim.Route}.");
    }

    /// <summary>Keeps the first answer, for every later request with the same key.</summary>
    public async Task CompleteAsync(IdempotencyClaim claim, int status, string? contentType, string? location, byte[] body)
    {
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        var record = await db.Set<IdempotencyRecord>().FirstOrDefaultAsync(r => r.Scope == claim.Scope && r.Route == claim.Route && r.Key == claim.Key);
        if (record is null) return;
        record.Status = status;
        record.ContentType = contentType;
        record.Location = location;
        record.Body = body;
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>
    /// Frees the key after a failure, so a retry does the work — or, when the work had already created its resource,
    /// releases it, so a retry answers from that resource instead of creating a second one.
    /// </summary>
    public async Task ForgetAsync(IdempotencyClaim claim)
    {
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        var record = await db.Set<IdempotencyRecord>().FirstOrDefaultAsync(r => r.Scope == claim.Scope && r.Route == claim.Route && r.Key == claim.Key && r.Status == null
            && r.OwnerInstance == instance.Id);
        if (record is null) return;
        if (record.Resource is null) db.Remove(record);
        else (record.OwnerNode, record.OwnerInstance) = (null, IdempotencyRecord.Released);
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is DbUpdateConcurrencyException or Vupe.Engine.ConflictException)
        {
            // Already gone.
        }
    }

    /// <summary>Deletes expired keys, a batch at a time; answers how many.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken ct)
    {
        var deleted = 0;
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var now = time.GetUtcNow();
            var batch = await db.Set<IdempotencyRecord>().Where(r => r.ExpiresAt <= now).Take(500).ToListAsync(ct);
            if (batch.Count == 0) return deleted;
            db.RemoveRange(batch);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (Exception e) when (e is DbUpdateConcurrencyException or Vupe.Engine.ConflictException)
            {
                // A key renewed meanwhile: the next pass sees what is left.
            }
            deleted += batch.Count;
            if (batch.Count < 500) return deleted;
        }
    }

    private static Task<IdempotencyRecord?> FindAsync(VupeDbContext db, IdempotencyClaim claim, CancellationToken ct) =>
        db.Set<IdempotencyRecord>().FirstOrDefaultAsync(r => r.Scope == claim.Scope && r.Route == claim.Route && r.Key == claim.Key, ct);
}
