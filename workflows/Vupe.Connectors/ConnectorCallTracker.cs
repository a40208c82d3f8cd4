namespace Vupe.Connectors;

/// <summary>Times one call and turns its ending into a <see cref="ConnectorCallRecord"/>, the same way for simulators and HTTP.</summary>
internal sealed class ConnectorCallTracker
{
    private readonly ConnectorDescriptor descriptor;
    private readonly string idempotencyKey;
    private readonly TimeProvider time;
    private readonly DateTimeOffset startedAt;
    private readonly long startTimestamp;

    private ConnectorCallTracker(ConnectorDescriptor descriptor, string idempotencyKey, TimeProvider time)
    {
        this.descriptor = descriptor;
        this.idempotencyKey = idempotencyKey;
        this.time = time;
        startedAt = time.GetUtcNow();
        startTimestamp = time.GetTimestamp();
    }

    public static ConnectorCallTracker Start(ConnectorDescriptor descriptor, ConnectorRequest request, TimeProvider time) =>
        new(descriptor, request.IdempotencyKey, time);

    public static ConnectorCallTracker Start(ConnectorDescriptor descriptor, string idempotencyKey, TimeProvider time) =>
        new(descriptor, idempotencyKey, time);

    public ConnectorDescriptor Descriptor => descriptor;

    public ConnectorCallRecord Finish(ConnectorCallOutcome outcome, int attempts, string? error = null) =>
        new(descriptor.Name, descriptor.Operation, idempotencyKey, startedAt,
            time.GetElapsedTime(startTimestamp), attempts, outcome, error);

    public ConnectorResult<T> Answer<T>(T value, string? reference, int attempts, ConnectorCallOutcome outcome = ConnectorCallOutcome.Succeeded) =>
        new(value, descriptor.Source, time.GetUtcNow(), reference, Finish(outcome, attempts));

    public ConnectorUnavailableException Unavailable(string reason, int attempts, Exception? cause = null) =>
        new(Finish(ConnectorCallOutcome.Failed, attempts, reason), reason, cause);

    public ConnectorContractException ContractBroken(string detail, int attempts, Exception? cause = null) =>
        new(Finish(ConnectorCallOutcome.Failed, attempts, detail), detail, cause);
}
