using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Vupe.Server.Audit;
using Vupe.Server.Auth;
using Vupe.Server.Certificates;
using Vupe.Server.Documents;
using Vupe.Server.Offices;
using Vupe.Server.Parties;

namespace Vupe.Server.Data;

/// <summary>
/// The server's own tables (users and roles, offices, parties and their fichas, consents, audit
/// trails), migrated with EF Core migrations. The engine keeps its tables in the same database
/// through its own context. This is the model on SQLite; PostgreSQL's (<see cref="Postgres.PostgresVupeDbContext"/>)
/// derives from it, with migrations of its own.
/// </summary>
public class VupeDbContext : IdentityDbContext<VupeUser>
{
    public VupeDbContext(DbContextOptions<VupeDbContext> options) : base(options) { }

    /// <summary>For a provider's own model (and migrations): <see cref="Postgres.PostgresVupeDbContext"/>.</summary>
    protected VupeDbContext(DbContextOptions options) : base(options) { }

    public DbSet<Office> Offices => Set<Office>();
    public DbSet<Party> Parties => Set<Party>();
    public DbSet<ConsentRecord> Consents => Set<ConsentRecord>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<EmployabilityEntry> EmployabilityEntries => Set<EmployabilityEntry>();
    public DbSet<CaseDocument> Documents => Set<CaseDocument>();
    public DbSet<DocumentVersion> DocumentVersions => Set<DocumentVersion>();
    public DbSet<CulAnswer> CulAnswers => Set<CulAnswer>();
    public DbSet<IssuedCertificate> Certificates => Set<IssuedCertificate>();
    public DbSet<Deployments.MigrationRun> MigrationRuns => Set<Deployments.MigrationRun>();
    public DbSet<Deployments.Draft> Drafts => Set<Deployments.Draft>();
    public DbSet<JobBank.Vacancy> Vacancies => Set<JobBank.Vacancy>();
    public DbSet<JobBank.JobSeeker> JobSeekers => Set<JobBank.JobSeeker>();
    public DbSet<JobBank.JobReferral> JobReferrals => Set<JobBank.JobReferral>();
    public DbSet<JobBank.Placement> Placements => Set<JobBank.Placement>();
    public DbSet<Notifications.SlaNotice> SlaNotices => Set<Notifications.SlaNotice>();
    public DbSet<Notifications.CitizenCaseNotice> CitizenCaseNotices => Set<Notifications.CitizenCaseNotice>();
    public DbSet<RecordHold> RecordHolds => Set<RecordHold>();
    public DbSet<Trust.OneTimeCode> OneTimeCodes => Set<Trust.OneTimeCode>();
    public DbSet<Trust.GuardedAttempt> GuardedAttempts => Set<Trust.GuardedAttempt>();
    public DbSet<Portal.CitizenAccount> CitizenAccounts => Set<Portal.CitizenAccount>();
    public DbSet<Appointments.AppointmentCalendar> AppointmentCalendars => Set<Appointments.AppointmentCalendar>();
    public DbSet<Appointments.Appointment> Appointments => Set<Appointments.Appointment>();
    public DbSet<Portal.Companies.CompanyAccount> CompanyAccounts => Set<Portal.Companies.CompanyAccount>();
    public DbSet<Portal.VacancyDigestSent> VacancyDigests => Set<Portal.VacancyDigestSent>();

    /// <summary>Audit entries staged with this context's changes (<see cref="AuditLog.Stage"/>), written in their transaction.</summary>
    internal List<AuditDraft> PendingAudit { get; } = [];

    /// <summary>
    /// Saves commit on their own even inside an engine command, for rows the same command reads back before it
    /// commits (the CUL's section answers, read by its issuing step).
    /// </summary>
    public bool CommitsOnItsOwn { get; set; }

    /// <summary>Set while the database's writer saves this context's changes (<see cref="SingleWriterSaveChanges"/>).</summary>
    internal bool SavingOnWriter { get; set; }

    // Contexts come from a pool (ServerDatabase): EF resets its own state when one goes back, these are ours.
    public override void Dispose()
    {
        ForgetRequestState();
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    public override async ValueTask DisposeAsync()
    {
        ForgetRequestState();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private void ForgetRequestState()
    {
        PendingAudit.Clear();
        CommitsOnItsOwn = false;
        SavingOnWriter = false;
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare DateTimeOffset values; UTC ticks sort and compare correctly (as in the engine).
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<VupeUser>(e =>
        {
            e.Property(u => u.FullName).HasMaxLength(200);
            e.Property(u => u.OfficeCode).HasMaxLength(6);
            e.Property(u => u.Services).HasMaxLength(500);
        });
        builder.Entity<Office>(e =>
        {
            e.HasKey(o => o.Code);
            e.Property(o => o.Code).HasMaxLength(6);
            e.Property(o => o.Name).HasMaxLength(100);
            e.Property(o => o.Address).HasMaxLength(300);
            e.Property(o => o.Phone).HasMaxLength(40);
            e.Property(o => o.Email).HasMaxLength(256);
            e.Property(o => o.OpeningHours).HasMaxLength(200);
        });
        builder.Entity<Party>(e =>
        {
            e.HasKey(p => p.Id);
            e.HasIndex(p => new { p.DocumentType, p.DocumentNumber }).IsUnique();
            e.HasIndex(p => p.SearchName);
            e.Property(p => p.DocumentNumber).HasMaxLength(15);
            e.Property(p => p.DisplayName).HasMaxLength(300);
            e.Property(p => p.SearchName).HasMaxLength(300);
            e.Property(p => p.Version).IsConcurrencyToken();
            e.OwnsOne(p => p.Person, person =>
            {
                person.ToJson();
                person.OwnsMany(x => x.Education);
                person.OwnsMany(x => x.WorkExperience);
                person.OwnsOne(x => x.Disability);
                person.OwnsOne(x => x.Migrant);
            });
            e.OwnsOne(p => p.Company, company => company.ToJson());
            e.HasMany(p => p.Consents).WithOne().HasForeignKey(c => c.PartyId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<ConsentRecord>(e =>
        {
            e.HasKey(c => c.Id);
            e.HasIndex(c => new { c.PartyId, c.RecordedAt });
        });
        builder.Entity<EmployabilityEntry>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.IdempotencyKey).IsUnique();
            e.HasIndex(x => new { x.PartyId, x.RecordedAt });
            e.HasIndex(x => x.CaseId);
            e.Property(x => x.CaseNumber).HasMaxLength(30);
            e.Property(x => x.OfficeCode).HasMaxLength(6);
            e.Property(x => x.IdempotencyKey).HasMaxLength(200);
        });
        builder.Entity<CaseDocument>(e =>
        {
            e.HasKey(d => d.Id);
            e.HasIndex(d => new { d.CaseId, d.CreatedAt });
            e.HasIndex(d => new { d.PartyId, d.CreatedAt });
            e.HasIndex(d => d.RetainUntil);
            e.Property(d => d.CaseNumber).HasMaxLength(30);
            e.Property(d => d.OfficeCode).HasMaxLength(6);
            e.Property(d => d.Kind).HasMaxLength(40);
            e.Property(d => d.Title).HasMaxLength(200);
            e.Property(d => d.IssuedBy).HasMaxLength(200);
            e.Property(d => d.RetentionClass).HasMaxLength(40);
            e.Property(d => d.Version).IsConcurrencyToken();
            e.HasMany(d => d.Versions).WithOne().HasForeignKey(v => v.DocumentId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<DocumentVersion>(e =>
        {
            e.HasKey(v => v.Id);
            e.HasIndex(v => new { v.DocumentId, v.Number }).IsUnique();
            e.HasIndex(v => v.Sha256);
            e.Property(v => v.Sha256).HasMaxLength(64);
            e.Property(v => v.MediaType).HasMaxLength(100);
            e.Property(v => v.FileName).HasMaxLength(255);
        });
        builder.Entity<CulAnswer>(e =>
        {
            e.HasKey(a => new { a.CaseId, a.Section });
            e.Property(a => a.Section).HasMaxLength(40);
            e.Property(a => a.Source).HasMaxLength(100);
        });
        builder.Entity<IssuedCertificate>(e =>
        {
            e.HasKey(c => c.Id);
            e.HasIndex(c => c.VerificationCode).IsUnique();
            e.HasIndex(c => c.IdempotencyKey).IsUnique();
            e.HasIndex(c => c.Sha256);
            e.HasIndex(c => new { c.PartyId, c.IssuedAt });
            e.HasIndex(c => c.CaseId);
            e.Property(c => c.VerificationCode).HasMaxLength(20);
            e.Property(c => c.CertificateNumber).HasMaxLength(60);
            e.Property(c => c.Kind).HasMaxLength(40);
            e.Property(c => c.Sha256).HasMaxLength(64);
            e.Property(c => c.IdempotencyKey).HasMaxLength(200);
            e.Property(c => c.Version).IsConcurrencyToken();
        });
        builder.Entity<Deployments.Draft>(e =>
        {
            e.HasKey(d => d.Key);
            e.Property(d => d.Key).HasMaxLength(200);
            e.Property(d => d.FileName).HasMaxLength(200);
            e.Property(d => d.UpdatedBy).HasMaxLength(64);
            e.Property(d => d.OfficeCode).HasMaxLength(6);
            e.Property(d => d.Version).IsConcurrencyToken();
        });
        builder.Entity<Deployments.MigrationRun>(e =>
        {
            e.HasKey(m => m.Id);
            e.HasIndex(m => m.CreatedAt);
            e.Property(m => m.SourceDefinitionId).HasMaxLength(200);
            e.Property(m => m.TargetDefinitionId).HasMaxLength(200);
            e.Property(m => m.RequestedBy).HasMaxLength(64);
            e.Property(m => m.OfficeCode).HasMaxLength(6);
            e.Property(m => m.Version).IsConcurrencyToken();
        });
        JobBank.JobBankModel.Configure(builder);
        Notifications.SlaNotice.Configure(builder);
        Notifications.CitizenCaseNotice.Configure(builder);
        Figures.FiguresModel.Configure(builder);
        Idempotency.IdempotencyRecord.Configure(builder);
        Idempotency.NodeInstance.Configure(builder);
        AuditCheckpoint.Configure(builder);
        RecordHold.Configure(builder);
        Trust.OneTimeCode.Configure(builder);
        Trust.GuardedAttempt.Configure(builder);
        Portal.CitizenAccount.Configure(builder);
        Vupe.Server.Appointments.AppointmentCalendar.Configure(builder);
        Portal.Companies.CompanyAccount.Configure(builder);
        Portal.VacancyDigestSent.Configure(builder);
        builder.Entity<AuditEntry>(e =>
        {
            e.HasKey(a => a.Id);
            e.HasIndex(a => new { a.Trail, a.Sequence }).IsUnique();
            e.HasIndex(a => new { a.ActorId, a.At });
            e.Property(a => a.Trail).HasMaxLength(60);
            e.Property(a => a.Action).HasMaxLength(60);
        });
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));
}
