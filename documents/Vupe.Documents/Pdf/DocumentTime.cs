using System.Globalization;

namespace Vupe.Documents.Pdf;

/// <summary>Formats dates and times the way a Peruvian reader expects (dd/MM/yyyy, 24-hour clock, local time).</summary>
internal sealed class DocumentTime
{
    private static readonly CultureInfo Peru = CultureInfo.GetCultureInfo("es-PE");
    private readonly TimeZoneInfo _zone;

    public DocumentTime(string timeZoneId)
    {
        // A machine without tz data still gets the right clock: Lima is UTC−5 all year.
        _zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone)
            ? zone
            : TimeZoneInfo.CreateCustomTimeZone(timeZoneId, TimeSpan.FromHours(-5), timeZoneId, timeZoneId);
    }

    public string DateTime(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, _zone).ToString("dd/MM/yyyy HH:mm", Peru);

    public string Date(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, _zone).ToString("dd/MM/yyyy", Peru);

    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", Peru);
}
