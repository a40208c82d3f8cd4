using System.Text.Json;

namespace Vupe.Server.Parties;

/// <summary>
/// The details a procedure recorded with a referral's outcome, read back from the entry's JSON <c>Data</c> (property
/// <c>details</c> of the serialised ReferralOutcome). They live in the JSON, not in columns, so each procedure records
/// its own without a schema change; entries written before details existed have none. A procedure records several
/// times (delivery, then each follow-up): the case's details are all of them, a later value replacing an earlier one.
/// </summary>
public static class OutcomeDetails
{
    private static readonly IReadOnlyDictionary<string, JsonElement> None = new Dictionary<string, JsonElement>();

    /// <summary>A detail as a person reads it: lists joined, a context as "key: value" pairs, yes/no for booleans, empty values left out.</summary>
    public static string Display(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(Display).Where(v => v.Length > 0)),
        JsonValueKind.Object => string.Join("; ", value.EnumerateObject().Select(p => (p.Name, Text: Display(p.Value))).Where(p => p.Text.Length > 0).Select(p => $"{p.Name}: {p.Text}")),
        JsonValueKind.True => "sí",
        JsonValueKind.False => "no",
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        _ => value.ToString(),
    };

    /// <summary>The details of a case's outcome entries, given oldest first.</summary>
    public static IReadOnlyDictionary<string, JsonElement> From(IEnumerable<string> data)
    {
        Dictionary<string, JsonElement>? merged = null;
        foreach (var entry in data)
        {
            using var document = JsonDocument.Parse(entry);
            if (!document.RootElement.TryGetProperty("details", out var details) || details.ValueKind != JsonValueKind.Object) continue;
            merged ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            // Cloned: the elements outlive the document they were parsed from.
            foreach (var property in details.EnumerateObject()) merged[property.Name] = property.Value.Clone();
        }
        return merged ?? None;
    }
}
