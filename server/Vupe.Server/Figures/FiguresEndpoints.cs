using Vupe.Server.Auth;
using Vupe.Server.Cases;
using Vupe.Server.Hosting;
using Vupe.Server.Problems;

namespace Vupe.Server.Figures;

/// <summary><c>GET /api/figures?from&amp;to&amp;format=json|csv|xlsx</c>: the dashboard's figures, or their export (audited).</summary>
public static class FiguresEndpoints
{
    public static RouteGroupBuilder MapFiguresEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/figures", async (string? from, string? to, string? format, HttpContext http, OfficeDashboard dashboard, FiguresExport export,
            TimeProvider time, CancellationToken ct) =>
        {
            var errors = new FieldErrors();
            var chosen = errors.Choice<FiguresFormat>("format", format) ?? FiguresFormat.Json;
            errors.ThrowIfAny();
            var figures = await dashboard.ForAsync(UserScope.From(http.User), FiguresPeriod.Parse(from, to, time.GetUtcNow()), ct);
            if (chosen == FiguresFormat.Json) return Results.Ok(figures);
            var (content, contentType, fileName) = await export.ExportAsync(figures, chosen, ct);
            return Results.File(content, contentType, fileName);
        }).RequireAuthorization(Policies.Figures).WithTags("Cifras")
            .WithSummary("Cifras del tablero para un periodo (desde/hasta AAAA-MM-DD, a lo más 5 años), en JSON o exportadas a CSV o XLSX.");
        return api;
    }
}
