using System.Text.Json;

namespace Vupe.Server.Parties;

/// <summary>
/// The details a procedure recorded with a referral's outcome, read back from the entry's JSON <c>Data</c> (property
/// <c>details</c> of the serialised ReferralOutcome). They live in the JSON, not in columns, so each procedure records
/// its own without a schema change; entries written before details existed have none.
/// </summary>
internal static class OutcomeDetails
{
    private static readonly IReadOnlyDictionary<string, JsonElement> None = new Dictionary<string, JsonElement>();

    public static IReadOnlyDictionary<string, JsonElement> From(string? data)
    {
        if (string.IsNullOrEmpty(data)) return None;
        using var document = JsonDocument.Parse(data);
        if (!document.RootElement.TryGetProperty("details", out var details) || details.ValueKind != JsonValueKind.Object) return None;
        // Cloned: the elements outlive the document they were parsed from.
        return details.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
    }
}
