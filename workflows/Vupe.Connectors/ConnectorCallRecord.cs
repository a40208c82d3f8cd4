namespace Vupe.Connectors;

public enum ConnectorCallOutcome
{
    Succeeded,
    /// <summary>The back office answered that it does not know the person (RENIEC only); a valid answer, not a failure.</summary>
    NotFound,
    Failed,
}

/// <summary>
/// What happened on one connector call, in the terms a case history records. Returned inside every
/// <see cref="ConnectorResult{T}"/> and carried by every <see cref="ConnectorException"/>, so the caller
/// has it whichever way the call ends.
/// </summary>
/// <param name="Attempts">Requests that reached the wire (HTTP) or the simulator; 0 when an open circuit refused the call.</param>
/// <param name="Error">Why the call failed; null unless <paramref name="Outcome"/> is <see cref="ConnectorCallOutcome.Failed"/>.</param>
public sealed record ConnectorCallRecord(
    string Connector,
    string Operation,
    string IdempotencyKey,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    int Attempts,
    ConnectorCallOutcome Outcome,
    string? Error);
