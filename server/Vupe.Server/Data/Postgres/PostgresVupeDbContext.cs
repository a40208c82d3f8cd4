using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NpgsqlTypes;
using Vupe.Server.JobBank;
using Vupe.Server.Parties;

namespace Vupe.Server.Data.Postgres;

/// <summary>
/// The server's model on PostgreSQL: <see cref="VupeDbContext"/>'s, plus what only PostgreSQL has. A type of its own
/// so that its migrations (Data/Migrations/Postgres) are apart from SQLite's. Added here: the vacancies' full-text
/// vector (a stored generated column with a GIN index), the data-protection key ring shared by every node, and the
/// indexes by change time through which every node's matching index follows the others' writes.
/// </summary>
internal sealed class PostgresVupeDbContext(DbContextOptions<PostgresVupeDbContext> options) : VupeDbContext(options)
{
    /// <summary>The tsvector of <see cref="Vacancy.SearchText"/> (already folded: lower case, no accents).</summary>
    public const string VacancySearchVector = "SearchVector";

    /// <summary>The text search configuration: no stemming and no stop words, so every word is a prefix to match, as in SQLite's FTS5.</summary>
    public const string TextSearchConfiguration = "simple";

    public const string DataProtectionKeysTable = "DataProtectionKeys";

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // timestamptz takes UTC values only (Npgsql refuses other offsets): times computed in Lima's offset are
        // stored as the same instant in UTC, and read back in UTC, as on SQLite (UTC ticks).
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<ToUtc>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<ToUtc>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<Vacancy>(e =>
        {
            e.Property<NpgsqlTsVector>(VacancySearchVector)
                .HasComputedColumnSql($"to_tsvector('{TextSearchConfiguration}', \"SearchText\")", stored: true);
            e.HasIndex(VacancySearchVector).HasMethod("GIN");
            // Every node reads what the others changed since its last look (NationalMatching's sync).
            e.HasIndex(v => v.UpdatedAt);
        });
        builder.Entity<JobSeeker>(e => e.HasIndex(s => s.UpdatedAt));
        // A name searched anywhere in the folded name (LIKE '%word%', PartyNameQuery) reads this trigram index instead of every ficha.
        builder.HasPostgresExtension("pg_trgm");
        builder.Entity<Party>(e => e.HasIndex(p => p.SearchName, "IX_Parties_SearchName_Trigram").HasMethod("gin").HasOperators("gin_trgm_ops"));
        builder.Entity<DataProtectionKey>().ToTable(DataProtectionKeysTable);
    }

    private sealed class ToUtc() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v.ToUniversalTime());
}
