using System.Collections.Concurrent;

namespace Vupe.Bench.Crash;

/// <summary>A creating call sent with an Idempotency-Key that got no answer: sent again, with its key and body, once the server is back.</summary>
internal sealed record PendingCreate(string Path, object? Json, string Key, byte[]? Pdf = null, string? Title = null);

/// <summary>What the server acknowledged (a 2xx the client received) and what it was asked without answering, for one created record.</summary>
internal sealed class Tracked
{
    public Guid? Id { get; set; }
    public bool Acknowledged { get; set; }
    /// <summary>Sent, not answered (the server died); <see cref="Resolve"/> decides what it became.</summary>
    public PendingCreate? Pending { get; set; }
    /// <summary>Sent again after a restart and answered «Solicitud en curso» (a violation since keys record their owning process); it may or may not have been done, but only once.</summary>
    public bool InDoubt { get; set; }
    public bool Sent => Acknowledged || Pending is not null || InDoubt;
}

/// <summary>
/// One citizen's visit as the workload ran it, and everything the server acknowledged about it: the ficha registered,
/// the triage opened, its two tasks claimed and completed with their forms, a document uploaded, the ficha changed, a
/// CUL requested. Calls that got no answer are kept as pending (creates, to be sent again with their key) or as
/// "maybe" (claims, completions, the ficha change: the invariants accept both outcomes).
/// </summary>
internal sealed class Visit(string dni, string account, int round)
{
    public string Dni { get; } = dni;
    public string Account { get; } = account;
    public int Round { get; } = round;
    public Tracked Party { get; } = new();
    public Tracked Triage { get; } = new();
    public Tracked Cul { get; } = new();
    public string? CulStatus { get; set; }
    public Tracked Upload { get; } = new();
    public string UploadTitle { get; } = $"Constancia {Guid.NewGuid():N}";
    public string? UploadSha256 { get; set; }

    /// <summary>Task id → acknowledged (true) or sent without an answer (false).</summary>
    public ConcurrentDictionary<Guid, bool> Claims { get; } = new();
    public ConcurrentDictionary<Guid, bool> Completions { get; } = new();

    public string OriginalPhone { get; } = "987654321";
    public string? AcknowledgedPhone { get; set; }
    public string? UnansweredPhone { get; set; }
}

/// <summary>All visits of a run, and its counters.</summary>
internal sealed class Ledger
{
    private readonly ConcurrentQueue<Visit> _visits = new();
    private int _dni;

    public Ledger(int seed) => _dni = 60_000_000 + Math.Abs(seed % 1000) * 20_000; // clear of the simulators' special DNIs

    public IReadOnlyCollection<Visit> Visits => _visits;

    public Visit NewVisit(string account, int round)
    {
        var visit = new Visit(Interlocked.Increment(ref _dni).ToString(System.Globalization.CultureInfo.InvariantCulture), account, round);
        _visits.Enqueue(visit);
        return visit;
    }

    /// <summary>Calls answered 2xx, retries that got their first answer included.</summary>
    public int Acknowledged => Volatile.Read(ref _acknowledged);
    private int _acknowledged;
    public void Acknowledge() => Interlocked.Increment(ref _acknowledged);

    /// <summary>Answers other than 2xx during the workload (a 500 is worth a look; a 409 from a race is not).</summary>
    public ConcurrentDictionary<string, int> Unexpected { get; } = new();

    /// <summary>The bodies of 500s, for the report.</summary>
    public ConcurrentQueue<string> ServerErrors { get; } = new();
}
