using System.Globalization;
using System.Text.RegularExpressions;

namespace Vupe.Forms.Validation;

/// <summary>The fixed formats: numbers sent as text, e-mail, phone, and the ISO 8601 shapes form-js writes for datetime fields.</summary>
internal static partial class TextFormats
{
    /// <summary>How long a designer's pattern may run on one value before the value counts as not matching.</summary>
    public static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary>"18", "-3", "2.50" (and nothing after: \z, not $, which would let a trailing newline in): the plain decimal notation form-js writes when a number field serialises to string. No exponent, no thousands separators, no comma.</summary>
    public static bool TryParseNumber(string text, out decimal value)
    {
        value = 0;
        return NumberText().IsMatch(text)
            && decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The HTML standard's "valid e-mail address" (what browsers and form-js accept).</summary>
    public static bool IsEmail(string text) => Email().IsMatch(text);

    /// <summary>
    /// An international number: "+" or "00", a country code and the subscriber number, digits only ("+51987654321").
    /// form-js accepts the same shape (it checks country codes one by one); this rule is a little more lenient on
    /// the country code and stricter in that the whole value must be the number.
    /// </summary>
    public static bool IsPhone(string text) => Phone().IsMatch(text);

    /// <summary>"2025-03-31": a real calendar date.</summary>
    public static bool IsDate(string text) =>
        DateText().IsMatch(text) && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    /// <summary>"14:30", "14:30:15", with an optional "Z" or "-05:00" (form-js's time serialising formats).</summary>
    public static bool IsTime(string text) => TimeText().Match(text) is { Success: true } m && TimeGroupsValid(m);

    /// <summary>"2025-03-31T14:30", with optional seconds, fraction and "Z" or offset.</summary>
    public static bool IsDateTime(string text)
    {
        var t = text.IndexOf('T', StringComparison.Ordinal);
        return t == 10 && IsDate(text[..10]) && IsTime(text[11..]);
    }

    public static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Length >= 10 ? text[..10] : text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static bool TimeGroupsValid(Match m)
    {
        var hour = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
        var second = m.Groups["s"].Success ? int.Parse(m.Groups["s"].Value, CultureInfo.InvariantCulture) : 0;
        if (hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        if (m.Groups["oh"].Success)
        {
            var offsetHours = int.Parse(m.Groups["oh"].Value, CultureInfo.InvariantCulture);
            var offsetMinutes = int.Parse(m.Groups["om"].Value, CultureInfo.InvariantCulture);
            return offsetHours <= 14 && offsetMinutes <= 59;
        }

        return true;
    }

    [GeneratedRegex(@"^-?[0-9]+(\.[0-9]+)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex NumberText();

    [GeneratedRegex(@"^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    [GeneratedRegex(@"^(?:\+|00)[1-9][0-9]{6,19}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Phone();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}\z", RegexOptions.CultureInvariant)]
    private static partial Regex DateText();

    [GeneratedRegex(@"^(?<h>[0-9]{2}):(?<m>[0-9]{2})(?::(?<s>[0-9]{2})(?:\.[0-9]{1,9})?)?(?:Z|[+-](?<oh>[0-9]{2}):(?<om>[0-9]{2}))?\z", RegexOptions.CultureInvariant)]
    private static partial Regex TimeText();
}
