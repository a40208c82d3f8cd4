using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Vupe.Server.Data.Postgres;

namespace Vupe.Server.Data;

/// <summary>For `dotnet ef migrations add --context VupeDbContext`: the SQLite model without starting the server.</summary>
public sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<VupeDbContext>
{
    public VupeDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<VupeDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>
/// For `dotnet ef migrations add --context PostgresVupeDbContext --output-dir Data/Migrations/Postgres`: PostgreSQL's
/// model; no connection is opened to add a migration.
/// </summary>
internal sealed class PostgresDesignTimeContextFactory : IDesignTimeDbContextFactory<PostgresVupeDbContext>
{
    public PostgresVupeDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresVupeDbContext>().UseNpgsql("Host=localhost;Database=vupe_design_time").Options);
}
