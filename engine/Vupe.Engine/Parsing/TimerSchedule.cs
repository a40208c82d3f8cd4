using System.Globalization;
using Vupe.Engine.Model;
using Vupe.Feel;

namespace Vupe.Engine.Parsing;

/// <summary>ISO-8601 timer specifications: a date-time, a duration, or a repeating cycle R[n]/[start/]duration.</summary>
internal static class TimerSchedule
{
    public static bool IsValid(TimerKind kind, string text, out string why)
    {
        why = "";
        switch (kind)
        {
            case TimerKind.Date:
                if (TryParseDate(text, out _)) return true;
                why = ProblemText.TimerDateExpected();
                return false;
            case TimerKind.Duration:
                if (FeelTemporal.TryParseDuration(text, out _)) return true;
                why = ProblemText.TimerDurationExpected();
                return false;
            default:
                if (TryParseCycle(text, DateTimeOffset.UnixEpoch, out _, out _)) return true;
                why = ProblemText.TimerCycleExpected();
                return false;
        }
    }

    public static bool TryParseDate(string text, out DateTimeOffset at) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at);

    public static DateTimeOffset Add(DateTimeOffset from, FeelValue duration) => duration switch
    {
        FeelDaysTimeDuration d => from + d.Value,
        FeelYearsMonthsDuration m => from.AddMonths(m.TotalMonths),
        _ => throw new FormatException($"a {duration.TypeName} is not a duration"),
    };

    /// <summary>Parses a cycle; <paramref name="repeats"/> is -1 when unbounded.</summary>
    public static bool TryParseCycle(string text, DateTimeOffset now, out DateTimeOffset firstDue, out int repeats)
    {
        firstDue = default;
        repeats = -1;
        var parts = text.Split('/');
        if (parts.Length is < 2 or > 3 || !parts[0].StartsWith('R')) return false;
        if (parts[0].Length > 1 && (!int.TryParse(parts[0][1..], NumberStyles.None, CultureInfo.InvariantCulture, out repeats) || repeats < 1)) return false;
        if (!FeelTemporal.TryParseDuration(parts[^1], out var duration)) return false;
        var start = now;
        if (parts.Length == 3)
        {
            if (!TryParseDate(parts[1], out start)) return false;
            firstDue = start;
            return true;
        }
        firstDue = Add(start, duration);
        return true;
    }

    /// <summary>
    /// The next firing of a cycle after one at <paramref name="due"/>. Firings missed while the
    /// engine was down are not replayed one by one: the next one is a period from now.
    /// </summary>
    public static DateTimeOffset NextInCycle(string cycle, DateTimeOffset due, DateTimeOffset now)
    {
        var period = CycleDuration(cycle);
        var next = Add(due, period);
        return next > now ? next : Add(now, period);
    }

    public static FeelValue CycleDuration(string text) =>
        FeelTemporal.TryParseDuration(text.Split('/')[^1], out var d) ? d : throw new FormatException($"Invalid cycle '{text}'.");
}
