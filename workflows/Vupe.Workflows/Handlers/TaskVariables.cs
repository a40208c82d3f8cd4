using Vupe.Engine;

namespace Vupe.Workflows.Handlers;

/// <summary>Typed reads of a handler's variables, failing with a message that names the variable and the task.</summary>
internal static class TaskVariables
{
    public static string RequiredString(ServiceTaskContext context, string name) =>
        OptionalString(context, name) ?? throw new InvalidOperationException($"{Where(context)} needs the variable '{name}', which is missing or empty.");

    public static string? OptionalString(ServiceTaskContext context, string name) =>
        context.Variables.TryGetValue(name, out var value) ? value switch
        {
            null => null,
            string s => string.IsNullOrWhiteSpace(s) ? null : s,
            _ => throw new InvalidOperationException($"{Where(context)}: the variable '{name}' must be text; it is {Describe(value)}."),
        } : null;

    public static string RequiredHeader(ServiceTaskContext context, string name) =>
        context.Headers.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new InvalidOperationException($"{Where(context)} needs the header <vupe:header key=\"{name}\" .../>.");

    /// <summary>A list of texts (a checklist's value); missing or null is an error.</summary>
    public static IReadOnlyList<string> StringList(ServiceTaskContext context, string name)
    {
        if (!context.Variables.TryGetValue(name, out var value) || value is null)
            throw new InvalidOperationException($"{Where(context)} needs the variable '{name}' (a list of service codes), which is missing.");
        if (value is not IEnumerable<object?> items)
            throw new InvalidOperationException($"{Where(context)}: the variable '{name}' must be a list of service codes; it is {Describe(value)}.");
        return [.. items.Select((item, i) => item as string
            ?? throw new InvalidOperationException($"{Where(context)}: item {i + 1} of '{name}' must be a service code; it is {Describe(item)}."))];
    }

    /// <summary>The triage decision's result (a list of contexts servicio, motivo, prioridad); missing or null is none.</summary>
    public static IReadOnlyList<ServiceRecommendation> Recommendations(ServiceTaskContext context, string name)
    {
        if (!context.Variables.TryGetValue(name, out var value) || value is null) return [];
        if (value is not IEnumerable<object?> items)
            throw new InvalidOperationException($"{Where(context)}: the variable '{name}' must be the decision's list of recommendations; it is {Describe(value)}.");
        var result = new List<ServiceRecommendation>();
        foreach (var item in items)
        {
            if (item is not IReadOnlyDictionary<string, object?> entry || entry.GetValueOrDefault("servicio") is not string code)
                throw new InvalidOperationException($"{Where(context)}: each item of '{name}' must be a context with 'servicio', 'motivo' and 'prioridad'; found {Describe(item)}.");
            var service = VupeServices.Find(code)
                ?? throw new InvalidOperationException($"{Where(context)}: '{name}' recommends '{code}', which is not a VUPE service code.");
            result.Add(new ServiceRecommendation(code, service.Name, entry.GetValueOrDefault("motivo") as string ?? "", entry.GetValueOrDefault("prioridad") as string ?? "normal"));
        }
        return result;
    }

    private static string Where(ServiceTaskContext context) => $"Task '{context.ElementId}' ({context.TaskType}) of case {context.CaseNumber}";

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string s => $"the text \"{s}\"",
        IEnumerable<object?> => "a list",
        IReadOnlyDictionary<string, object?> => "a context",
        _ => $"a {value.GetType().Name} ({value})",
    };
}
