using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vupe.Server.Auth;
using Vupe.Server.Hosting;
using Vupe.Server.Offices;

namespace Vupe.Server.Data;

/// <summary>
/// At start: applies the EF migrations, records this process as its node's current one, seeds the 27 offices and the roles, and in development the
/// demo users (passwords in README). Idempotent: a restart adds nothing twice.
/// </summary>
internal sealed class DatabaseInitializer(IServiceProvider services, ServerDatabase database, IOptions<ServerOptions> options, IHostEnvironment environment, ILogger<DatabaseInitializer> logger)
    : IHostedService
{
    /// <summary>The demo password of every demo user (development only).</summary>
    public const string DemoPassword = "Vupe.Demo.2026";

    public static IReadOnlyList<(string UserName, string FullName, string Role, string? Office, string Services)> DemoUsers { get; } =
    [
        ("consultor.lim", "Ana Quispe Mamani", Roles.Consultant, "LIM", "bolsa-trabajo,cul"),
        ("consultor2.lim", "Luis Huamán Torres", Roles.Consultant, "LIM", ""),
        ("supervisor.lim", "Rosa Flores Chávez", Roles.Supervisor, "LIM", ""),
        // The data-protection officer: a consultant of LIM (where Mi VUPE files ARCO requests) in its proteccion-datos group.
        ("proteccion.lim", "Patricia Rojas León", Roles.Consultant + "," + Roles.DataProtection, "LIM", ""),
        ("consultor.cus", "Wilber Condori Ccama", Roles.Consultant, "CUS", ""),
        ("supervisor.cus", "Elena Apaza Huillca", Roles.Supervisor, "CUS", ""),
        ("supervisor.nacional", "Miguel Torres Cárdenas", Roles.Supervisor, null, ""),
        ("auditor", "Carmen Salazar Ríos", Roles.Auditor, null, ""),
        ("admin", "Jorge Paredes Vega", Roles.Admin, null, ""),
    ];

    /// <summary>A demo user's address, on a domain reserved for examples (RFC 2606): the mails land in data/correo anyway.</summary>
    public static string DemoEmail(string userName) => $"{userName}@vupe.example";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VupeDbContext>();
        await database.PrepareAsync(db, cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        // From now on whatever an earlier process of this node left reserved is known to be abandoned.
        await services.GetRequiredService<Idempotency.ServerInstance>().RegisterAsync(db, services.GetRequiredService<TimeProvider>(), cancellationToken);

        var known = await db.Offices.Select(o => o.Code).ToListAsync(cancellationToken);
        var missing = OfficeCatalog.All.Where(o => !known.Contains(o.Code)).ToList();
        if (missing.Count > 0)
        {
            db.Offices.AddRange(missing.Select(o => new Office { Code = o.Code, Name = o.Name, UbigeoDepartment = o.UbigeoDepartment, City = o.City }));
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Seeded {Count} offices", missing.Count);
        }

        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));

        if (options.Value.SeedDemoUsers ?? environment.IsDevelopment()) await SeedDemoUsersAsync(scope.ServiceProvider);
    }

    private async Task SeedDemoUsersAsync(IServiceProvider provider)
    {
        var users = provider.GetRequiredService<UserManager<VupeUser>>();
        foreach (var (userName, fullName, role, office, serviceCodes) in DemoUsers)
        {
            if (await users.FindByNameAsync(userName) is { } existing)
            {
                // Demo users seeded before they had addresses get one, so the SLA mails reach them too.
                if (existing.Email is null) await users.SetEmailAsync(existing, DemoEmail(userName));
                continue;
            }
            var user = new VupeUser { UserName = userName, FullName = fullName, OfficeCode = office, Services = serviceCodes, Email = DemoEmail(userName), EmailConfirmed = true };
            var created = await users.CreateAsync(user, DemoPassword);
            if (!created.Succeeded) throw new InvalidOperationException($"Demo user {userName}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
            await users.AddToRolesAsync(user, role.Split(','));
        }
        logger.LogWarning("Demo users are seeded (password documented in README): never enable Vupe:SeedDemoUsers in production");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
