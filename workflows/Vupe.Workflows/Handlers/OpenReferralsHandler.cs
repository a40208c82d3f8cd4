using Vupe.Engine;

namespace Vupe.Workflows.Handlers;

/// <summary>
/// <c>vupe.derivaciones.abrir</c>: opens one referral case per confirmed service, as child cases of the
/// triage's case (<see cref="ServiceTaskContext.OpenChildCase"/>), at the triage's office. The engine opens
/// them in the transaction that completes this task, so a failure opens none and a retry opens them once.
/// <list type="bullet">
/// <item>Reads <c>serviciosConfirmados</c> (list of service codes, required: the consultant's confirmation)
/// and <c>recomendaciones</c> (the decision's result, for each service's reasons and priority).</item>
/// <item>Headers: <c>procedimientos</c>, the variable holding the result of the decision <c>procedimiento-por-servicio</c>
/// (a list of contexts servicio, proceso): each service opens its own procedure, and a confirmed service the decision
/// gives no procedure stops the step with an incident naming it (never a silent default). <c>proceso</c>, one process key
/// for every service, is what versions deployed before the decision carry, so their running cases still complete.
/// One of the two is required. <c>variables</c>, comma-separated variables copied into every referral (default
/// <c>partyId</c>; the CUL needs tipoDocumento, numeroDocumento and nombre as well).</item>
/// <item>Each referral starts with servicio, servicioNombre, motivos (the matched rules' reasons, or that the
/// consultant added it), prioridad (alta if any reason is), agregadoPorConsultor, casoOrigen, casoOrigenId and
/// the copied variables.</item>
/// <item>Returns serviciosDerivados (in order, each once), serviciosAgregados (confirmed, not recommended) and
/// serviciosDescartados (recommended, not confirmed); the engine adds childCases (case numbers and ids).</item>
/// </list>
/// </summary>
public sealed class OpenReferralsHandler : IServiceTaskHandler
{
    public const string ConfirmedServicesVariable = "serviciosConfirmados";
    public const string RecommendationsVariable = "recomendaciones";
    public const string AddedByConsultantReason = "Agregado por el consultor al confirmar las derivaciones";

    public ValueTask<IReadOnlyDictionary<string, object?>?> ExecuteAsync(ServiceTaskContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var confirmed = TaskVariables.StringList(context, ConfirmedServicesVariable).Distinct(StringComparer.Ordinal).ToList();
        var unknown = confirmed.Where(c => !VupeServices.IsKnown(c)).ToList();
        if (unknown.Count > 0)
            throw new InvalidOperationException(
                $"Task '{context.ElementId}' of case {context.CaseNumber}: {string.Join(", ", unknown.Select(c => $"'{c}'"))} {(unknown.Count == 1 ? "is not a VUPE service code" : "are not VUPE service codes")}; the codes are: {string.Join(", ", VupeServices.All.Select(s => s.Code))}.");
        var recommendations = TaskVariables.Recommendations(context, RecommendationsVariable);
        var procedures = ReferralProcedures.Read(context, confirmed);
        var copied = (context.Headers.GetValueOrDefault("variables") ?? "partyId").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

        foreach (var code in confirmed)
        {
            var service = VupeServices.Get(code);
            var reasons = recommendations.Where(r => r.ServiceCode == code).ToList();
            var variables = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["servicio"] = code,
                ["servicioNombre"] = service.Name,
                ["motivos"] = reasons.Count > 0 ? reasons.Select(r => r.Reason).Distinct().ToList<object?>() : [AddedByConsultantReason],
                ["prioridad"] = reasons.Any(r => r.Priority == "alta") ? "alta" : "normal",
                ["agregadoPorConsultor"] = reasons.Count == 0,
                ["casoOrigen"] = context.CaseNumber,
                ["casoOrigenId"] = context.CaseId.ToString(),
            };
            foreach (var name in copied)
                if (context.Variables.TryGetValue(name, out var value)) variables[name] = value;
            context.OpenChildCase(new StartProcessRequest { ProcessKey = procedures[code], Title = $"Derivación a {service.Name}", Variables = variables });
        }

        var recommended = recommendations.Select(r => r.ServiceCode).Distinct().ToList();
        return ValueTask.FromResult<IReadOnlyDictionary<string, object?>?>(new Dictionary<string, object?>
        {
            ["serviciosDerivados"] = confirmed,
            ["serviciosAgregados"] = confirmed.Except(recommended).ToList(),
            ["serviciosDescartados"] = recommended.Except(confirmed).ToList(),
        });
    }
}
