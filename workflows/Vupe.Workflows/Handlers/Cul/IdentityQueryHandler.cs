using Vupe.Connectors;
using Vupe.Engine;
using Vupe.Workflows.Cul;

namespace Vupe.Workflows.Handlers.Cul;

/// <summary>
/// Validates the citizen's identity with RENIEC (task type <c>vupe.cul.consultarIdentidad</c>): RENIEC must know the
/// DNI as in force, and its names and birth date must agree with the ficha's (start variables <c>nombres</c>,
/// <c>apellidoPaterno</c>, <c>apellidoMaterno</c>, <c>fechaNacimiento</c>). Without that check a ficha registered for
/// one person could get a certificate printed with another's identity. Sets <c>resultadoIdentidad</c> (validada,
/// no-coincide, no-validada), <c>identidadValidada</c> and <c>observacionIdentidad</c>, the reason in Spanish for the
/// consultant. A citizen without a DNI is not validated (no call is made): RENIEC only knows DNIs.
/// </summary>
internal sealed class IdentityQueryHandler(IIdentityRegistry registry, ICulArchive archive, CulPrefetch? prefetch = null) : IServiceTaskHandler
{
    private readonly BackOfficeQueryHandler<IdentityLookup> _query = new(CulSections.Identity, registry.LookUpAsync, archive, Judge);

    public async ValueTask<IReadOnlyDictionary<string, object?>?> ExecuteAsync(ServiceTaskContext context, CancellationToken ct)
    {
        if (!CulVariables.HoldsDni(context))
            return Outcome(IdentityOutcomes.NotValidated,
                $"El CUL se emite solo a titulares de DNI, cuya identidad valida RENIEC; el ciudadano se identifica con {TaskVariables.OptionalString(context, CulVariables.DocumentType)}.");
        var outcome = await _query.ExecuteAsync(context, ct);
        if (outcome?.GetValueOrDefault(CulVariables.IdentityValidated) is not true) return outcome;
        // Only a validated identity lets the other back offices be asked about the citizen; they are asked all at once.
        prefetch?.Start(context.CaseId, CulVariables.Dni(context), context.IdempotencyKey);
        return new Dictionary<string, object?>(outcome) { [CulVariables.ConsultationKey] = context.IdempotencyKey };
    }

    private static Dictionary<string, object?> Judge(ServiceTaskContext context, IdentityLookup lookup)
    {
        if (lookup.Citizen is not { } citizen)
            return Outcome(IdentityOutcomes.NotValidated,
                "RENIEC no tiene registrado el DNI de la ficha. No se emitió el CUL: verifique el número con el documento del ciudadano.");
        if (citizen.Status != IdentityStatus.Valid)
            return Outcome(IdentityOutcomes.NotValidated, citizen.Status switch
            {
                IdentityStatus.Deceased => "RENIEC registra al titular del DNI como fallecido. No se emitió el CUL.",
                _ => "RENIEC registra la inscripción del DNI como cancelada. No se emitió el CUL.",
            });
        var given = TaskVariables.OptionalString(context, CulVariables.GivenNames);
        var paternal = TaskVariables.OptionalString(context, CulVariables.PaternalSurname);
        var birth = CulVariables.StatedBirthDate(context);
        if (string.IsNullOrWhiteSpace(given) || string.IsNullOrWhiteSpace(paternal) || birth is null)
            return Outcome(IdentityOutcomes.Mismatch,
                "El expediente no trae los nombres y la fecha de nacimiento de la ficha, así que no pudieron compararse con RENIEC. No se emitió el CUL.");
        var differences = IdentityComparison.Compare(citizen, given, paternal, TaskVariables.OptionalString(context, CulVariables.MaternalSurname), birth);
        if (differences.Count > 0)
            return Outcome(IdentityOutcomes.Mismatch,
                $"Los datos de la ficha no coinciden con los de RENIEC para este DNI: {IdentityComparison.Describe(differences)}. "
                + "No se emitió el CUL. Corrija la ficha (o verifique que el DNI sea el del ciudadano) y vuelva a consultar, o cierre la solicitud sin emitir.");
        return new Dictionary<string, object?>
        {
            [CulVariables.IdentityValidated] = true,
            [CulVariables.IdentityOutcome] = IdentityOutcomes.Validated,
            [CulVariables.IdentityObservation] = null,
        };
    }

    private static Dictionary<string, object?> Outcome(string outcome, string observation) => new()
    {
        [CulVariables.IdentityValidated] = false,
        [CulVariables.IdentityOutcome] = outcome,
        [CulVariables.IdentityObservation] = observation,
    };
}
