using Vupe.Engine;

namespace Vupe.Workflows.Handlers;

/// <summary>
/// Which process each confirmed service opens, as <see cref="OpenReferralsHandler"/> reads it: from the result of the
/// decision <c>procedimiento-por-servicio</c> (header <c>procedimientos</c> names its variable), or one process for all
/// (header <c>proceso</c>, what versions deployed before the decision carry). The mapping is data in the deployment, so
/// a supervisor changes a service's procedure by deploying the decision, not the code.
/// </summary>
internal static class ReferralProcedures
{
    public const string DecisionId = "procedimiento-por-servicio";

    public static IReadOnlyDictionary<string, string> Read(ServiceTaskContext context, IReadOnlyList<string> confirmed)
    {
        if (context.Headers.GetValueOrDefault("procedimientos") is { Length: > 0 } variable) return FromDecision(context, variable, confirmed);
        if (context.Headers.GetValueOrDefault("proceso") is { Length: > 0 } single) return confirmed.ToDictionary(c => c, _ => single, StringComparer.Ordinal);
        throw new InvalidOperationException(
            $"La tarea «{context.ElementId}» del caso {context.CaseNumber} no dice qué procedimiento abre cada servicio: agregue la cabecera <vupe:header key=\"procedimientos\" value=\"...\"/> con el resultado de la decisión {DecisionId}.");
    }

    private static Dictionary<string, string> FromDecision(ServiceTaskContext context, string variable, IReadOnlyList<string> confirmed)
    {
        var byService = new Dictionary<string, string>(StringComparer.Ordinal);
        var value = context.Variables.GetValueOrDefault(variable);
        if (value is not null and not IEnumerable<object?>)
            throw new InvalidOperationException($"La tarea «{context.ElementId}» del caso {context.CaseNumber}: la variable «{variable}» debe ser la lista que devuelve la decisión {DecisionId}.");
        foreach (var item in value as IEnumerable<object?> ?? [])
        {
            if (item is not IReadOnlyDictionary<string, object?> row || row.GetValueOrDefault("servicio") is not string service || row.GetValueOrDefault("proceso") is not string process
                || string.IsNullOrWhiteSpace(process))
                throw new InvalidOperationException(
                    $"La tarea «{context.ElementId}» del caso {context.CaseNumber}: cada fila de «{variable}» debe tener «servicio» y «proceso» (texto); revise las salidas de la decisión {DecisionId}.");
            // Two rules for one service would make the referral depend on rule order: refuse instead of guessing.
            if (byService.TryGetValue(service, out var other) && other != process)
                throw new InvalidOperationException(
                    $"La decisión {DecisionId} da dos procedimientos al servicio «{service}» ({other} y {process}): deje una sola regla por servicio.");
            byService[service] = process;
        }
        var missing = confirmed.Where(c => !byService.ContainsKey(c)).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException(
                $"{(missing.Count == 1 ? "El servicio" : "Los servicios")} {string.Join(", ", missing.Select(m => $"«{VupeServices.Get(m).Name}» ({m})"))} no {(missing.Count == 1 ? "tiene" : "tienen")} procedimiento en la decisión {DecisionId} para este tipo de usuario. No se abrió ninguna derivación: agregue la regla a la decisión y despliéguela, y derive a esta persona con un nuevo triaje (o migre este caso a la nueva versión).");
        return byService;
    }
}
