using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Vupe.Engine;
using Vupe.Server.Audit;
using Vupe.Server.Auth;
using Vupe.Server.Data;
using Vupe.Server.Problems;
using Vupe.Workflows;

namespace Vupe.Server.Appointments;

/// <summary>What a supervisor saves for a service's calendar at their office.</summary>
public sealed record CalendarInput(string? OpensAt, string? ClosesAt, int? SlotMinutes, int? Capacity, IReadOnlyList<int>? OpenDays, string? ClosedDates);

/// <summary>One appointment of the day as the office's staff see it.</summary>
public sealed record DayAppointment(Guid Id, DateTimeOffset Start, string Service, string OfficeCode, Guid PartyId, string Citizen, string Document, bool Booked);

/// <summary>
/// The staff's side of appointments: each office's calendars, kept by its supervisors (administrators for any office),
/// and the day's appointments of an office for its consultants and supervisors (national users name the office). Changes
/// go to the office's audit trail; the day's list names citizens, so reading it is audited in each ficha's trail.
/// </summary>
public sealed class AppointmentCalendars(IDbContextFactory<VupeDbContext> contexts, AuditLog audit, TimeProvider time)
{
    public static bool MayEdit(UserScope user, string officeCode) =>
        user.Is(Roles.Admin) || (user.Is(Roles.Supervisor) && user.CanSeeOffice(officeCode));

    public static bool MaySeeDay(UserScope user, string officeCode) => user.CanWorkCases && user.CanSeeOffice(officeCode);

    public async Task<IReadOnlyList<AppointmentCalendar>> ListAsync(string officeCode, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.AppointmentCalendars.AsNoTracking().Where(c => c.OfficeCode == officeCode).OrderBy(c => c.ServiceCode).ToListAsync(ct);
    }

    public async Task<AppointmentCalendar> SaveAsync(UserScope user, string officeCode, string serviceCode, CalendarInput input, CancellationToken ct)
    {
        officeCode = officeCode.Trim().ToUpperInvariant();
        if (!MayEdit(user, officeCode)) throw new AccessDeniedException("Solo los supervisores de la oficina o un administrador cambian sus calendarios de citas.");
        var errors = new FieldErrors();
        if (!AppointmentBook.IsAppointmentService(serviceCode)) errors.Add("service", "Ese servicio no se atiende con cita.");
        var opens = Time(errors, "opensAt", input.OpensAt);
        var closes = Time(errors, "closesAt", input.ClosesAt);
        if (opens is not null && closes is not null && closes <= opens) errors.Add("closesAt", "La hora de cierre debe ser posterior a la de apertura.");
        if (input.SlotMinutes is not (>= 5 and <= 240)) errors.Add("slotMinutes", "La duración de cada cita va de 5 a 240 minutos.");
        if (input.Capacity is not (>= 1 and <= 50)) errors.Add("capacity", "Las personas por horario van de 1 a 50.");
        var days = (input.OpenDays ?? []).Where(d => d is >= 1 and <= 7).Distinct().Order().ToList();
        if (days.Count == 0) errors.Add("openDays", "Marque al menos un día de atención.");
        var closedText = input.ClosedDates ?? "";
        var closed = AppointmentSlots.ClosedDates(closedText);
        var words = closedText.Split([',', '\n', ' ', '\r'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (words.Length != closed.Count) errors.Add("closedDates", "Escriba las fechas sin atención como aaaa-mm-dd, separadas por comas.");
        errors.ThrowIfAny();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var calendar = await db.AppointmentCalendars.FirstOrDefaultAsync(c => c.OfficeCode == officeCode && c.ServiceCode == serviceCode, ct);
        if (calendar is null)
        {
            if (!await db.Offices.AnyAsync(o => o.Code == officeCode, ct)) throw new NotFoundException($"Office {officeCode} does not exist.");
            calendar = new AppointmentCalendar { OfficeCode = officeCode, ServiceCode = serviceCode, OpenDays = "", UpdatedBy = user.UserName };
            db.AppointmentCalendars.Add(calendar);
        }
        else calendar.Version++;
        calendar.OpensAt = opens!.Value;
        calendar.ClosesAt = closes!.Value;
        calendar.SlotMinutes = input.SlotMinutes!.Value;
        calendar.Capacity = input.Capacity!.Value;
        calendar.OpenDays = string.Join(',', days);
        calendar.ClosedDates = string.Join(',', closed.Order().Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        calendar.UpdatedAt = time.GetUtcNow();
        calendar.UpdatedBy = user.UserName;
        audit.Stage(db, AuditTrails.ForOffice(officeCode), "appointments.calendar.saved", new
        {
            service = serviceCode, opensAt = calendar.OpensAt.ToString("HH:mm", CultureInfo.InvariantCulture), closesAt = calendar.ClosesAt.ToString("HH:mm", CultureInfo.InvariantCulture),
            calendar.SlotMinutes, calendar.Capacity, calendar.OpenDays, calendar.ClosedDates,
        });
        await db.SaveChangesAsync(ct);
        return calendar;
    }

    /// <summary>The booked and cancelled appointments of an office on a Lima day, earliest first; each citizen's read is audited.</summary>
    public async Task<IReadOnlyList<DayAppointment>> DayAsync(UserScope user, string officeCode, DateOnly day, CancellationToken ct)
    {
        officeCode = officeCode.Trim().ToUpperInvariant();
        if (!MaySeeDay(user, officeCode)) throw new AccessDeniedException("Su rol u oficina no permite ver las citas de esta oficina.");
        var (from, to) = (AppointmentSlots.At(day, TimeOnly.MinValue), AppointmentSlots.At(day.AddDays(1), TimeOnly.MinValue));
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Appointments.AsNoTracking().Where(a => a.OfficeCode == officeCode && a.SlotStart >= from && a.SlotStart < to).ToListAsync(ct);
        var partyIds = rows.Select(r => r.PartyId).Distinct().ToList();
        var parties = await db.Parties.AsNoTracking().Where(p => partyIds.Contains(p.Id))
            .Select(p => new { p.Id, p.DisplayName, p.DocumentType, p.DocumentNumber }).ToDictionaryAsync(p => p.Id, ct);
        foreach (var partyId in partyIds)
            await audit.AppendAsync(AuditTrails.ForParty(partyId), "appointments.day.read", new { office = officeCode, day = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), by = user.UserName }, ct);
        return [.. rows.OrderBy(r => r.SlotStart).ThenBy(r => r.Seat ?? int.MaxValue).Select(r => new DayAppointment(r.Id, r.SlotStart,
            VupeServices.Find(r.ServiceCode)?.Name ?? r.ServiceCode, r.OfficeCode, r.PartyId,
            parties.TryGetValue(r.PartyId, out var p) ? p.DisplayName : "—", parties.TryGetValue(r.PartyId, out var q) ? $"{q.DocumentType} {q.DocumentNumber}" : "—",
            r.Status == AppointmentStatus.Booked))];
    }

    private static TimeOnly? Time(FieldErrors errors, string field, string? text)
    {
        if (TimeOnly.TryParseExact(text?.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)) return t;
        errors.Add(field, "Escriba la hora como hh:mm (24 horas), por ejemplo 08:30.");
        return null;
    }
}
