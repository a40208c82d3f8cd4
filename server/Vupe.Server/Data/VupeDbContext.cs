using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Vupe.Server.Audit;
using Vupe.Server.Auth;
using Vupe.Server.Offices;
using Vupe.Server.Parties;

namespace Vupe.Server.Data;

/// <summary>
/// The server's own tables (users and roles, offices, parties and their fichas, consents, audit
/// trails), migrated with EF Core migrations. The engine keeps its tables in the same database
/// through its own context.
/// </summary>
public sealed class VupeDbContext(DbContextOptions<VupeDbContext> options) : IdentityDbContext<VupeUser>(options)
{
    public DbSet<Office> Offices => Set<Office>();
    public DbSet<Party> Parties => Set<Party>();
    public DbSet<ConsentRecord> Consents => Set<ConsentRecord>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<EmployabilityEntry> EmployabilityEntries => Set<EmployabilityEntry>();

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
