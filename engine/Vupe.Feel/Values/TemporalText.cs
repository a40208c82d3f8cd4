using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Vupe.Feel;

/// <summary>ISO-8601 text for FEEL temporal values, as used by literals (@"..."), conversions and timers.</summary>
internal static partial class TemporalText
{
    public static FeelDate? ParseDate(string text)
    {
        var match = DatePattern().Match(text);
        return match.Success && TryDate(match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value, out var date)
            ? new FeelDate(date)
            : null;
    }

    public static FeelTime? ParseTime(string text)
    {
        var match = TimePattern().Match(text);
        if (!match.Success || !TryTimeOfDay(match, out var time))
        {
            return null;
        }

        var zone = match.Groups["zone"].Value;
        if (zone.Length == 0)
        {
            return new FeelTime(time);
        }

        if (zone[0] == '@')
        {
            var id = zone[1..];
            return TimeZones.Find(id) is null ? null : new FeelTime(time, id);
        }

        return TryOffset(zone, out var offset) ? new FeelTime(time, offset) : null;
    }

    public static FeelDateTime? ParseDateTime(string text)
    {
        var separator = text.IndexOf('T', StringComparison.Ordinal);
        if (separator < 0)
        {
            return null;
        }

        var date = DatePattern().Match(text[..separator]);
        var time = TimePattern().Match(text[(separator + 1)..]);
        if (!date.Success || !time.Success
            || !TryDate(date.Groups[1].Value, date.Groups[2].Value, date.Groups[3].Value, out var day))
        {
            return null;
        }

        DateTime local;
        if (IsEndOfDay(time))
        {
            // 24:00:00 is the midnight that ends the day: the next day at 00:00:00 (ISO 8601, as FEEL 1.5 allows).
            if (day == DateOnly.MaxValue)
            {
                return null;
            }

            local = day.AddDays(1).ToDateTime(TimeOnly.MinValue);
        }
        else if (TryTimeOfDay(time, out var timeOfDay))
        {
            local = day.ToDateTime(timeOfDay);
        }
        else
        {
            return null;
        }

        var zone = time.Groups["zone"].Value;
        if (zone.Length == 0)
        {
            return new FeelDateTime(local);
        }

        if (zone[0] == '@')
        {
            var id = zone[1..];
            return TimeZones.Find(id) is null ? null : new FeelDateTime(local, id);
        }

        return TryOffset(zone, out var offset) ? new FeelDateTime(local, offset) : null;
    }

    /// <summary>Parses P1Y2M (years and months) or P3DT4H5M6.5S / P2W (days and time); mixing both kinds is rejected.</summary>
    public static FeelValue? ParseDuration(string text)
    {
        var match = DurationPattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        bool Has(string group) => match.Groups[group].Success;
        var yearMonth = Has("y") || Has("mo");
        var dayTime = Has("w") || Has("d") || Has("h") || Has("mi") || Has("s");
        if (yearMonth == dayTime || (text.EndsWith('T')))
        {
            return null;
        }

        var negative = match.Groups["neg"].Success;
        try
        {
            if (yearMonth)
            {
                var months = checked((Int(match, "y") * 12) + Int(match, "mo"));
                return new FeelYearsMonthsDuration(negative ? -months : months);
            }

            var seconds = Has("s") ? decimal.Parse(match.Groups["s"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) : 0m;
            var ticks = checked((((((Int(match, "w") * 7L) + Int(match, "d")) * 24L) + Int(match, "h")) * 60L + Int(match, "mi")) * 60L * TimeSpan.TicksPerSecond);
            ticks = checked(ticks + (long)(seconds * TimeSpan.TicksPerSecond));
            return new FeelDaysTimeDuration(TimeSpan.FromTicks(negative ? -ticks : ticks));
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    public static string Format(FeelValue value) => value switch
    {
        FeelDate d => FormatDate(d.Value),
        FeelTime t => FormatTime(t.LocalTime) + FormatZone(t.Offset, t.ZoneId),
        FeelDateTime dt => FormatDate(DateOnly.FromDateTime(dt.LocalDateTime)) + "T" + FormatTime(TimeOnly.FromDateTime(dt.LocalDateTime)) + FormatZone(dt.Offset, dt.ZoneId),
        FeelDaysTimeDuration d => FormatDuration(d.Value),
        FeelYearsMonthsDuration ym => FormatDuration(ym),
        _ => throw new ArgumentException("Not a temporal value.", nameof(value)),
    };

    public static string FormatDuration(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero)
        {
            return "PT0S";
        }

        var builder = new StringBuilder();
        if (duration < TimeSpan.Zero)
        {
            builder.Append('-');
            duration = duration.Duration();
        }

        builder.Append('P');
        if (duration.Days > 0)
        {
            builder.Append(duration.Days.ToString(CultureInfo.InvariantCulture)).Append('D');
        }

        var fraction = duration.Ticks % TimeSpan.TicksPerSecond;
        if (duration.Hours > 0 || duration.Minutes > 0 || duration.Seconds > 0 || fraction > 0)
        {
            builder.Append('T');
            if (duration.Hours > 0)
            {
                builder.Append(duration.Hours.ToString(CultureInfo.InvariantCulture)).Append('H');
            }

            if (duration.Minutes > 0)
            {
                builder.Append(duration.Minutes.ToString(CultureInfo.InvariantCulture)).Append('M');
            }

            if (duration.Seconds > 0 || fraction > 0)
            {
                var seconds = duration.Seconds + ((decimal)fraction / TimeSpan.TicksPerSecond);
                builder.Append(ValueFormatter.FormatNumber(seconds)).Append('S');
            }
        }

        return builder.ToString();
    }

    private static string FormatDuration(FeelYearsMonthsDuration duration)
    {
        if (duration.TotalMonths == 0)
        {
            return "P0M";
        }

        var builder = new StringBuilder();
        var total = duration.TotalMonths;
        if (total < 0)
        {
            builder.Append('-');
            total = -total;
        }

        builder.Append('P');
        if (total >= 12)
        {
            builder.Append((total / 12).ToString(CultureInfo.InvariantCulture)).Append('Y');
        }

        if (total % 12 != 0)
        {
            builder.Append((total % 12).ToString(CultureInfo.InvariantCulture)).Append('M');
        }

        return builder.ToString();
    }

    private static string FormatDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string FormatTime(TimeOnly time)
    {
        var text = time.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        var fraction = time.Ticks % TimeSpan.TicksPerSecond;
        return fraction == 0
            ? text
            : text + "." + fraction.ToString("0000000", CultureInfo.InvariantCulture).TrimEnd('0');
    }

    private static string FormatZone(TimeSpan? offset, string? zoneId)
    {
        if (zoneId is not null)
        {
            return "@" + zoneId;
        }

        if (offset is not { } o)
        {
            return string.Empty;
        }

        if (o == TimeSpan.Zero)
        {
            return "Z";
        }

        var sign = o < TimeSpan.Zero ? "-" : "+";
        var abs = o.Duration();
        var text = sign + abs.ToString(@"hh\:mm", CultureInfo.InvariantCulture);
        return abs.Seconds != 0 ? text + ":" + abs.Seconds.ToString("00", CultureInfo.InvariantCulture) : text;
    }

    private static bool TryDate(string year, string month, string day, out DateOnly date)
    {
        date = default;
        // More than four year digits may not start with zero (XML Schema): "01211" is not a year.
        var digits = year.TrimStart('-');
        if (digits.Length > 4 && digits[0] == '0')
        {
            return false;
        }

        return int.TryParse(year, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var y)
            && int.TryParse(month, NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            && int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            && y is >= 1 and <= 9999 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m)
            && Assign(new DateOnly(y, m, d), out date);
    }

    private static bool IsEndOfDay(Match match) =>
        match.Groups["h"].Value == "24" && match.Groups["m"].Value == "00"
        && (!match.Groups["s"].Success || match.Groups["s"].Value == "00")
        && (!match.Groups["f"].Success || match.Groups["f"].Value.TrimEnd('0') == ".");

    private static bool TryTimeOfDay(Match match, out TimeOnly time)
    {
        time = default;
        var hour = int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
        var second = match.Groups["s"].Success ? int.Parse(match.Groups["s"].Value, CultureInfo.InvariantCulture) : 0;
        if (hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        long fractionTicks = 0;
        if (match.Groups["f"].Success)
        {
            var digits = match.Groups["f"].Value[1..];
            digits = digits.Length > 7 ? digits[..7] : digits.PadRight(7, '0');
            fractionTicks = long.Parse(digits, CultureInfo.InvariantCulture);
        }

        time = new TimeOnly(new TimeSpan(hour, minute, second).Ticks + fractionTicks);
        return true;
    }

    private static bool TryOffset(string text, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (text == "Z")
        {
            return true;
        }

        var sign = text[0] == '-' ? -1 : 1;
        var parts = text[1..].Split(':');
        var hours = int.Parse(parts[0], CultureInfo.InvariantCulture);
        var minutes = int.Parse(parts[1], CultureInfo.InvariantCulture);
        var seconds = parts.Length > 2 ? int.Parse(parts[2], CultureInfo.InvariantCulture) : 0;
        if (hours > 14 || minutes > 59 || seconds > 59)
        {
            return false;
        }

        offset = sign * new TimeSpan(hours, minutes, seconds);
        return true;
    }

    private static int Int(Match match, string group) =>
        match.Groups[group].Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;

    private static bool Assign(DateOnly value, out DateOnly target)
    {
        target = value;
        return true;
    }

    [GeneratedRegex(@"^(-?\d{4,9})-(\d{2})-(\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^(?<h>\d{2}):(?<m>\d{2})(?::(?<s>\d{2})(?<f>\.\d+)?)?(?<zone>Z|[+-]\d{2}:\d{2}(?::\d{2})?|@[A-Za-z][A-Za-z0-9_/+\-]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"^(?<neg>-)?P(?:(?<y>\d+)Y)?(?:(?<mo>\d+)M)?(?:(?<w>\d+)W)?(?:(?<d>\d+)D)?(?:T(?:(?<h>\d+)H)?(?:(?<mi>\d+)M)?(?:(?<s>\d+(?:\.\d*)?)S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
