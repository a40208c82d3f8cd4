using Vupe.Engine;

namespace Vupe.Workflows.Handlers;

/// <summary>
/// <c>vupe.ficha.registrarResultado</c>: writes how a referral ended to the ficha única through
/// <see cref="IEmployabilityRecord"/>, keyed by the task's idempotency key. Reads partyId, servicio and
/// resultadoPrestacion (required), detallePrestacion, resultadoSeguimiento, observacionesSeguimiento and casoOrigen.
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
            TaskVariables.OptionalString(context, "observacionesSeguimiento"));
        await record.RecordReferralOutcomeAsync(outcome, ct);
        return null;
    }
}
