using Microsoft.EntityFrameworkCore;
using Vupe.Server.Data;

namespace Vupe.Server.Offices;

public static class OfficeEndpoints
{
    public static void MapOfficeEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/offices", async (VupeDbContext db, CancellationToken ct) =>
                await db.Offices.AsNoTracking().OrderBy(o => o.Name).ToListAsync(ct))
            .WithTags("Offices").WithSummary("The VUPE offices");
    }
}
