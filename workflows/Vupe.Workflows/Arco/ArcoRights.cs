namespace Vupe.Workflows.Arco;

/// <summary>One of the four ARCO rights of Ley 29733 and the business days the holder's request must be answered in.</summary>
public sealed record ArcoRight(string Code, string Name, int BusinessDays);

/// <summary>
/// The ARCO rights (Ley 29733, Ley de Protección de Datos Personales) and their legal deadlines: 20 business days for
/// acceso, 10 for rectificación, cancelación and oposición (docs/catalogue.md names the source).
/// </summary>
public static class ArcoRights
{
    public const string Access = "acceso";
    public const string Rectification = "rectificacion";
    public const string Cancellation = "cancelacion";
    public const string Objection = "oposicion";

    public static IReadOnlyList<ArcoRight> All { get; } =
    [
        new(Access, "Acceso a mis datos personales", 20),
        new(Rectification, "Rectificación de mis datos", 10),
        new(Cancellation, "Cancelación (supresión) de mis datos", 10),
        new(Objection, "Oposición al tratamiento de mis datos", 10),
    ];

    public static ArcoRight? Find(string? code) => All.FirstOrDefault(r => string.Equals(r.Code, code, StringComparison.Ordinal));
}

/// <summary>
/// Counts business days in Lima: Monday to Friday except Peru's national holidays (the fixed-date ones of the
/// Decreto Legislativo 713 and later laws, plus Holy Thursday and Good Friday). The filing day is not counted; the
/// deadline is the end of the last business day, Lima time (Peru keeps no daylight saving time: UTC−5).
/// </summary>
public static class LimaBusinessDays
{
    private static readonly TimeSpan Lima = TimeSpan.FromHours(-5);

    // (month, day): Año Nuevo, Día del Trabajo, Batalla de Arica, San Pedro y San Pablo, Día de la Fuerza Aérea, Fiestas Patrias (2),
    // Batalla de Junín, Santa Rosa de Lima, Combate de Angamos, Todos los Santos, Inmaculada Concepción, Batalla de Ayacucho, Navidad.
    private static readonly HashSet<(int, int)> FixedHolidays =
        [(1, 1), (5, 1), (6, 7), (6, 29), (7, 23), (7, 28), (7, 29), (8, 6), (8, 30), (10, 8), (11, 1), (12, 8), (12, 9), (12, 25)];

    public static bool IsBusinessDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !FixedHolidays.Contains((day.Month, day.Day)) && !IsHolyWeekHoliday(day);

    /// <summary>The end (23:59:59 Lima) of the <paramref name="businessDays"/>-th business day after the Lima day of <paramref name="filedAt"/>.</summary>
    public static DateTimeOffset Deadline(DateTimeOffset filedAt, int businessDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(businessDays);
        var day = DateOnly.FromDateTime(filedAt.ToOffset(Lima).DateTime);
        for (var counted = 0; counted < businessDays;)
        {
            day = day.AddDays(1);
            if (IsBusinessDay(day)) counted++;
        }
        return new DateTimeOffset(day.ToDateTime(new TimeOnly(23, 59, 59)), Lima);
    }

    private static bool IsHolyWeekHoliday(DateOnly day)
    {
        var easter = EasterSunday(day.Year);
        return day == easter.AddDays(-3) || day == easter.AddDays(-2);
    }

    /// <summary>Gregorian Easter Sunday (the anonymous Gregorian algorithm).</summary>
    internal static DateOnly EasterSunday(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        int h = ((19 * a) + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + (2 * e) + (2 * i) - h - k) % 7, m = (a + (11 * h) + (22 * l)) / 451;
        int month = (h + l - (7 * m) + 114) / 31, dayOfMonth = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, dayOfMonth);
    }
}
