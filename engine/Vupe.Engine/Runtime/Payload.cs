using Vupe.Feel;

namespace Vupe.Engine.Runtime;

/// <summary>What a throwing element sends with its message or signal: its input-mapped local variables, nothing else.</summary>
internal static class Payload
{
    public static Dictionary<string, FeelValue> Of(Execution ex)
    {
        var result = new Dictionary<string, FeelValue>(ex.Variables ?? [], StringComparer.Ordinal);
        result.Remove("loopCounter");
        return result;
    }
}
