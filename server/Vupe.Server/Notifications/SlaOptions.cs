namespace Vupe.Server.Notifications;

/// <summary>Warnings before a user task's due date (vupe:dueDate) and escalation after it (section "Vupe:Sla").</summary>
public sealed class SlaOptions
{
    public const string Section = "Vupe:Sla";

    /// <summary>Scans for due tasks on this schedule (a Hangfire cron expression); false in <see cref="Enabled"/> turns the scan off.</summary>
    public string ScanCron { get; set; } = "* * * * *";
    public bool Enabled { get; set; } = true;
    /// <summary>Warn at most this long before the due date...</summary>
    public TimeSpan WarningWindow { get; set; } = TimeSpan.FromHours(24);
    /// <summary>
    /// ... and at most this fraction of the task's whole time (due date minus creation) before it, so a task given two
    /// hours is warned about 30 minutes ahead, not at once.
    /// </summary>
    public double WarningFraction { get; set; } = 0.25;
    /// <summary>
    /// Tasks overdue by more than this when first seen are left alone: a server started on old data escalates what is
    /// recent, not every forgotten task at once (they show as overdue in the inbox anyway).
    /// </summary>
    public TimeSpan Lookback { get; set; } = TimeSpan.FromDays(7);
    /// <summary>Tasks read per page of the scan.</summary>
    public int BatchSize { get; set; } = 200;
    /// <summary>Attempts to deliver one notice before it is given up (the failure stays recorded).</summary>
    public int MaxAttempts { get; set; } = 5;
    /// <summary>A notice not delivered (mail server down, node stopped half-way) is tried again after this long.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromMinutes(5);
}
