using Vupe.Engine;
using Vupe.Engine.Persistence;
using Vupe.Workflows;

namespace Vupe.Server.Figures;

/// <summary>What the engine counts for the figures: cases per office and procedure, referral cases per service, durations, tasks.</summary>
internal sealed record CaseCounts(
    IReadOnlyList<CaseCount> Opened, IReadOnlyList<CaseCount> Closed, IReadOnlyList<CaseCount> Referrals, CaseDurations Durations, IReadOnlyList<TaskCount> Tasks);

/// <summary>
/// The engine's part of the figures through its generic aggregate API (<see cref="CaseService.CountByAsync"/>,
/// <see cref="CaseService.DurationsAsync"/>, <see cref="TaskService.CountByOfficeAsync"/>): GROUP BY and ORDER BY … OFFSET
/// run in the database, so no case is read into memory however many the period holds.
/// </summary>
internal sealed class CaseFiguresQuery(ProcessEngine engine)
{
    /// <summary>The median and the 90th percentile of the time to serve.</summary>
    private static readonly double[] Percentiles = [0.5, 0.9];

    public async Task<CaseCounts> RunAsync(IReadOnlyCollection<string>? offices, FiguresPeriod period, DateTimeOffset now, CancellationToken ct)
    {
        var opened = new CaseFilter { OfficeCodes = offices, OpenedFrom = period.Start, OpenedBefore = period.End };
        var closed = new CaseFilter { OfficeCodes = offices, ClosedFrom = period.Start, ClosedBefore = period.End };
        // One after another: each is one read on the store's connection pool; in parallel they would only compete for the two cores.
        var byProcedureOpened = await engine.Cases.CountByAsync(CaseGrouping.Office | CaseGrouping.ProcessKey, opened, ct);
        var byProcedureClosed = await engine.Cases.CountByAsync(CaseGrouping.Office | CaseGrouping.ProcessKey, closed, ct);
        var referrals = await engine.Cases.CountByAsync(CaseGrouping.Title, opened with { ProcessKey = VupeProcesses.Referral }, ct);
        var durations = await engine.Cases.DurationsAsync(closed, Percentiles, ct);
        var tasks = await engine.Tasks.CountByOfficeAsync(new TaskFilter { OfficeCodes = offices }, now, ct);
        return new CaseCounts(byProcedureOpened, byProcedureClosed, referrals, durations, tasks);
    }
}
