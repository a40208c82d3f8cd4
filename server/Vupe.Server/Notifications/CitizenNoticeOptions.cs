namespace Vupe.Server.Notifications;

/// <summary>Emails to citizens about their cases (section "Vupe:CitizenNotices").</summary>
public sealed class CitizenNoticeOptions
{
    public const string Section = "Vupe:CitizenNotices";

    public bool Enabled { get; set; } = true;
    /// <summary>Scans for changed cases on this schedule (a Hangfire cron expression).</summary>
    public string ScanCron { get; set; } = "* * * * *";
    /// <summary>
    /// Changes older than this when first seen are not mailed: a server started after a long stop (or on old data) does
    /// not mail every case at once. Wider than the scan's period, so a late or failed scan is caught up by the next.
    /// </summary>
    public TimeSpan Lookback { get; set; } = TimeSpan.FromMinutes(30);
    /// <summary>
    /// How far before its previous start a scan reads again: a change is stamped when its command starts but seen only
    /// once committed, so one committing while the previous scan read is caught by the next (read twice, mailed once).
    /// </summary>
    public TimeSpan CommitLag { get; set; } = TimeSpan.FromMinutes(1);
    public int BatchSize { get; set; } = 200;
    public int MaxAttempts { get; set; } = 5;
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromMinutes(5);
}
