using System.Text.Json;
using System.Text.Json.Serialization;
using Vupe.Engine.Runtime;

namespace Vupe.Engine.Persistence;

/// <summary>The execution tree of an instance as one JSON document: one row read and written per step.</summary>
internal static class InstanceStateSerializer
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new FeelValueJsonConverter(), new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
    };

    public static string Serialize(InstanceState state) => JsonSerializer.Serialize(state, Options);

    /// <summary>One variable's value as the state's JSON holds it (<see cref="FeelValueJsonConverter"/>, the same escapes).</summary>
    public static string SerializeValue(Feel.FeelValue value) => JsonSerializer.Serialize(value, Options);

    public static InstanceState Deserialize(string json) =>
        string.IsNullOrEmpty(json) ? new InstanceState() : JsonSerializer.Deserialize<InstanceState>(json, Options) ?? new InstanceState();
}
