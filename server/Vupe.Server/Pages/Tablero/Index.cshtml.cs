using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Vupe.Engine;
using Vupe.Engine.Persistence;
using Vupe.Server.Auth;
using Vupe.Server.Data;
using Vupe.Server.Hosting;
using Vupe.Workflows;

namespace Vupe.Server.Pages.Tablero;

/// <summary>
/// The supervisor's dashboard for their office (every office for a national user) over a date range: cases opened
/// and closed per procedure, open and overdue tasks, median time to serve, referrals per service and CULs issued.
/// Figures come from the engine's case and task queries and the certificate register; no personal data.
/// </summary>
[Authorize(Policy = Policies.Supervise)]
public sealed class IndexModel(ProcessEngine engine, VupeDbContext db, TimeProvider time) : PageModel
{
    private const int MaxCasesRead = 20_000;
    private static readonly TimeSpan Lima = TimeSpan.FromHours(-5);

    [BindProperty(SupportsGet = true)] public DateOnly? Desde { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? Hasta { get; set; }

    public int Opened { get; private set; }
    public int Closed { get; private set; }
    public int OpenTasks { get; private set; }
    public int OverdueTasks { get; private set; }
    public int CulIssued { get; private set; }
    public TimeSpan? MedianTimeToServe { get; private set; }
    public bool Truncated { get; private set; }
    public IReadOnlyList<(string Procedure, int Opened, int Closed)> ByProcedure { get; private set; } = [];
    public IReadOnlyList<(string Service, int Count)> Referrals { get; private set; } = [];
    /// <summary>For a national user: cases opened and closed per office.</summary>
    public IReadOnlyList<(string Office, int Opened, int Closed)> ByOffice { get; private set; } = [];
    public string Scope { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var user = UserScope.From(User);
        var today = DateOnly.FromDateTime(time.GetUtcNow().ToOffset(Lima).DateTime);
        Hasta ??= today;
        Desde ??= Hasta.Value.AddDays(-29);
        if (Desde > Hasta) (Desde, Hasta) = (Hasta, Desde);
        var from = new DateTimeOffset(Desde.Value.ToDateTime(TimeOnly.MinValue), Lima);
        var before = new DateTimeOffset(Hasta.Value.AddDays(1).ToDateTime(TimeOnly.MinValue), Lima);
        Scope = user.OfficeCode is { } office ? $"Oficina {office}" : "Todas las oficinas";

        var cases = await engine.Cases.QueryAsync(new CaseFilter { OfficeCodes = user.Offices, OpenedFrom = from, OpenedBefore = before, Take = MaxCasesRead }, ct);
        Truncated = cases.Count == MaxCasesRead;
        Opened = cases.Count;
        var closed = cases.Where(c => c.ClosedAt is not null).ToList();
        Closed = closed.Count;
        var durations = closed.Select(c => c.ClosedAt!.Value - c.OpenedAt).Order().ToList();
        MedianTimeToServe = durations.Count == 0 ? null : durations[durations.Count / 2];
        ByProcedure = [.. cases.GroupBy(c => c.ProcessKey ?? "—").OrderByDescending(g => g.Count())
            .Select(g => (g.Key, g.Count(), g.Count(c => c.ClosedAt is not null)))];
        Referrals = [.. cases.Where(c => c.ProcessKey == VupeProcesses.Referral)
            .GroupBy(c => (c.Title ?? "").Replace("Derivación a ", "", StringComparison.Ordinal)).OrderByDescending(g => g.Count()).Select(g => (g.Key, g.Count()))];

        if (user.IsNational)
            ByOffice = [.. cases.GroupBy(c => c.OfficeCode).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (g.Key, g.Count(), g.Count(c => c.ClosedAt is not null)))];
        var now = time.GetUtcNow();
        OpenTasks = await engine.Tasks.CountAsync(new TaskFilter { OfficeCodes = user.Offices }, ct);
        OverdueTasks = await engine.Tasks.CountAsync(new TaskFilter { OfficeCodes = user.Offices, DueBefore = now }, ct);
        var certificates = db.Certificates.AsNoTracking().Where(c => c.IssuedAt >= from && c.IssuedAt < before);
        if (user.OfficeCode is { } own) certificates = certificates.Where(c => c.OfficeCode == own);
        CulIssued = await certificates.CountAsync(ct);
    }

    public string Chart(string type, IEnumerable<string> labels, params (string Label, IEnumerable<int> Data)[] series) => JsonSerializer.Serialize(new
    {
        type, labels = labels.ToArray(), datasets = series.Select(s => new { label = s.Label, data = s.Data.ToArray() }).ToArray(),
    });
}
