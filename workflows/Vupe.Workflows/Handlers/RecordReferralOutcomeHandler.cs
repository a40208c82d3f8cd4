using Vupe.Engine;

namespace Vupe.Workflows.Handlers;

/// <summary>
/// <c>vupe.ficha.registrarResultado</c>: writes how a referral ended to the ficha única through
/// <see cref="IEmployabilityRecord"/>, keyed by the task's idempotency key. Reads partyId, servicio and
/// resultadoPrestacion (required), detallePrestacion, resultadoSeguimiento, observacionesSeguimiento and casoOrigen.
/// Each procedure says what its outcome is made of with the header <c>detalles</c>: comma-separated variables (e.g.
/// <c>recomendacionOcupacional,horasCursadas</c>) copied into <see cref="ReferralOutcome.Details"/>, so the ficha shows
/// the course completed or the competency result, not only "prestado". A listed variable the case does not have is
/// left out: an optional field the consultant left empty is not an error. A procedure may record several times (after
/// delivery, after each follow-up); each task is its own entry and the latest is the case's outcome.
/// </summary>
public sealed class RecordReferralOutcomeHandler(IEmployabilityRecord record) : IServiceTaskHandler
{
    public async ValueTask<IReadOnlyDictionary<string, object?>?> ExecuteAsync(ServiceTaskContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var outcome = new ReferralOutcome(
            context.IdempotencyKey,
            TaskVariables.RequiredString(context, "partyId"),
            context.CaseId,
            context.CaseNumber,
            context.OfficeCode,
            TaskVariables.RequiredString(context, "servicio"),
            TaskVariables.OptionalString(context, "casoOrigen"),
            TaskVariables.RequiredString(context, "resultadoPrestacion"),
            TaskVariables.OptionalString(context, "detallePrestacion"),
            TaskVariables.OptionalString(context, "resultadoSeguimiento"),
            TaskVariables.OptionalString(context, "observacionesSeguimiento"),
            Details(context));
        await record.RecordReferralOutcomeAsync(outcome, ct);
        return null;
    }

    private static Dictionary<string, object?> Details(ServiceTaskContext context)
    {
        var details = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var name in (context.Headers.GetValueOrDefault("detalles") ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            if (context.Variables.TryGetValue(name, out var value) && value is not null) details[name] = value;
        return details;
    }
}
