using Microsoft.Extensions.Logging;

namespace Vupe.Connectors.Simulation;

/// <summary>
/// What every simulator does around its answer: note the key, honour the down switch and the latency,
/// and report the call the way the HTTP connectors do, so callers cannot tell the two apart.
/// </summary>
internal sealed class SimulatedBackOffice(SimulatorControl control, TimeProvider time, ILogger logger)
{
    public async Task<ConnectorResult<T>> ConsultAsync<T>(ConnectorDescriptor descriptor, ConnectorRequest request,
        Func<SimulatedCitizen, T> answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var call = ConnectorCallTracker.Start(descriptor, request, time);
        await ArriveAsync(descriptor, request.IdempotencyKey, call, cancellationToken).ConfigureAwait(false);

        var citizen = control.Find(request.Dni);
        var outcome = citizen.Identity is null && descriptor.Name == ConnectorNames.Identity
            ? ConnectorCallOutcome.NotFound
            : ConnectorCallOutcome.Succeeded;
        var result = call.Answer(answer(citizen), outcome == ConnectorCallOutcome.NotFound ? null : Reference(descriptor, request),
            attempts: 1, outcome);
        ConnectorLog.Record(logger, result.Call);
        return result;
    }

    /// <summary>
    /// What comes before any answer: the key noted, the configured latency waited, and the call failed as the HTTP
    /// connectors fail it when the back office is switched down.
    /// </summary>
    public async Task ArriveAsync(ConnectorDescriptor descriptor, string idempotencyKey, ConnectorCallTracker call, CancellationToken cancellationToken)
    {
        control.RecordKey(descriptor.Name, idempotencyKey);
        var latency = control.LatencyOf(descriptor.Name);
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, time, cancellationToken).ConfigureAwait(false);
        }
        if (control.IsDown(descriptor.Name))
        {
            var down = call.Unavailable("the simulated back office is switched down", attempts: 1);
            ConnectorLog.Record(logger, down.Call);
            throw down;
        }
    }

    /// <summary>Stable per DNI and key, like a back office that recognises a repeated consultation.</summary>
    private static string Reference(ConnectorDescriptor descriptor, ConnectorRequest request)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes($"{descriptor.Name}|{request.Dni}|{request.IdempotencyKey}"));
        return $"SIM-{descriptor.Name.ToUpperInvariant()}-{Convert.ToHexString(hash, 0, 6)}";
    }
}
