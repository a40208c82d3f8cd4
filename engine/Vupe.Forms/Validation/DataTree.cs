using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace Vupe.Forms.Validation;

/// <summary>
/// Submitted data as one plain tree the validator can read, write and hand to FEEL: objects are
/// <see cref="Dictionary{TKey,TValue}"/> (ordinal keys), arrays <see cref="List{T}"/>, numbers <see cref="decimal"/>,
/// plus strings, booleans and null. Whatever cannot be put so becomes an <see cref="Unsupported"/> marker, which
/// any field reports as a type error. The tree is always a fresh copy, so the validator may change it.
/// </summary>
internal static class DataTree
{
    public static Dictionary<string, object?> FromJson(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"Form data must be a JSON object, not {json.ValueKind}.", nameof(json));
        }

        return (Dictionary<string, object?>)FromJsonValue(json)!;
    }

    public static Dictionary<string, object?> FromDictionary(IReadOnlyDictionary<string, object?> data)
    {
        var result = new Dictionary<string, object?>(data.Count, StringComparer.Ordinal);
        foreach (var (key, value) in data)
        {
            result[key] = FromClr(value);
        }

        return result;
    }

    private static object? FromJsonValue(JsonElement json)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var property in json.EnumerateObject())
                {
                    obj[property.Name] = FromJsonValue(property.Value);
                }

                return obj;
            case JsonValueKind.Array:
                var list = new List<object?>(json.GetArrayLength());
                foreach (var item in json.EnumerateArray())
                {
                    list.Add(FromJsonValue(item));
                }

                return list;
            case JsonValueKind.String:
                return json.GetString();
            case JsonValueKind.Number:
                // Beyond decimal's range (1e300) no form field can hold it; report it rather than round it.
                return json.TryGetDecimal(out var number) ? number : new Unsupported("number out of range");
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }

    /// <summary>CLR values from a caller (or JSON elements an ASP.NET binder left in a dictionary) to the tree.</summary>
    public static object? FromClr(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b,
        decimal m => m,
        int or long or short or byte or sbyte or ushort or uint or ulong => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
        double d => FromDouble(d),
        float f => FromDouble(f),
        JsonElement json => FromJsonValue(json),
        // Typed dates from C# callers are written the way form-js writes them.
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly t => t.Second == 0 && t.Millisecond == 0
            ? t.ToString("HH:mm", CultureInfo.InvariantCulture)
            : t.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
        DateTimeOffset dto => dto.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        DateTime dt => dt.Kind == DateTimeKind.Utc
            ? dt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : dt.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        IReadOnlyDictionary<string, object?> dictionary => FromDictionary(dictionary),
        IDictionary<string, object?> dictionary => FromPairs(dictionary),
        IDictionary dictionary => FromNonGeneric(dictionary),
        IEnumerable enumerable => FromEnumerable(enumerable),
        _ => new Unsupported(value.GetType().Name),
    };

    private static object FromDouble(double d) =>
        double.IsFinite(d) && Math.Abs(d) < 7.9e28 ? (decimal)d : new Unsupported("number out of range");

    private static Dictionary<string, object?> FromPairs(IEnumerable<KeyValuePair<string, object?>> pairs)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in pairs)
        {
            result[key] = FromClr(value);
        }

        return result;
    }

    // Dictionary<string, string> and the like: an object if every key is a string.
    private static object FromNonGeneric(IDictionary dictionary)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in dictionary)
        {
            if (entry.Key is not string key)
            {
                return new Unsupported(dictionary.GetType().Name);
            }

            result[key] = FromClr(entry.Value);
        }

        return result;
    }

    private static List<object?> FromEnumerable(IEnumerable enumerable)
    {
        var result = new List<object?>();
        foreach (var item in enumerable)
        {
            result.Add(FromClr(item));
        }

        return result;
    }

    /// <summary>Reads the value at a dotted path below an object.</summary>
    /// <returns>
    /// <see cref="Lookup.Found"/> (the value may be an explicit null), <see cref="Lookup.Absent"/> (a key or an
    /// intermediate object is missing or null), or <see cref="Lookup.Blocked"/> when an intermediate value is not an
    /// object; <paramref name="blockedAt"/> then counts the segments up to and including that value.
    /// </returns>
    public static Lookup TryGet(Dictionary<string, object?> root, IReadOnlyList<string> segments, out object? value, out int blockedAt)
    {
        value = null;
        blockedAt = 0;
        var current = root;
        for (var i = 0; i < segments.Count; i++)
        {
            if (!current.TryGetValue(segments[i], out var next))
            {
                return Lookup.Absent;
            }

            if (i == segments.Count - 1)
            {
                value = next;
                return Lookup.Found;
            }

            switch (next)
            {
                case null:
                    return Lookup.Absent;
                case Dictionary<string, object?> child:
                    current = child;
                    break;
                default:
                    blockedAt = i + 1;
                    return Lookup.Blocked;
            }
        }

        value = root;
        return Lookup.Found;
    }

    /// <summary>Writes a value at a dotted path, creating missing (or null) intermediate objects; false if a non-object is in the way.</summary>
    public static bool TrySet(Dictionary<string, object?> root, IReadOnlyList<string> segments, object? value)
    {
        var current = root;
        for (var i = 0; i < segments.Count - 1; i++)
        {
            current.TryGetValue(segments[i], out var next);
            switch (next)
            {
                case null:
                    var created = new Dictionary<string, object?>(StringComparer.Ordinal);
                    current[segments[i]] = created;
                    current = created;
                    break;
                case Dictionary<string, object?> child:
                    current = child;
                    break;
                default:
                    return false;
            }
        }

        current[segments[^1]] = value;
        return true;
    }

    /// <summary>The object at a path, created when missing; null when a non-object is in the way (<paramref name="blockedAt"/> as in <see cref="TryGet"/>).</summary>
    public static Dictionary<string, object?>? GetOrCreateObject(Dictionary<string, object?> root, IReadOnlyList<string> segments, out int blockedAt)
    {
        blockedAt = 0;
        var current = root;
        for (var i = 0; i < segments.Count; i++)
        {
            current.TryGetValue(segments[i], out var next);
            switch (next)
            {
                case null:
                    var created = new Dictionary<string, object?>(StringComparer.Ordinal);
                    current[segments[i]] = created;
                    current = created;
                    break;
                case Dictionary<string, object?> child:
                    current = child;
                    break;
                default:
                    blockedAt = i + 1;
                    return null;
            }
        }

        return current;
    }
}

internal enum Lookup
{
    Found,
    Absent,
    Blocked,
}

/// <summary>A submitted value of a kind no form field can take (a CLR object, a number beyond decimal's range).</summary>
internal sealed record Unsupported(string What);
