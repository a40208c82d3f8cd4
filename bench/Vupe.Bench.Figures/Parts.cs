using Microsoft.EntityFrameworkCore;
using Vupe.Server.Data;
using Vupe.Server.Figures;

namespace Vupe.Bench.Figures;

/// <summary>The server's part of a view, run alone for --breakdown.</summary>
internal static class Parts
{
    public static Task ServerAsync(IDbContextFactory<VupeDbContext> contexts, string? office, FiguresPeriod period) =>
        new ServerFiguresQuery(contexts).RunAsync(office, period, CancellationToken.None);
}
