using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vupe.Workflows.Handlers.Cul;

/// <summary>How section answers are written for the archive and read back to build the certificate.</summary>
internal static class CulJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json, string section) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidOperationException($"The archived answer for section '{section}' is empty.");
}
