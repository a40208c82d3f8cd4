namespace Vupe.Feel;

/// <summary>A dictionary-backed scope. Not thread-safe for writes; evaluations may share it for reading.</summary>
public sealed class FeelScope : IFeelScope, IFeelClockSource
{
    private readonly Dictionary<string, FeelValue> variables;

    public FeelScope()
    {
        variables = new Dictionary<string, FeelValue>(StringComparer.Ordinal);
    }

    public FeelScope(IReadOnlyDictionary<string, FeelValue> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        this.variables = new Dictionary<string, FeelValue>(variables.Count, StringComparer.Ordinal);
        foreach (var pair in variables)
        {
            this.variables[pair.Key] = pair.Value ?? FeelNull.Instance;
        }
    }

    /// <summary>Converts each CLR value with <see cref="FeelValue.FromObject"/>.</summary>
    public FeelScope(IDictionary<string, object?> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        this.variables = new Dictionary<string, FeelValue>(variables.Count, StringComparer.Ordinal);
        foreach (var pair in variables)
        {
            this.variables[pair.Key] = FeelValue.FromObject(pair.Value);
        }
    }

    /// <summary>An empty scope on the system clock.</summary>
    public static FeelScope Empty { get; } = new();

    /// <summary>The clock behind now() and today(); replace it in tests to freeze time.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public IReadOnlyDictionary<string, FeelValue> Variables => variables;

    public bool TryGetVariable(string name, out FeelValue value)
    {
        if (variables.TryGetValue(name, out var found))
        {
            value = found;
            return true;
        }

        value = FeelNull.Instance;
        return false;
    }

    /// <summary>Adds or replaces a variable; returns this scope for chaining.</summary>
    public FeelScope Set(string name, object? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (ReferenceEquals(this, Empty))
        {
            throw new InvalidOperationException("FeelScope.Empty is shared and cannot be modified; create a new FeelScope.");
        }

        variables[name] = FeelValue.FromObject(value);
        return this;
    }
}
