using Microsoft.EntityFrameworkCore;

namespace Vupe.Server.Notifications;

/// <summary>The two notices a task with a due date can get.</summary>
public static class SlaNoticeKinds
{
    /// <summary>Before the due date, to whoever holds the task (or its candidates).</summary>
    public const string Warning = "warning";
    /// <summary>After it, to the office's supervisors, with an escalation case in their inbox.</summary>
    public const string Escalation = "escalation";
}

/// <summary>
/// One warning or escalation of one task. The row is the claim: it is inserted before anything is sent, and the unique
/// (TaskId, Kind) index lets exactly one scan — of one node or of two — insert it, so a restart or a second node never
/// notifies twice. <see cref="DeliveredAt"/> is set, with the case's audit entry, once the mails are out.
/// </summary>
public sealed class SlaNotice
{
    public long Id { get; set; }
    public Guid TaskId { get; set; }
    public required string Kind { get; set; }
    public Guid CaseId { get; set; }
    public required string CaseNumber { get; set; }
    public required string OfficeCode { get; set; }
    public required string TaskName { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset ClaimedAt { get; set; }
    /// <summary>When the last delivery attempt began (the claim, or a retry that took the row over).</summary>
    public DateTimeOffset LastAttemptAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    /// <summary>User names mailed, comma separated.</summary>
    public string? Recipients { get; set; }
    /// <summary>The escalation case opened in the supervisors' inbox (escalations only); set before mailing so a retry reuses it.</summary>
    public Guid? EscalationCaseId { get; set; }
    public string? LastError { get; set; }
    public long Version { get; set; }

    internal static void Configure(ModelBuilder builder) => builder.Entity<SlaNotice>(e =>
    {
        e.HasKey(n => n.Id);
        e.HasIndex(n => new { n.TaskId, n.Kind }).IsUnique();
        e.HasIndex(n => n.DeliveredAt);
        e.HasIndex(n => n.CaseId);
        e.Property(n => n.Kind).HasMaxLength(20);
        e.Property(n => n.CaseNumber).HasMaxLength(30);
        e.Property(n => n.OfficeCode).HasMaxLength(6);
        e.Property(n => n.TaskName).HasMaxLength(200);
        e.Property(n => n.Recipients).HasMaxLength(2000);
        e.Property(n => n.LastError).HasMaxLength(2000);
        e.Property(n => n.Version).IsConcurrencyToken();
    });
}
