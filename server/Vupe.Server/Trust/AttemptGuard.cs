using Microsoft.EntityFrameworkCore;
using Vupe.Server.Data;

namespace Vupe.Server.Trust;

/// <summary>A guarded action was tried too often: 429 with <see cref="RetryAfter"/> (the Retry-After header) and a Spanish title.</summary>
public sealed class TooManyAttemptsException(string title, TimeSpan retryAfter) : Exception(title)
{
    public TimeSpan RetryAfter { get; } = retryAfter;

    /// <summary>Whole seconds, at least one, as Retry-After wants them.</summary>
    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));
}

/// <summary>
/// Counts attempts at a guarded action per key (a DNI) in the database, so the limit holds whichever address or node
/// they come from — unlike the per-address rate limiter, which an attacker with many addresses walks around. A refused
/// attempt is not counted, so a key is free again one window after its last counted attempt. The count and the insert
/// are not one transaction: concurrent attempts may pass a limit by the few that raced; they cannot repeat it.
/// </summary>
public sealed class AttemptGuard(IDbContextFactory<VupeDbContext> contexts, TimeProvider time)
{
    /// <summary>Counts one attempt under <paramref name="key"/>, or throws <see cref="TooManyAttemptsException"/> past <paramref name="limit"/> in <paramref name="window"/>.</summary>
    public async Task CountAsync(string key, int limit, TimeSpan window, string refusal, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var since = now - window;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var recent = await db.GuardedAttempts.Where(a => a.Key == key && a.At > since).OrderBy(a => a.At).Select(a => a.At).ToListAsync(ct);
        if (recent.Count >= limit)
            throw new TooManyAttemptsException(refusal, recent[recent.Count - limit] + window - now);
        db.GuardedAttempts.Add(new GuardedAttempt { Key = key, At = now });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Forgets attempts older than <paramref name="before"/> (the daily retention job).</summary>
    internal async Task<int> DeleteOlderThanAsync(DateTimeOffset before, CancellationToken ct)
    {
        var deleted = 0;
        while (true)
        {
            // In batches through SaveChanges, so the deletes go through the database's one writer like every write.
            await using var db = await contexts.CreateDbContextAsync(ct);
            var batch = await db.GuardedAttempts.Where(a => a.At < before).Take(500).ToListAsync(ct);
            if (batch.Count == 0) return deleted;
            db.RemoveRange(batch);
            await db.SaveChangesAsync(ct);
            deleted += batch.Count;
        }
    }
}
