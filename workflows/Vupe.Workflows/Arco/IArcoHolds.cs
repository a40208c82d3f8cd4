namespace Vupe.Workflows.Arco;

/// <summary>
/// What the host keeps while an ARCO request is answered: a hold on the holder's ficha, so that no document of theirs is
/// deleted by retention until the request is answered. Both calls must be idempotent on the case (a retried step, two
/// nodes): placing twice keeps one hold, lifting a lifted hold changes nothing.
/// </summary>
public interface IArcoHolds
{
    Task PlaceAsync(string partyId, Guid caseId, string caseNumber, string right, CancellationToken ct);

    Task LiftAsync(string partyId, Guid caseId, string caseNumber, CancellationToken ct);
}

/// <summary>For tests and samples: the holds in memory, by case.</summary>
public sealed class InMemoryArcoHolds : IArcoHolds
{
    private readonly Dictionary<Guid, (string PartyId, bool Active)> _holds = [];
    private readonly Lock _lock = new();

    public bool IsHeld(Guid caseId)
    {
        lock (_lock) return _holds.TryGetValue(caseId, out var h) && h.Active;
    }

    public bool WasPlaced(Guid caseId)
    {
        lock (_lock) return _holds.ContainsKey(caseId);
    }

    public Task PlaceAsync(string partyId, Guid caseId, string caseNumber, string right, CancellationToken ct)
    {
        lock (_lock) _holds.TryAdd(caseId, (partyId, true));
        return Task.CompletedTask;
    }

    public Task LiftAsync(string partyId, Guid caseId, string caseNumber, CancellationToken ct)
    {
        lock (_lock)
            if (_holds.ContainsKey(caseId)) _holds[caseId] = (partyId, false);
        return Task.CompletedTask;
    }
}
