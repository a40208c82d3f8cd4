using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Vupe.Server.Data.Postgres;

/// <summary>
/// The data-protection key ring on PostgreSQL. The table is made by <see cref="PostgresVupeDbContext"/>'s migrations;
/// this context only reads and adds keys, on its own connection: a new key is rare, belongs to no request's
/// transaction, and the key ring saves synchronously, which the database's one writer does not take.
/// </summary>
internal sealed class DataProtectionKeys(DbContextOptions<DataProtectionKeys> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> Keys => Set<DataProtectionKey>();

    DbSet<DataProtectionKey> IDataProtectionKeyContext.DataProtectionKeys => Keys;

    protected override void OnModelCreating(ModelBuilder builder) =>
        builder.Entity<DataProtectionKey>().ToTable(PostgresVupeDbContext.DataProtectionKeysTable, t => t.ExcludeFromMigrations());
}
