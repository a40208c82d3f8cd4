using System.Globalization;

namespace Vupe.Server.Pages;

/// <summary>How pages show an instant: in Lima's time, Peruvian format, "—" for none.</summary>
public static class LimaTime
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("America/Lima");
    /// <summary>Lima's fixed offset (Peru keeps no daylight saving time): where a day the user names begins and ends.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(-5);
    private static readonly CultureInfo Peru = CultureInfo.GetCultureInfo("es-PE");

    public static string Format(DateTimeOffset? instant, string pattern = "dd/MM/yyyy HH:mm") =>
        instant is { } v ? TimeZoneInfo.ConvertTime(v, Zone).ToString(pattern, Peru) : "—";
}
