namespace Vupe.Server.Parties;

/// <summary>
/// Told when a ficha or its consents change, before they are saved: stages its own changes in the same context (so
/// they commit in the same transaction) and returns what to do once committed, or null.
/// </summary>
public interface IFichaObserver
{
    Task<Action?> StageAsync(Party party, CancellationToken ct);
}
