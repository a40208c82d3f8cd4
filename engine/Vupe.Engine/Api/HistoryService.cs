using Vupe.Engine.Persistence;
using Vupe.Engine.Runtime;

namespace Vupe.Engine;

/// <summary>What happened, step by step: per process instance or for a whole case.</summary>
public sealed class HistoryService
{
    private readonly EngineCore _core;
    internal HistoryService(EngineCore core) => _core = core;

    public Task<List<HistoryEntry>> ForInstanceAsync(Guid instanceId, CancellationToken ct = default) =>
        _core.ReadAsync(ct, async s => (await s.FindHistoryAsync(new HistoryFilter(InstanceId: instanceId), ct)).Select(HistoryEntry.From).ToList());

    public Task<List<HistoryEntry>> ForCaseAsync(Guid caseId, CancellationToken ct = default) =>
        _core.ReadAsync(ct, async s => (await s.FindHistoryAsync(new HistoryFilter(CaseId: caseId), ct)).Select(HistoryEntry.From).ToList());
}

/// <summary>Case files (expedientes): find them, their children and their data.</summary>
public sealed class CaseService
{
    private readonly EngineCore _core;
    internal CaseService(EngineCore core) => _core = core;

    public Task<CaseFileInfo> GetAsync(Guid caseId, CancellationToken ct = default) =>
        _core.ReadAsync(ct, async s => CaseFileInfo.From(await s.FindCaseAsync(caseId, ct) ?? throw new NotFoundException($"Case {caseId} does not exist.")));

    public Task<CaseFileInfo> GetByNumberAsync(string caseNumber, CancellationToken ct = default) =>
        _core.ReadAsync(ct, async s => CaseFileInfo.From(await s.FindCaseByNumberAsync(caseNumber.Trim().ToUpperInvariant(), ct)
            ?? throw new NotFoundException($"Case {caseNumber} does not exist.")));

    /// <summary>The cases opened as children of this one (referrals), oldest first; those opened together, by case number.</summary>
    public Task<List<CaseFileInfo>> ChildrenAsync(Guid caseId, CancellationToken ct = default) =>
        _core.ReadAsync(ct, async s => (await s.FindChildCasesAsync(caseId, ct)).Select(CaseFileInfo.From).ToList());

    /// <summary>Case files matching the filter, newest first.</summary>
    public Task<List<CaseFileInfo>> QueryAsync(CaseFilter filter, CancellationToken ct = default) =>
        _core.ReadAsync(ct, async s => (await s.QueryCasesAsync(filter, ct)).Select(CaseFileInfo.From).ToList());

    public Task<int> CountAsync(CaseFilter filter, CancellationToken ct = default) => _core.ReadAsync(ct, s => s.CountCasesAsync(filter, ct));

    /// <summary>
    /// The matching case files counted per group — office, procedure, title or a combination — by the store (GROUP BY
    /// in the database), however many there are; the filter's paging is ignored.
    /// </summary>
    public Task<List<CaseCount>> CountByAsync(CaseGrouping grouping, CaseFilter filter, CancellationToken ct = default) =>
        _core.ReadAsync(ct, s => s.CountCasesByAsync(grouping, filter, ct));

    /// <summary>
    /// How long the closed case files matching the filter took from opening to closing, at each percentile asked for
    /// (0 &lt; p ≤ 1, nearest rank, exact: the store orders the durations and takes the rank's row).
    /// </summary>
    public Task<CaseDurations> DurationsAsync(CaseFilter filter, IReadOnlyList<double> percentiles, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(percentiles);
        foreach (var p in percentiles) ArgumentOutOfRangeException.ThrowIfNegativeOrZero(p, nameof(percentiles));
        if (percentiles.Any(p => p > 1)) throw new ArgumentOutOfRangeException(nameof(percentiles), "A percentile is a share in (0, 1].");
        return _core.ReadAsync(ct, s => s.CaseDurationsAsync(filter, percentiles, ct));
    }

    /// <summary>The case's variables: those of the process instance that opened it.</summary>
    public Task<Dictionary<string, object?>> GetVariablesAsync(Guid caseId, CancellationToken ct = default) =>
        _core.ReadAsync(ct, async s => await VariablesAsync(s, await s.FindCaseAsync(caseId, ct) ?? throw NotFound(caseId), ct));

    /// <summary>
    /// Everything a case page shows of the engine's side, in one read: the case, its variables, its instances, its open
    /// tasks (up to <paramref name="taskLimit"/>), its child cases, its history and its open incidents — as the separate
    /// calls give them, without reading the case and its instances again for each.
    /// </summary>
    public Task<CaseView> GetViewAsync(Guid caseId, int taskLimit = 200, CancellationToken ct = default) =>
        _core.ReadAsync(ct, async s =>
        {
            var caseFile = await s.FindCaseAsync(caseId, ct) ?? throw NotFound(caseId);
            var instances = await s.FindInstancesAsync(new InstanceFilter(CaseId: caseId), ct);
            return new CaseView(CaseFileInfo.From(caseFile), await VariablesAsync(s, caseFile, ct),
                [.. instances.Select(i => RuntimeService.ToInfo(i, caseFile.CaseNumber))],
                [.. (await s.QueryTasksAsync(new TaskFilter { CaseId = caseId, Take = taskLimit }, ct)).Select(TaskInfo.From)],
                [.. (await s.FindChildCasesAsync(caseId, ct)).Select(CaseFileInfo.From)],
                [.. (await s.FindHistoryAsync(new HistoryFilter(CaseId: caseId), ct)).Select(HistoryEntry.From)],
                [.. (await s.FindIncidentsAsync(new IncidentFilter(CaseId: caseId), ct)).Select(IncidentInfo.From)]);
        });

    private static async Task<Dictionary<string, object?>> VariablesAsync(IEngineSession s, CaseFileRecord caseFile, CancellationToken ct)
    {
        if (caseFile.RootInstanceId is not { } rootId || await s.FindInstanceAsync(rootId, ct) is not { } root) return [];
        return VariableConversion.ToObjects(root.State.Executions.GetValueOrDefault(InstanceContext.RootId)?.Variables ?? []);
    }

    private static NotFoundException NotFound(Guid caseId) => new($"Case {caseId} does not exist.");
}
