using System.Collections;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vupe.Feel;

/// <summary>CLR to FEEL conversion behind <see cref="FeelValue.FromObject"/>.</summary>
internal static class ValueConversion
{
    public static FeelValue FromObject(object? value) => value switch
    {
        null => FeelNull.Instance,
        FeelValue v => v,
        bool b => FeelBoolean.Of(b),
        string s => new FeelString(s),
        char c => new FeelString(c.ToString()),
        decimal m => FeelNumber.Of(m),
        int i => FeelNumber.Of(i),
        long l => FeelNumber.Of(l),
        short s => FeelNumber.Of(s),
        byte b => FeelNumber.Of(b),
        sbyte b => FeelNumber.Of(b),
        ushort s => FeelNumber.Of(s),
        uint u => FeelNumber.Of(u),
        ulong u => FeelNumber.Of(u),
        double d => FromDouble(d),
        float f => FromDouble(f),
        Half h => FromDouble((double)h),
        nint n => FeelNumber.Of(n),
        nuint n => FeelNumber.Of(n),
        Int128 i => FromBig((BigInteger)i),
        UInt128 u => FromBig((BigInteger)u),
        BigInteger big => FromBig(big),
        DateOnly d => new FeelDate(d),
        TimeOnly t => new FeelTime(t),
        DateTimeOffset dto => new FeelDateTime(dto),
        DateTime dt => FromDateTime(dt),
        TimeSpan ts => new FeelDaysTimeDuration(ts),
        Enum e => new FeelString(e.ToString()),
        Guid g => new FeelString(g.ToString()),
        JsonElement json => FromJson(json),
        JsonNode node => FromJson(JsonSerializer.SerializeToElement(node)),
        IDictionary<string, object?> dictionary => FromPairs(dictionary),
        IReadOnlyDictionary<string, object?> dictionary => FromPairs(dictionary),
        IDictionary dictionary => FromDictionary(dictionary),
        IEnumerable enumerable => FromEnumerable(enumerable),
        _ => throw new ArgumentException($"Cannot convert a value of type '{value.GetType().FullName}' to FEEL.", nameof(value)),
    };

    // NaN and the infinities have no decimal form; FEEL has no such numbers, so they read as null.
    private static FeelValue FromDouble(double d) =>
        double.IsFinite(d) && Math.Abs(d) <= (double)decimal.MaxValue ? new FeelNumber((decimal)d) : FeelNull.Instance;

    private static FeelValue FromBig(BigInteger big) =>
        big >= (BigInteger)decimal.MinValue && big <= (BigInteger)decimal.MaxValue ? new FeelNumber((decimal)big) : FeelNull.Instance;

    private static FeelDateTime FromDateTime(DateTime dt) => dt.Kind switch
    {
        DateTimeKind.Utc => new FeelDateTime(dt, TimeSpan.Zero),
        DateTimeKind.Local => new FeelDateTime(new DateTimeOffset(dt)),
        _ => new FeelDateTime(dt),
    };

    private static FeelContext FromPairs(IEnumerable<KeyValuePair<string, object?>> pairs)
    {
        var entries = new List<KeyValuePair<string, FeelValue>>();
        foreach (var pair in pairs)
        {
            entries.Add(new(pair.Key, FromObject(pair.Value)));
        }

        return new FeelContext(entries);
    }

    private static FeelContext FromDictionary(IDictionary dictionary)
    {
        var entries = new List<KeyValuePair<string, FeelValue>>();
        foreach (DictionaryEntry entry in dictionary)
        {
            if (entry.Key is not string key)
            {
                throw new ArgumentException($"Cannot convert a dictionary with keys of type '{entry.Key.GetType().FullName}' to a FEEL context; keys must be strings.", nameof(dictionary));
            }

            entries.Add(new(key, FromObject(entry.Value)));
        }

        return new FeelContext(entries);
    }

    private static FeelList FromEnumerable(IEnumerable enumerable)
    {
        var items = new List<FeelValue>();
        foreach (var item in enumerable)
        {
            items.Add(FromObject(item));
        }

        return new FeelList(items, owned: true);
    }

    private static FeelValue FromJson(JsonElement json)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.Object:
                var entries = new List<KeyValuePair<string, FeelValue>>();
                foreach (var property in json.EnumerateObject())
                {
                    entries.Add(new(property.Name, FromJson(property.Value)));
                }

                return new FeelContext(entries);
            case JsonValueKind.Array:
                var items = new List<FeelValue>();
                foreach (var item in json.EnumerateArray())
                {
                    items.Add(FromJson(item));
                }

                return new FeelList(items, owned: true);
            case JsonValueKind.String:
                return new FeelString(json.GetString()!);
            case JsonValueKind.Number:
                return json.TryGetDecimal(out var number) ? new FeelNumber(number) : FromDouble(json.GetDouble());
            case JsonValueKind.True:
                return FeelBoolean.True;
            case JsonValueKind.False:
                return FeelBoolean.False;
            default:
                return FeelNull.Instance;
        }
    }
}
