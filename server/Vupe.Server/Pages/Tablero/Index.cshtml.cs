using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Server.Auth;
using Vupe.Server.Cases;
using Vupe.Server.Figures;
using Vupe.Server.Hosting;
using Vupe.Server.Problems;

namespace Vupe.Server.Pages.Tablero;

/// <summary>
/// The ministry's figures for a period in the user's scope (their office; every office, broken down, for national
/// users), as tables that the CSV and XLSX exports (<c>GET /api/figures</c>) repeat exactly. No personal data.
/// </summary>
[Authorize(Policy = Policies.Figures)]
public sealed class IndexModel(OfficeDashboard dashboard, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Desde { get; set; }
    [BindProperty(SupportsGet = true)] public string? Hasta { get; set; }

    /// <summary>Null when the period was refused (<see cref="Errors"/> says why).</summary>
    public DashboardFigures? Figures { get; private set; }
    public IReadOnlyList<FigureTable> Tables { get; private set; } = [];
    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        FiguresPeriod period;
        try
        {
            period = FiguresPeriod.Parse(Desde, Hasta, time.GetUtcNow());
        }
        catch (FieldValidationException e)
        {
            Errors = e.Errors.SelectMany(x => x.Value).ToList();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        Desde = period.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Hasta = period.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Figures = await dashboard.ForAsync(UserScope.From(User), period, ct);
        Tables = FigureTables.From(Figures);
    }

    public string ExportUrl(string format) => $"/api/figures?from={Uri.EscapeDataString(Desde ?? "")}&to={Uri.EscapeDataString(Hasta ?? "")}&format={format}";

    public string Chart(string type, IEnumerable<string> labels, params (string Label, IEnumerable<int> Data)[] series) => JsonSerializer.Serialize(new
    {
        type, labels = labels.ToArray(), datasets = series.Select(s => new { label = s.Label, data = s.Data.ToArray() }).ToArray(),
    });

    /// <summary>A cell as the page shows it: numbers in Peruvian format.</summary>
    public static string Cell(object value) => value switch
    {
        int i => i.ToString("N0", FigureTexts.Culture),
        double d => d.ToString("N1", FigureTexts.Culture),
        _ => value.ToString() ?? "",
    };
}
