using System.Globalization;
using Vupe.Server.Pages;

namespace Vupe.Server.Appointments;

/// <summary>The slots a calendar offers on a Lima day: from opening to closing, one every slot length, none on a closed day.</summary>
public static class AppointmentSlots
{
    public static DateOnly LimaDay(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(LimaTime.Offset).DateTime);

    public static DateTimeOffset At(DateOnly day, TimeOnly time) => new(day.ToDateTime(time), LimaTime.Offset);

    public static bool Opens(AppointmentCalendar calendar, DateOnly day) =>
        OpenDays(calendar.OpenDays).Contains(IsoDay(day)) && !ClosedDates(calendar.ClosedDates).Contains(day);

    public static IReadOnlyList<DateTimeOffset> On(AppointmentCalendar calendar, DateOnly day)
    {
        if (!Opens(calendar, day) || calendar.SlotMinutes <= 0) return [];
        var slots = new List<DateTimeOffset>();
        for (var t = calendar.OpensAt; t.AddMinutes(calendar.SlotMinutes) <= calendar.ClosesAt && t >= calendar.OpensAt; t = t.AddMinutes(calendar.SlotMinutes))
            slots.Add(At(day, t));
        return slots;
    }

    public static bool IsSlot(AppointmentCalendar calendar, DateTimeOffset start) => On(calendar, LimaDay(start)).Contains(start);

    public static int IsoDay(DateOnly day) => day.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)day.DayOfWeek;

    public static HashSet<int> OpenDays(string text) =>
        [.. text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(d => int.TryParse(d, out var n) ? n : 0).Where(n => n is >= 1 and <= 7)];

    public static HashSet<DateOnly> ClosedDates(string text) =>
        [.. text.Split([',', '\n', ' '], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var v) ? v : (DateOnly?)null)
            .Where(d => d is not null).Select(d => d!.Value)];

    public static readonly string[] DayNames = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"];
}
