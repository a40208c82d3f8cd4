namespace Vupe.Feel;

/// <summary>A FEEL context: string keys in insertion order.</summary>
public sealed class FeelContext : FeelValue
{
    // Most contexts are small (a few entries), where a linear scan beats hashing; larger ones get an index.
    private const int IndexThreshold = 8;

    public static readonly FeelContext Empty = new(new List<KeyValuePair<string, FeelValue>>(), owned: true);

    private readonly List<KeyValuePair<string, FeelValue>> entries;
    private Dictionary<string, int>? index;

    /// <summary>Creates a context; a repeated key replaces the earlier value in its original position.</summary>
    public FeelContext(IEnumerable<KeyValuePair<string, FeelValue>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        this.entries = [];
        foreach (var entry in entries)
        {
            ArgumentNullException.ThrowIfNull(entry.Key);
            var existing = IndexOf(entry.Key);
            if (existing >= 0)
            {
                this.entries[existing] = new(entry.Key, entry.Value ?? FeelNull.Instance);
            }
            else
            {
                this.entries.Add(new(entry.Key, entry.Value ?? FeelNull.Instance));
                index = null;
            }
        }
    }

    internal FeelContext(List<KeyValuePair<string, FeelValue>> entries, bool owned)
    {
        _ = owned;
        this.entries = entries;
    }

    public IReadOnlyList<KeyValuePair<string, FeelValue>> Entries => entries;

    public int Count => entries.Count;

    public override string TypeName => "context";

    public bool TryGet(string key, out FeelValue value)
    {
        var i = IndexOf(key);
        if (i >= 0)
        {
            value = entries[i].Value;
            return true;
        }

        value = FeelNull.Instance;
        return false;
    }

    /// <summary>Returns a new context with the key added at the end or replaced in place.</summary>
    public FeelContext With(string key, FeelValue value)
    {
        var copy = new List<KeyValuePair<string, FeelValue>>(entries);
        var i = IndexOf(key);
        if (i >= 0)
        {
            copy[i] = new(key, value);
        }
        else
        {
            copy.Add(new(key, value));
        }

        return new FeelContext(copy, owned: true);
    }

    public override object? ToObject()
    {
        var result = new Dictionary<string, object?>(entries.Count, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            result[entry.Key] = entry.Value.ToObject();
        }

        return result;
    }

    public override bool Equals(FeelValue? other)
    {
        if (other is not FeelContext context || context.entries.Count != entries.Count)
        {
            return false;
        }

        foreach (var entry in entries)
        {
            if (!context.TryGet(entry.Key, out var value) || !value.Equals(entry.Value))
            {
                return false;
            }
        }

        return true;
    }

    // Order-insensitive, like Equals.
    public override int GetHashCode()
    {
        var hash = 0;
        foreach (var entry in entries)
        {
            hash += HashCode.Combine(StringComparer.Ordinal.GetHashCode(entry.Key), entry.Value);
        }

        return hash;
    }

    private int IndexOf(string key)
    {
        if (entries.Count <= IndexThreshold)
        {
            for (var i = 0; i < entries.Count; i++)
            {
                if (string.Equals(entries[i].Key, key, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            return -1;
        }

        if (index is null)
        {
            var built = new Dictionary<string, int>(entries.Count, StringComparer.Ordinal);
            for (var i = 0; i < entries.Count; i++)
            {
                built[entries[i].Key] = i;
            }

            index = built;
        }

        return index.TryGetValue(key, out var found) ? found : -1;
    }
}
