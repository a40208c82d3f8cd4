namespace Vupe.Feel;

public sealed class FeelList : FeelValue
{
    public static readonly FeelList Empty = new(Array.Empty<FeelValue>(), owned: true);

    public FeelList(IEnumerable<FeelValue> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        Items = [.. items];
    }

    // The evaluator hands over freshly built arrays/lists; copying them again would double the allocations.
    internal FeelList(IReadOnlyList<FeelValue> items, bool owned)
    {
        _ = owned;
        Items = items;
    }

    public IReadOnlyList<FeelValue> Items { get; }

    public int Count => Items.Count;

    public override string TypeName => "list";

    public override object? ToObject()
    {
        var result = new List<object?>(Items.Count);
        foreach (var item in Items)
        {
            result.Add(item.ToObject());
        }

        return result;
    }

    public override bool Equals(FeelValue? other)
    {
        if (other is not FeelList list || list.Items.Count != Items.Count)
        {
            return false;
        }

        for (var i = 0; i < Items.Count; i++)
        {
            if (!Items[i].Equals(list.Items[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in Items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }
}
