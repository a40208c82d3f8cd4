using Microsoft.EntityFrameworkCore;

namespace Vupe.Server.Portal;

/// <summary>
/// One daily mail of new recommended vacancies to one citizen (<see cref="VacancyDigestScan"/>). The row is the claim:
/// unique per account and day (Lima), inserted before the mail is sent, so a citizen gets at most one a day whatever the
/// number of nodes or runs; a failed send removes it so a later run may try again.
/// </summary>
public sealed class VacancyDigestSent
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid AccountId { get; init; }
    /// <summary>The day in Lima the mail belongs to.</summary>
    public DateOnly Day { get; init; }
    public DateTimeOffset SentAt { get; init; }
    public int Vacancies { get; init; }

    internal static void Configure(ModelBuilder builder) => builder.Entity<VacancyDigestSent>(e =>
    {
        e.ToTable("VacancyDigests");
        e.HasKey(d => d.Id);
        e.HasIndex(d => new { d.AccountId, d.Day }).IsUnique();
    });
}

/// <summary>The daily mail of recommended vacancies (section "Vupe:VacancyDigest").</summary>
public sealed class VacancyDigestOptions
{
    public const string Section = "Vupe:VacancyDigest";

    public bool Enabled { get; set; } = true;
    /// <summary>A Hangfire cron expression, in UTC: by default 13:00 UTC, 8 a.m. in Lima.</summary>
    public string Cron { get; set; } = "0 13 * * *";
    /// <summary>At most this many vacancies in one mail, the best-ranked first.</summary>
    public int MaxVacancies { get; set; } = 5;
    /// <summary>Accounts read per query.</summary>
    public int BatchSize { get; set; } = 200;
}
