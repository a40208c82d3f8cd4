using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Vupe.Server.Hosting;

namespace Vupe.Server.Auth;

/// <summary>What a session check needs of a user: the stamp sessions were issued with, and the lockout.</summary>
public sealed record SessionState(string? SecurityStamp, bool LockoutEnabled, DateTimeOffset? LockoutEnd);

/// <summary>
/// The users' session states this node read lately, so that a consultant's every request does not read their row
/// again (about a tenth of the server's CPU under the consultants' loop, docs/benchmarks.md). A change saved on this
/// node forgets the user at once (<see cref="Forget"/>, called by <see cref="Data.SingleWriterSaveChanges"/> once the
/// change is durable); one saved on another node is seen here within <see cref="SecurityOptions.SessionRecheckInterval"/>.
/// </summary>
public sealed class SessionStates(TimeProvider time, IOptions<SecurityOptions> options)
{
    private const int SweepEvery = 1024;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _forgotten;
    private int _remembered;

    /// <summary>Counts forgettings: read it before reading a state from the database and hand it to <see cref="Remember"/>.</summary>
    public long Generation => Volatile.Read(ref _forgotten);

    public bool TryGet(string userId, out SessionState state)
    {
        if (_entries.TryGetValue(userId, out var entry) && entry.Until > time.GetTimestamp())
        {
            state = entry.State;
            return true;
        }
        state = null!;
        return false;
    }

    /// <summary>
    /// Keeps a state read from the database, unless a user was forgotten since <paramref name="generation"/>: what was
    /// read may then predate that change. Checked after storing, so a forgetting between the check and the store cannot
    /// leave the old state behind.
    /// </summary>
    public void Remember(string userId, SessionState state, long generation)
    {
        var interval = options.Value.SessionRecheckInterval;
        if (interval <= TimeSpan.Zero) return;
        var entry = new Entry(state, time.GetTimestamp() + (long)(interval.TotalSeconds * time.TimestampFrequency));
        _entries[userId] = entry;
        if (Generation != generation) _entries.TryRemove(KeyValuePair.Create(userId, entry));
        if (Interlocked.Increment(ref _remembered) % SweepEvery == 0) Sweep();
    }

    /// <summary>The users whose row changed: their next request reads it again.</summary>
    public void Forget(IEnumerable<string> userIds)
    {
        Interlocked.Increment(ref _forgotten);
        foreach (var id in userIds) _entries.TryRemove(id, out _);
    }

    private void Sweep()
    {
        var now = time.GetTimestamp();
        foreach (var (id, entry) in _entries)
            if (entry.Until <= now) _entries.TryRemove(KeyValuePair.Create(id, entry));
    }

    private sealed record Entry(SessionState State, long Until);
}
