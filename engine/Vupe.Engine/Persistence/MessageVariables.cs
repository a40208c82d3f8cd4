using System.Text.Json;
using Vupe.Feel;

namespace Vupe.Engine.Persistence;

/// <summary>Variables as JSON, for buffered messages and the instance state.</summary>
internal static class MessageVariables
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new FeelValueJsonConverter() } };

    public static string Serialize(IReadOnlyDictionary<string, FeelValue> variables) => JsonSerializer.Serialize(variables, Options);

    public static Dictionary<string, FeelValue> Deserialize(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, FeelValue>>(json, Options) ?? new Dictionary<string, FeelValue>(StringComparer.Ordinal);
}
