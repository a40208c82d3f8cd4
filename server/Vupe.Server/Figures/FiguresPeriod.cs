using Vupe.Server.Pages;
using Vupe.Server.Problems;

namespace Vupe.Server.Figures;

/// <summary>
/// The period the figures cover: whole days in Lima time, <see cref="From"/> to <see cref="To"/> inclusive. A period
/// that ends before it starts or spans more than <see cref="MaxYears"/> years is refused with a Spanish message,
/// never swapped or clipped silently: a ministry report must say exactly what it counts.
/// </summary>
public sealed record FiguresPeriod(DateOnly From, DateOnly To)
{
    /// <summary>The longest period a view may ask for; longer ones are several reports (and would sort more durations than a view should).</summary>
    public const int MaxYears = 5;

    /// <summary>The first instant of the period (00:00 in Lima).</summary>
    public DateTimeOffset Start => new(From.ToDateTime(TimeOnly.MinValue), LimaTime.Offset);

    /// <summary>The first instant after the period (00:00 in Lima of the day after <see cref="To"/>), exclusive.</summary>
    public DateTimeOffset End => new(To.AddDays(1).ToDateTime(TimeOnly.MinValue), LimaTime.Offset);

    /// <summary>The period asked for; missing bounds default to the 30 days that end today (Lima).</summary>
    public static FiguresPeriod Parse(string? from, string? to, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        var today = DateOnly.FromDateTime(now.ToOffset(LimaTime.Offset).DateTime);
        var end = DateOf(errors, "hasta", to) ?? today;
        var start = DateOf(errors, "desde", from) ?? end.AddDays(-29);
        if (!errors.Any)
        {
            if (start > end) errors.Add("desde", $"La fecha de inicio ({start:dd/MM/yyyy}) es posterior a la fecha de fin ({end:dd/MM/yyyy}).");
            else if (start < end.AddYears(-MaxYears)) errors.Add("desde", $"El periodo no puede superar {MaxYears} años; elija un rango más corto.");
        }
        errors.ThrowIfAny();
        return new FiguresPeriod(start, end);
    }

    private static DateOnly? DateOf(FieldErrors errors, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date)) return date;
        errors.Add(field, "Fecha no válida; use el formato AAAA-MM-DD.");
        return null;
    }
}
