namespace Vupe.Feel.Evaluation;

/// <summary>A link in the chain of local variables; lookups walk from the innermost frame outwards.</summary>
internal abstract class Frame
{
    protected Frame(Frame? parent) => Parent = parent;

    public Frame? Parent { get; }

    public abstract bool TryGet(string name, out FeelValue value);
}

/// <summary>One variable: a loop variable, the unary-test input '?', a filter's item.</summary>
internal sealed class VariableFrame : Frame
{
    private readonly string name;
    private readonly FeelValue value;

    public VariableFrame(Frame? parent, string name, FeelValue value)
        : base(parent)
    {
        this.name = name;
        this.value = value;
    }

    public override bool TryGet(string name, out FeelValue value)
    {
        if (string.Equals(name, this.name, StringComparison.Ordinal))
        {
            value = this.value;
            return true;
        }

        value = FeelNull.Instance;
        return false;
    }
}

/// <summary>Function parameters bound to argument values.</summary>
internal sealed class ParameterFrame(Frame? parent, IReadOnlyList<string> names, FeelValue[] values) : Frame(parent)
{
    public override bool TryGet(string name, out FeelValue value)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                value = values[i];
                return true;
            }
        }

        value = FeelNull.Instance;
        return false;
    }
}

/// <summary>
/// The entries of a context: a filter item's fields, or a context literal while it is being built
/// (later entries, and functions defined in it, see the earlier ones and themselves).
/// </summary>
internal sealed class EntriesFrame(Frame? parent, IReadOnlyList<KeyValuePair<string, FeelValue>> entries) : Frame(parent)
{
    public override bool TryGet(string name, out FeelValue value)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            if (string.Equals(entries[i].Key, name, StringComparison.Ordinal))
            {
                value = entries[i].Value;
                return true;
            }
        }

        value = FeelNull.Instance;
        return false;
    }
}

/// <summary>Binds 'partial' in a for expression: the results so far, materialised only when read.</summary>
internal sealed class PartialFrame(Frame? parent, List<FeelValue> results) : Frame(parent)
{
    public override bool TryGet(string name, out FeelValue value)
    {
        if (string.Equals(name, "partial", StringComparison.Ordinal))
        {
            value = new FeelList([.. results], owned: true);
            return true;
        }

        value = FeelNull.Instance;
        return false;
    }
}
