using Microsoft.EntityFrameworkCore;
using Vupe.Server.Data;

namespace Vupe.Server.Offices;

/// <summary>The VUPE offices over HTTP (<see cref="OfficeDirectory"/>).</summary>
public static class OfficeEndpoints
{
    public static void MapOfficeEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/offices", (OfficeDirectory offices, CancellationToken ct) => offices.ListAsync(ct))
            .WithTags("Offices").WithSummary("The VUPE offices");
    }
}

/// <summary>The 27 offices, as stored.</summary>
public sealed class OfficeDirectory(IDbContextFactory<VupeDbContext> contexts)
{
    public async Task<List<Office>> ListAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Offices.AsNoTracking().OrderBy(o => o.Name).ToListAsync(ct);
    }

    public async Task<bool> ExistsAsync(string code, CancellationToken ct)
    {
        // The catalogue's offices are always stored (DatabaseInitializer adds any missing at start, nothing removes one):
        // opening a case asks this on every request, so only another code needs the table.
        if (OfficeCatalog.Find(code) is not null) return true;
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Offices.AnyAsync(o => o.Code == code, ct);
    }
}
