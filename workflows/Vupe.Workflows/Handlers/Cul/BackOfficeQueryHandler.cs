using Vupe.Connectors;
using Vupe.Engine;
using Vupe.Workflows.Cul;

namespace Vupe.Workflows.Handlers.Cul;

/// <summary>
/// Asks one back office about the case's citizen and keeps its answer in the <see cref="ICulArchive"/> for the
/// certificate. Every call — answered or failed — goes into the case history (no personal data in it); a back
/// office that is down fails the step, which the engine retries with back-off and then turns into an incident.
/// The answer itself never becomes a process variable: only <paramref name="output"/>'s non-sensitive summary does.
/// </summary>
internal sealed class BackOfficeQueryHandler<T>(
    string section,
    Func<ConnectorRequest, CancellationToken, Task<ConnectorResult<T>>> query,
    ICulArchive archive,
    Func<ServiceTaskContext, T, IReadOnlyDictionary<string, object?>?>? output = null,
    CulPrefetch? prefetch = null) : IServiceTaskHandler
{
    public async ValueTask<IReadOnlyDictionary<string, object?>?> ExecuteAsync(ServiceTaskContext context, CancellationToken ct)
    {
        var dni = CulVariables.Dni(context);
        ConnectorResult<T> result;
        try
        {
            // The first attempt collects the consultation started with the others (CulPrefetch); a retry asks again itself.
            var key = TaskVariables.OptionalString(context, CulVariables.ConsultationKey) is { } consultation
                ? CulPrefetch.Key(consultation, section) : context.IdempotencyKey;
            result = await (prefetch?.Take<T>(context.CaseId, section) ?? query(new ConnectorRequest(dni, key), ct)).WaitAsync(ct);
        }
        catch (ConnectorException e)
        {
            context.RecordExternalCall(ExternalCallOf(e.Call, reference: null));
            throw;
        }
        context.RecordExternalCall(ExternalCallOf(result.Call, result.Reference));
        await archive.SaveAnswerAsync(context.CaseId,
            new CulSectionAnswer(section, result.Source, result.ConsultedAt, result.Reference, CulJson.Serialize(result.Value)), ct);
        return output?.Invoke(context, result.Value);
    }

    private static ExternalCall ExternalCallOf(ConnectorCallRecord call, string? reference) =>
        new(call.Connector, call.Operation, call.Outcome.ToString(), new Dictionary<string, object?>
        {
            ["attempts"] = call.Attempts,
            ["durationMs"] = Math.Round(call.Duration.TotalMilliseconds, 1),
            ["reference"] = reference,
            ["error"] = call.Error,
        });
}
