using Microsoft.EntityFrameworkCore;
using Vupe.Engine;
using Vupe.Server.Audit;
using Vupe.Server.Data;
using Vupe.Server.Offices;
using Vupe.Server.Pages;
using Vupe.Server.Portal;
using Vupe.Server.Problems;
using Vupe.Workflows;

namespace Vupe.Server.Appointments;

/// <summary>A slot as Mi VUPE offers it: its start and how many seats are left.</summary>
public sealed record OpenSlot(DateTimeOffset Start, int Free);

/// <summary>One of the citizen's appointments as Mi VUPE shows it.</summary>
public sealed record MyAppointment(Guid Id, string Service, string ServiceCode, string Office, string OfficeCode, DateTimeOffset Start, bool Booked, bool Upcoming, bool Reminded);

/// <summary>
/// Mi VUPE's appointments: the citizen books a seat of a slot for a service attended by appointment, cancels or
/// reschedules it. Whose appointments they are is decided by the account's ficha, never by the request. The seat is
/// taken by inserting it: the database's unique index (office, service, slot, seat) refuses a second booking of the same
/// seat, so two citizens racing for the last one get one each only while seats last, on every node. Every step is
/// audited in the ficha's trail.
/// </summary>
public sealed class AppointmentBook(CitizenAccounts accounts, IDbContextFactory<VupeDbContext> contexts, OfficeDirectory offices, AuditLog audit, TimeProvider time)
{
    /// <summary>How far ahead a citizen may book.</summary>
    public const int DaysAhead = 30;

    public const string SlotFull = "Ese horario ya no tiene cupos. Elija otro.";

    public static IReadOnlyList<VupeService> Services => VupeServices.ByAppointment;

    /// <summary>The offices that attend <paramref name="serviceCode"/> by appointment (they have a calendar for it).</summary>
    public async Task<IReadOnlyList<(string Code, string Name)>> OfficesForAsync(string? serviceCode, CancellationToken ct)
    {
        if (serviceCode is null || !IsAppointmentService(serviceCode)) return [];
        await using var db = await contexts.CreateDbContextAsync(ct);
        var codes = await db.AppointmentCalendars.AsNoTracking().Where(c => c.ServiceCode == serviceCode).Select(c => c.OfficeCode).ToListAsync(ct);
        var names = (await offices.ListAsync(ct)).ToDictionary(o => o.Code, o => o.Name, StringComparer.OrdinalIgnoreCase);
        return [.. codes.Order(StringComparer.Ordinal).Select(c => (c, names.GetValueOrDefault(c, c)))];
    }

    /// <summary>The slots of a Lima day still in the future and within <see cref="DaysAhead"/>, each with its free seats.</summary>
    public async Task<IReadOnlyList<OpenSlot>> SlotsAsync(string serviceCode, string officeCode, DateOnly day, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var calendar = await CalendarAsync(db, serviceCode, officeCode, ct);
        if (calendar is null) return [];
        var now = time.GetUtcNow();
        var slots = AppointmentSlots.On(calendar, day).Where(s => s > now && s <= now.AddDays(DaysAhead + 1)).ToList();
        if (slots.Count == 0) return [];
        var (from, to) = (slots[0], slots[^1]);
        var taken = await db.Appointments.AsNoTracking()
            .Where(a => a.OfficeCode == officeCode && a.ServiceCode == serviceCode && a.Seat != null && a.SlotStart >= from && a.SlotStart <= to)
            .Select(a => a.SlotStart).ToListAsync(ct);
        return [.. slots.Select(s => new OpenSlot(s, Math.Max(0, calendar.Capacity - taken.Count(t => t == s))))];
    }

    public async Task<IReadOnlyList<MyAppointment>> MineAsync(Guid accountId, CancellationToken ct)
    {
        var account = await accounts.AccountAsync(accountId, ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Appointments.AsNoTracking().Where(a => a.PartyId == account.PartyId).ToListAsync(ct);
        var names = (await offices.ListAsync(ct)).ToDictionary(o => o.Code, o => o.Name, StringComparer.OrdinalIgnoreCase);
        var now = time.GetUtcNow();
        await audit.AppendAsync(AuditTrails.ForParty(account.PartyId), "portal.appointments.read", new { account = accountId, appointments = rows.Count }, ct);
        return [.. rows.OrderByDescending(a => a.SlotStart).Take(50).Select(a => new MyAppointment(a.Id, VupeServices.Find(a.ServiceCode)?.Name ?? a.ServiceCode, a.ServiceCode,
            names.GetValueOrDefault(a.OfficeCode, a.OfficeCode), a.OfficeCode, a.SlotStart, a.Status == AppointmentStatus.Booked, a.SlotStart > now, a.ReminderSentAt is not null))];
    }

    public async Task<Appointment> BookAsync(Guid accountId, string? serviceCode, string? officeCode, DateTimeOffset? start, CancellationToken ct)
    {
        var account = await accounts.AccountAsync(accountId, ct);
        var (service, office, slot) = Check(serviceCode, officeCode, start);
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var now = time.GetUtcNow();
            var holds = await db.Appointments.AsNoTracking()
                .Where(a => a.PartyId == account.PartyId && a.ServiceCode == service && a.Seat != null && a.SlotStart > now).AnyAsync(ct);
            if (holds) throw new StateConflictException("Ya tiene una cita reservada para este servicio. Reprográmela o cancélela antes de reservar otra.");
        }
        return await TakeSeatAsync(service, office, slot, calendar => new Appointment
        {
            PartyId = account.PartyId, OfficeCode = office, ServiceCode = service, SlotStart = slot, SlotMinutes = calendar.SlotMinutes,
            Status = AppointmentStatus.Booked, BookedAt = time.GetUtcNow(),
        }, null, "appointment.booked", ct);
    }

    public async Task<Appointment> RescheduleAsync(Guid accountId, Guid appointmentId, DateTimeOffset? start, CancellationToken ct)
    {
        var account = await accounts.AccountAsync(accountId, ct);
        var current = await OwnAsync(account.PartyId, appointmentId, ct);
        var (service, office, slot) = Check(current.ServiceCode, current.OfficeCode, start);
        if (slot == current.SlotStart) return current;
        return await TakeSeatAsync(service, office, slot, calendar => new Appointment
        {
            PartyId = account.PartyId, OfficeCode = office, ServiceCode = service, SlotStart = slot, SlotMinutes = calendar.SlotMinutes,
            Status = AppointmentStatus.Booked, BookedAt = time.GetUtcNow(),
        }, current.Id, "appointment.rescheduled", ct);
    }

    public async Task CancelAsync(Guid accountId, Guid appointmentId, CancellationToken ct)
    {
        var account = await accounts.AccountAsync(accountId, ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Appointments.FirstOrDefaultAsync(a => a.Id == appointmentId && a.PartyId == account.PartyId, ct)
            ?? throw new NotFoundException("La cita no existe.");
        if (row.Status != AppointmentStatus.Booked) throw new StateConflictException("Esta cita ya estaba cancelada.");
        Release(row);
        audit.Stage(db, AuditTrails.ForParty(account.PartyId), "appointment.cancelled", new { appointment = row.Id, row.OfficeCode, row.ServiceCode, slot = row.SlotStart });
        await db.SaveChangesAsync(ct);
    }

    private void Release(Appointment row)
    {
        row.Status = AppointmentStatus.Cancelled;
        row.Seat = null;
        row.CancelledAt = time.GetUtcNow();
        row.Version++;
    }

    /// <summary>
    /// Inserts the appointment in the first free seat of the slot (and cancels the one it replaces, in the same save);
    /// when a concurrent booking took that seat first, the index refuses the insert and the next free seat is tried,
    /// until the slot is full.
    /// </summary>
    private async Task<Appointment> TakeSeatAsync(string service, string office, DateTimeOffset slot, Func<AppointmentCalendar, Appointment> create, Guid? replaces,
        string action, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var calendar = await CalendarAsync(db, service, office, ct) ?? throw new NotFoundException("Esta oficina no atiende ese servicio con cita.");
            var now = time.GetUtcNow();
            if (!AppointmentSlots.IsSlot(calendar, slot) || slot <= now || slot > now.AddDays(DaysAhead + 1))
                throw new FieldValidationException(new Dictionary<string, string[]> { ["slot"] = ["Elija un horario disponible de la lista."] });
            var taken = await db.Appointments.AsNoTracking()
                .Where(a => a.OfficeCode == office && a.ServiceCode == service && a.SlotStart == slot && a.Seat != null).Select(a => a.Seat!.Value).ToListAsync(ct);
            var seat = Enumerable.Range(1, calendar.Capacity).Cast<int?>().FirstOrDefault(s => !taken.Contains(s!.Value));
            if (seat is null || attempt > calendar.Capacity) throw new StateConflictException(SlotFull);
            var appointment = create(calendar);
            appointment.Seat = seat;
            db.Appointments.Add(appointment);
            Appointment? old = null;
            if (replaces is { } oldId)
            {
                old = await db.Appointments.FirstAsync(a => a.Id == oldId, ct);
                if (old.Status != AppointmentStatus.Booked) throw new StateConflictException("Esta cita ya estaba cancelada.");
                Release(old);
            }
            audit.Stage(db, AuditTrails.ForParty(appointment.PartyId), action,
                new { appointment = appointment.Id, replaces, office, service, slot, seat });
            try
            {
                await db.SaveChangesAsync(ct);
                return appointment;
            }
            catch (Exception e) when (e is DbUpdateException or ConflictException && attempt < calendar.Capacity + 2)
            {
                // Another booking took this seat between our read and our insert — the index refused ours (SQLite's
                // writer reports it as a conflict of its batch), and the winner's commit may still be under way, so the
                // seat can read free once more: read again and take the next one, until the slot is full.
            }
        }
    }

    private async Task<Appointment> OwnAsync(Guid partyId, Guid appointmentId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Appointments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == appointmentId && a.PartyId == partyId, ct)
            ?? throw new NotFoundException("La cita no existe.");
        return row.Status == AppointmentStatus.Booked ? row : throw new StateConflictException("Esta cita ya estaba cancelada.");
    }

    private static (string Service, string Office, DateTimeOffset Slot) Check(string? serviceCode, string? officeCode, DateTimeOffset? start)
    {
        var errors = new FieldErrors();
        if (serviceCode is null || !IsAppointmentService(serviceCode)) errors.Add("service", "Elija un servicio que se atiende con cita.");
        if (string.IsNullOrWhiteSpace(officeCode)) errors.Add("office", "Elija la oficina.");
        if (start is null) errors.Add("slot", "Elija un horario disponible de la lista.");
        errors.ThrowIfAny();
        return (serviceCode!, officeCode!.Trim().ToUpperInvariant(), start!.Value.ToUniversalTime());
    }

    public static bool IsAppointmentService(string code) => VupeServices.Find(code)?.NeedsAppointment == true;

    private static Task<AppointmentCalendar?> CalendarAsync(VupeDbContext db, string service, string office, CancellationToken ct) =>
        db.AppointmentCalendars.AsNoTracking().FirstOrDefaultAsync(c => c.OfficeCode == office && c.ServiceCode == service, ct);

    public static string When(DateTimeOffset start) => $"{AppointmentSlots.DayNames[AppointmentSlots.IsoDay(AppointmentSlots.LimaDay(start)) - 1]} {LimaTime.Format(start)}";
}
