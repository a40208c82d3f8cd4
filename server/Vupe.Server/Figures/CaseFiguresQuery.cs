using Vupe.Engine;
using Vupe.Engine.Persistence;

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
        // Concurrently: each is one read on its own connection of the store's pool (SQLite's WAL lets readers run side by
        // side), so a national year's view uses both cores instead of one (bench/figures.sh: 1.27 s → see docs/benchmarks.md).
        var byProcedureOpened = engine.Cases.CountByAsync(CaseGrouping.Office | CaseGrouping.ProcessKey, opened, ct);
        var byProcedureClosed = engine.Cases.CountByAsync(CaseGrouping.Office | CaseGrouping.ProcessKey, closed, ct);
        // Referral cases by their title ("Derivación a {servicio}", OpenReferralsHandler), whichever procedure serves the service.
        var referrals = engine.Cases.CountByAsync(CaseGrouping.Title, opened with { TitlePrefix = FigureTexts.ReferralTitlePrefix }, ct);
        var durations = engine.Cases.DurationsAsync(closed, Percentiles, ct);
        var tasks = engine.Tasks.CountByOfficeAsync(new TaskFilter { OfficeCodes = offices }, now, ct);
        await Task.WhenAll(byProcedureOpened, byProcedureClosed, referrals, durations, tasks);
        return new CaseCounts(await byProcedureOpened, await byProcedureClosed, await referrals, await durations, await tasks);
    }
}
