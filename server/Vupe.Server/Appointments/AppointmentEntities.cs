using Microsoft.EntityFrameworkCore;

namespace Vupe.Server.Appointments;

/// <summary>
/// When an office attends a service by appointment: opening hours (Lima time), the slot length, how many citizens one
/// slot takes, the weekdays it opens and the dates it is closed. One per office and service, kept by the office's
/// supervisors (or an administrator).
/// </summary>
public sealed class AppointmentCalendar
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string OfficeCode { get; init; }
    public required string ServiceCode { get; init; }
    public TimeOnly OpensAt { get; set; }
    public TimeOnly ClosesAt { get; set; }
    public int SlotMinutes { get; set; }
    public int Capacity { get; set; }
    /// <summary>ISO weekday numbers (1 Monday … 7 Sunday), comma separated.</summary>
    public required string OpenDays { get; set; }
    /// <summary>Dates the office does not attend (yyyy-MM-dd), comma separated.</summary>
    public string ClosedDates { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
    public long Version { get; set; }

    internal static void Configure(ModelBuilder builder)
    {
        builder.Entity<AppointmentCalendar>(e =>
        {
            e.ToTable("AppointmentCalendars");
            e.HasKey(c => c.Id);
            e.HasIndex(c => new { c.OfficeCode, c.ServiceCode }).IsUnique();
            e.Property(c => c.OfficeCode).HasMaxLength(6);
            e.Property(c => c.ServiceCode).HasMaxLength(60);
            e.Property(c => c.OpenDays).HasMaxLength(20);
            e.Property(c => c.ClosedDates).HasMaxLength(2000);
            e.Property(c => c.UpdatedBy).HasMaxLength(64);
            e.Property(c => c.Version).IsConcurrencyToken();
        });
        builder.Entity<Appointment>(e =>
        {
            e.ToTable("Appointments");
            e.HasKey(a => a.Id);
            // The double-booking guard: a booked appointment holds one numbered seat of its slot, and the database
            // refuses a second row with the same seat. A cancelled one lets go of its seat (null; nulls never collide).
            e.HasIndex(a => new { a.OfficeCode, a.ServiceCode, a.SlotStart, a.Seat }).IsUnique();
            e.HasIndex(a => new { a.PartyId, a.SlotStart });
            e.HasIndex(a => new { a.OfficeCode, a.SlotStart });
            e.Property(a => a.OfficeCode).HasMaxLength(6);
            e.Property(a => a.ServiceCode).HasMaxLength(60);
            e.Property(a => a.Status).HasConversion<string>().HasMaxLength(12);
            e.Property(a => a.ReminderError).HasMaxLength(500);
            e.Property(a => a.Version).IsConcurrencyToken();
        });
    }
}

public enum AppointmentStatus { Booked, Cancelled }

/// <summary>A citizen's appointment: one seat of one slot of an office's calendar for a service.</summary>
public sealed class Appointment
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PartyId { get; init; }
    public required string OfficeCode { get; init; }
    public required string ServiceCode { get; init; }
    public DateTimeOffset SlotStart { get; set; }
    public int SlotMinutes { get; set; }
    /// <summary>1 … the calendar's capacity while booked; null once cancelled.</summary>
    public int? Seat { get; set; }
    public AppointmentStatus Status { get; set; }
    public DateTimeOffset BookedAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    /// <summary>When a reminder job claimed the reminder (the claim is the row's version: one node wins).</summary>
    public DateTimeOffset? ReminderClaimedAt { get; set; }
    public DateTimeOffset? ReminderSentAt { get; set; }
    public string? ReminderError { get; set; }
    public long Version { get; set; }
}
