using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Vupe.Engine.Runtime;

/// <summary>
/// The variables an element can see, as .NET values, read on demand: most handlers read two or
/// three variables, and copying every variable of the case for each call was wasted work.
/// Valid while the handler runs.
/// </summary>
internal sealed class VisibleVariablesView(InstanceContext instance, Execution execution) : IReadOnlyDictionary<string, object?>
{
    private Dictionary<string, object?>? _all;
    private Dictionary<string, object?> All => _all ??= VariableConversion.ToObjects(instance.VisibleVariables(execution));

    public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No variable '{key}' is visible here.");

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        if (_all is not null) return _all.TryGetValue(key, out value);
        if (instance.TryGetVariable(execution, key, out var feel))
        {
            value = feel.ToObject();
            return true;
        }
        value = null;
        return false;
    }

    public bool ContainsKey(string key) => TryGetValue(key, out _);
    public IEnumerable<string> Keys => All.Keys;
    public IEnumerable<object?> Values => All.Values;
    public int Count => All.Count;
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => All.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
