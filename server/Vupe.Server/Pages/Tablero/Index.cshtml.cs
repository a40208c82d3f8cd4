using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Server.Auth;
using Vupe.Server.Hosting;
using Vupe.Server.Cases;

namespace Vupe.Server.Pages.Tablero;

/// <summary>
/// The supervisor's dashboard for their office (every office for a national user) over a date range: cases opened
/// and closed per procedure, open and overdue tasks, median time to serve, referrals per service and CULs issued.
/// Figures come from the engine's case and task queries and the certificate register; no personal data.
/// </summary>
[Authorize(Policy = Policies.Supervise)]
public sealed class IndexModel(OfficeDashboard dashboard, TimeProvider time) : PageModel
{

    [BindProperty(SupportsGet = true)] public DateOnly? Desde { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? Hasta { get; set; }

    public DashboardFigures Figures { get; private set; } = null!;
    public int Opened => Figures.Opened;
    public int Closed => Figures.Closed;
    public int OpenTasks => Figures.OpenTasks;
    public int OverdueTasks => Figures.OverdueTasks;
    public int CulIssued => Figures.CulIssued;
    public TimeSpan? MedianTimeToServe => Figures.MedianTimeToServe;
    public bool Truncated => Figures.Truncated;
    public IReadOnlyList<(string Procedure, int Opened, int Closed)> ByProcedure => Figures.ByProcedure;
    public IReadOnlyList<(string Service, int Count)> Referrals => Figures.Referrals;
    /// <summary>For a national user: cases opened and closed per office.</summary>
    public IReadOnlyList<(string Office, int Opened, int Closed)> ByOffice => Figures.ByOffice;
    public string Scope => Figures.Scope;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().ToOffset(LimaTime.Offset).DateTime);
        Hasta ??= today;
        Desde ??= Hasta.Value.AddDays(-29);
        if (Desde > Hasta) (Desde, Hasta) = (Hasta, Desde);
        var from = new DateTimeOffset(Desde.Value.ToDateTime(TimeOnly.MinValue), LimaTime.Offset);
        var before = new DateTimeOffset(Hasta.Value.AddDays(1).ToDateTime(TimeOnly.MinValue), LimaTime.Offset);
        Figures = await dashboard.ForAsync(UserScope.From(User), from, before, ct);
    }

    public string Chart(string type, IEnumerable<string> labels, params (string Label, IEnumerable<int> Data)[] series) => JsonSerializer.Serialize(new
    {
        type, labels = labels.ToArray(), datasets = series.Select(s => new { label = s.Label, data = s.Data.ToArray() }).ToArray(),
    });
}
