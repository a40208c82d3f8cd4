using System.Globalization;
using System.Text;

namespace Vupe.Connectors;

/// <summary>One datum on which what a ficha (or a request) says and what RENIEC says disagree.</summary>
/// <param name="Field">The API field: givenNames, paternalSurname, maternalSurname or birthDate.</param>
/// <param name="Label">The field as a Spanish sentence names it ("apellido paterno").</param>
public sealed record IdentityDifference(string Field, string Label, string Stated, string Reniec);

/// <summary>
/// Compares the names and birth date someone states with RENIEC's answer. Names are compared accent-, case- and
/// spacing-insensitively ("NUÑEZ  quispe" = "Núñez Quispe"): RENIEC writes capitals without accents, consultants type
/// them with; that is no disagreement. A datum not stated (null or blank) is not compared: it is taken from RENIEC.
/// </summary>
public static class IdentityComparison
{
    public const string GivenNames = "givenNames";
    public const string PaternalSurname = "paternalSurname";
    public const string MaternalSurname = "maternalSurname";
    public const string BirthDate = "birthDate";

    public static IReadOnlyList<IdentityDifference> Compare(CitizenIdentity reniec, string? givenNames, string? paternalSurname, string? maternalSurname,
        DateOnly? birthDate)
    {
        ArgumentNullException.ThrowIfNull(reniec);
        var differences = new List<IdentityDifference>();
        Name(differences, GivenNames, "nombres", givenNames, reniec.GivenNames);
        Name(differences, PaternalSurname, "apellido paterno", paternalSurname, reniec.PaternalSurname);
        Name(differences, MaternalSurname, "apellido materno", maternalSurname, reniec.MaternalSurname);
        if (birthDate is { } birth && birth != reniec.BirthDate)
            differences.Add(new IdentityDifference(BirthDate, "fecha de nacimiento", Date(birth), Date(reniec.BirthDate)));
        return differences;
    }

    /// <summary>"nombres (ficha: «Carmen Rosa»; RENIEC: «Julián») y fecha de nacimiento (ficha: 14/05/1990; RENIEC: 03/06/1965)".</summary>
    public static string Describe(IReadOnlyList<IdentityDifference> differences, string stated = "ficha")
    {
        ArgumentNullException.ThrowIfNull(differences);
        var parts = differences.Select(d => d.Field == BirthDate
            ? $"{d.Label} ({stated}: {d.Stated}; RENIEC: {d.Reniec})"
            : $"{d.Label} ({stated}: «{d.Stated}»; RENIEC: «{d.Reniec}»)").ToList();
        return parts.Count <= 1 ? string.Concat(parts) : $"{string.Join(", ", parts[..^1])} y {parts[^1]}";
    }

    /// <summary>Lower case, no accents or other marks, single spaces: "  José  ÑAHUI " → "jose nahui".</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decomposed = text.Trim().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var lastWasSpace = false;
        foreach (var ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsWhiteSpace(ch))
            {
                if (!lastWasSpace && sb.Length > 0) sb.Append(' ');
                lastWasSpace = true;
                continue;
            }
            sb.Append(char.ToLowerInvariant(ch));
            lastWasSpace = false;
        }
        return sb.ToString().TrimEnd();
    }

    private static void Name(List<IdentityDifference> differences, string field, string label, string? stated, string reniec)
    {
        if (string.IsNullOrWhiteSpace(stated)) return;
        if (!string.Equals(Fold(stated), Fold(reniec), StringComparison.Ordinal))
            differences.Add(new IdentityDifference(field, label, stated.Trim(), reniec));
    }

    private static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
