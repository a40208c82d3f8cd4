using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Vupe.Server.Data;

/// <summary>For `dotnet ef migrations add`: the context without starting the server.</summary>
public sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<VupeDbContext>
{
    public VupeDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<VupeDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
