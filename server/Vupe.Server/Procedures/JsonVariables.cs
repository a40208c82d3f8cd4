using System.Text.Json;

namespace Vupe.Server.Procedures;

/// <summary>JSON from API clients to engine variables: numbers become decimals (as FEEL has them), objects dictionaries, arrays lists.</summary>
public static class JsonVariables
{
    public const int MaxDepth = 16;

    public static Dictionary<string, object?> ToVariables(IReadOnlyDictionary<string, JsonElement>? data)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (data is null) return result;
        foreach (var (key, value) in data) result[key] = ToValue(value, 0);
        return result;
    }

    public static object? ToValue(JsonElement e, int depth)
    {
        if (depth > MaxDepth) throw new Problems.FieldValidationException(new Dictionary<string, string[]> { ["data"] = ["Los datos están anidados demasiado."] });
        return e.ValueKind switch
        {
            JsonValueKind.String => e.GetString(),
            JsonValueKind.Number => e.TryGetDecimal(out var d) ? d : e.GetDouble(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Array => e.EnumerateArray().Select(x => ToValue(x, depth + 1)).ToList(),
            JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => ToValue(p.Value, depth + 1), StringComparer.Ordinal),
            _ => null,
        };
    }
}
