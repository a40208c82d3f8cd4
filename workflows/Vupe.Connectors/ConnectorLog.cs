using Microsoft.Extensions.Logging;

namespace Vupe.Connectors;

internal static partial class ConnectorLog
{
    [LoggerMessage(EventId = 7100, Level = LogLevel.Information,
        Message = "{Connector} {Operation} {Outcome} in {DurationMs} ms after {Attempts} attempt(s) (key {IdempotencyKey})")]
    private static partial void Answered(ILogger logger, string connector, string operation, ConnectorCallOutcome outcome,
        double durationMs, int attempts, string idempotencyKey);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning,
        Message = "{Connector} {Operation} failed in {DurationMs} ms after {Attempts} attempt(s) (key {IdempotencyKey}): {Error}")]
    private static partial void Failed(ILogger logger, string connector, string operation, double durationMs, int attempts,
        string idempotencyKey, string? error);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning,
        Message = "{Connector}: attempt {Attempt} failed ({Failure}); retrying in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string connector, int attempt, string failure, double delayMs);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Error,
        Message = "{Connector}: circuit opened for {BreakSeconds} s after repeated failures; calls fail fast until then")]
    public static partial void CircuitOpened(ILogger logger, string connector, double breakSeconds);

    public static void Record(ILogger logger, ConnectorCallRecord call)
    {
        if (call.Outcome == ConnectorCallOutcome.Failed)
        {
            Failed(logger, call.Connector, call.Operation, call.Duration.TotalMilliseconds, call.Attempts, call.IdempotencyKey, call.Error);
        }
        else
        {
            Answered(logger, call.Connector, call.Operation, call.Outcome, call.Duration.TotalMilliseconds, call.Attempts, call.IdempotencyKey);
        }
    }
}
