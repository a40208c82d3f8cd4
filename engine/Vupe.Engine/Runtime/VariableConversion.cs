using Vupe.Feel;

namespace Vupe.Engine.Runtime;

/// <summary>Between .NET values at the API and FEEL values inside the engine.</summary>
internal static class VariableConversion
{
    public static Dictionary<string, FeelValue> ToFeel(IReadOnlyDictionary<string, object?>? variables)
    {
        var result = new Dictionary<string, FeelValue>(StringComparer.Ordinal);
        if (variables is null) return result;
        foreach (var (name, value) in variables)
        {
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A variable name cannot be empty.");
            try
            {
                result[name] = FeelValue.FromObject(value);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Variable '{name}': {e.Message}", e);
            }
        }
        return result;
    }

    public static Dictionary<string, object?> ToObjects(IReadOnlyDictionary<string, FeelValue> variables)
    {
        var result = new Dictionary<string, object?>(variables.Count, StringComparer.Ordinal);
        foreach (var (k, v) in variables) result[k] = v.ToObject();
        return result;
    }
}
