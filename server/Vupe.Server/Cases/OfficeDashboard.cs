using Microsoft.EntityFrameworkCore;
using Vupe.Engine;
using Vupe.Engine.Persistence;
using Vupe.Server.Auth;
using Vupe.Server.Data;
using Vupe.Workflows;

namespace Vupe.Server.Cases;

/// <summary>The supervisor's figures for a period, in their scope: no personal data, only counts and durations.</summary>
public sealed record DashboardFigures(
    string Scope, int Opened, int Closed, int OpenTasks, int OverdueTasks, int CulIssued, TimeSpan? MedianTimeToServe, bool Truncated,
    IReadOnlyList<(string Procedure, int Opened, int Closed)> ByProcedure, IReadOnlyList<(string Service, int Count)> Referrals,
    IReadOnlyList<(string Office, int Opened, int Closed)> ByOffice);

/// <summary>
/// The supervisor's dashboard for their office (every office for a national user) over a date range: cases opened
/// and closed per procedure, open and overdue tasks, median time to serve, referrals per service and CULs issued.
/// </summary>
public sealed class OfficeDashboard(ProcessEngine engine, IDbContextFactory<VupeDbContext> contexts, TimeProvider time)
{
    private const int MaxCasesRead = 20_000;

    public async Task<DashboardFigures> ForAsync(UserScope user, DateTimeOffset from, DateTimeOffset before, CancellationToken ct)
    {
        var scope = user.OfficeCode is { } office ? $"Oficina {office}" : "Todas las oficinas";
        var cases = await engine.Cases.QueryAsync(new CaseFilter { OfficeCodes = user.Offices, OpenedFrom = from, OpenedBefore = before, Take = MaxCasesRead }, ct);
        var closed = cases.Where(c => c.ClosedAt is not null).ToList();
        var durations = closed.Select(c => c.ClosedAt!.Value - c.OpenedAt).Order().ToList();
        var byProcedure = cases.GroupBy(c => c.ProcessKey ?? "—").OrderByDescending(g => g.Count())
            .Select(g => (g.Key, g.Count(), g.Count(c => c.ClosedAt is not null))).ToList();
        // A referral is a case opened by a triage (a child case), whichever procedure its service runs.
        var referrals = cases.Where(c => c.ParentCaseId is not null)
            .GroupBy(c => (c.Title ?? "").Replace("Derivación a ", "", StringComparison.Ordinal)).OrderByDescending(g => g.Count()).Select(g => (g.Key, g.Count())).ToList();
        var byOffice = user.IsNational
            ? cases.GroupBy(c => c.OfficeCode).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count(), g.Count(c => c.ClosedAt is not null))).ToList()
            : [];
        var now = time.GetUtcNow();
        var openTasks = await engine.Tasks.CountAsync(new TaskFilter { OfficeCodes = user.Offices }, ct);
        var overdue = await engine.Tasks.CountAsync(new TaskFilter { OfficeCodes = user.Offices, DueBefore = now }, ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var certificates = db.Certificates.AsNoTracking().Where(c => c.IssuedAt >= from && c.IssuedAt < before);
        if (user.OfficeCode is { } own) certificates = certificates.Where(c => c.OfficeCode == own);
        return new DashboardFigures(scope, cases.Count, closed.Count, openTasks, overdue, await certificates.CountAsync(ct),
            durations.Count == 0 ? null : durations[durations.Count / 2], cases.Count == MaxCasesRead, byProcedure, referrals, byOffice);
    }
}
