using Vupe.Engine.Persistence;
using Vupe.Engine.Runtime;

namespace Vupe.Engine;

/// <summary>Starts, steers and inspects running process instances.</summary>
public sealed class RuntimeService
{
    private readonly EngineCore _core;
    internal RuntimeService(EngineCore core) => _core = core;

    /// <summary>Opens a case (or uses the one given) and starts the process at its none start event; returns once the instance rests in wait states and that is committed.</summary>
    public async Task<ProcessInstanceInfo> StartProcessAsync(StartProcessRequest request, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(request.ProcessKey);
        var variables = VariableConversion.ToFeel(request.Variables);
        await _core.Deployments.EnsureFreshAsync(ct);
        var definition = request.Version is { } v
            ? await _core.Definitions.FindAsync(request.ProcessKey, v, ct) ?? throw new NotFoundException($"Process '{request.ProcessKey}' version {v} is not deployed.")
            : await _core.Definitions.FindLatestAsync(request.ProcessKey, ct) ?? throw new NotFoundException($"Process '{request.ProcessKey}' is not deployed.");
        var start = definition.Model.NoneStart
            ?? throw new InvalidStateException(StateText.NoNoneStart(request.ProcessKey));
        return await _core.ExecuteAsync(request.UserId, ct, async ctx =>
        {
            CaseFileRecord caseFile;
            if (request.CaseId is { } caseId)
            {
                caseFile = await ctx.Session.FindCaseAsync(caseId, ct) ?? throw new NotFoundException($"Case {caseId} does not exist.");
                if (caseFile.Status != CaseStatus.Open) throw new InvalidStateException(StateText.CaseNotOpen(caseFile.CaseNumber, caseFile.Status));
            }
            else
            {
                caseFile = await _core.Starter.OpenCaseAsync(ctx, request.OfficeCode, request.Title ?? definition.Model.Name, definition.Record.Key, request.ParentCaseId, request.SubjectId);
            }
            var ic = _core.Starter.StartInstance(ctx, definition, caseFile, variables, start, businessKey: request.BusinessKey);
            await ctx.RunAsync();
            return ToInfo(ic.Record, caseFile.CaseNumber);
        });
    }

    /// <summary>
    /// Delivers a message to the instances waiting for it by name and correlation key, or starts
    /// processes with that message start event. If nobody waits, the message is buffered for
    /// <paramref name="timeToLive"/> (default <see cref="EngineOptions.DefaultMessageTimeToLive"/>);
    /// a zero time to live rejects it with <see cref="MessageNotCorrelatedException"/>.
    /// </summary>
    public Task<MessageCorrelationResult> CorrelateMessageAsync(string messageName, string? correlationKey, IReadOnlyDictionary<string, object?>? variables = null,
        TimeSpan? timeToLive = null, string? userId = null, CancellationToken ct = default)
    {
        var values = VariableConversion.ToFeel(variables);
        return _core.ExecuteAsync(userId, ct, ctx => _core.Messages.CorrelateAsync(ctx, messageName, correlationKey, values, timeToLive));
    }

    /// <summary>Broadcasts a signal to every listening instance; returns how many it reached.</summary>
    public Task<int> SignalAsync(string signalName, IReadOnlyDictionary<string, object?>? variables = null, string? userId = null, CancellationToken ct = default)
    {
        var values = VariableConversion.ToFeel(variables);
        return _core.ExecuteAsync(userId, ct, ctx => _core.Signals.BroadcastAsync(ctx, signalName, values));
    }

    public Task CancelAsync(Guid instanceId, string? reason = null, string? userId = null, CancellationToken ct = default) =>
        _core.ExecuteAsync(userId, ct, async ctx =>
        {
            var ic = await ctx.LoadInstanceAsync(instanceId);
            if (!ic.IsActive) throw new InvalidStateException(StateText.InstanceEnded(instanceId, ic.Record.Status));
            ctx.History.Add(ctx, ic, HistoryEventTypes.ProcessCancelled, ic.Root, ic.Model, new { reason });
            await _core.Runner.CancelInstanceAsync(ctx, ic);
            return true;
        });

    /// <summary>
    /// Pauses a running instance (an operator's hold while a cause is investigated): its jobs — timers, retries, async
    /// steps — wait, its tasks cannot be completed and messages and signals pass it by, until <see cref="ResumeAsync"/>.
    /// It can still be cancelled and its variables set.
    /// </summary>
    public Task SuspendAsync(Guid instanceId, string? reason = null, string? userId = null, CancellationToken ct = default) =>
        _core.ExecuteAsync(userId, ct, async ctx =>
        {
            var ic = await ctx.LoadInstanceAsync(instanceId);
            if (!ic.IsActive) throw new InvalidStateException(StateText.InstanceEnded(instanceId, ic.Record.Status));
            if (ic.State.Suspended) throw new InvalidStateException(StateText.AlreadySuspended(instanceId));
            ic.State.Suspended = true;
            // Its jobs are parked: due far in the future, so no worker or sweep keeps picking them (nor starves others).
            var parked = new Dictionary<Guid, DateTimeOffset>();
            foreach (var job in await ctx.Session.FindJobsAsync(new JobFilter(InstanceId: instanceId), ct))
            {
                parked[job.Id] = job.DueAt;
                job.DueAt = ParkedUntilResumed;
                ctx.Session.Update(job);
            }
            ic.State.ParkedJobs = parked.Count == 0 ? null : parked;
            ctx.History.Add(ctx, ic, HistoryEventTypes.ProcessSuspended, ic.Root, ic.Model, new { reason });
            return true;
        });

    /// <summary>Where a suspended instance's jobs are due until it is resumed.</summary>
    private static readonly DateTimeOffset ParkedUntilResumed = new(3000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Resumes a suspended instance: its jobs are scheduled again (those already due run at once).</summary>
    public Task ResumeAsync(Guid instanceId, string? reason = null, string? userId = null, CancellationToken ct = default) =>
        _core.ExecuteAsync(userId, ct, async ctx =>
        {
            var ic = await ctx.LoadInstanceAsync(instanceId);
            if (!ic.IsSuspended) throw new InvalidStateException(StateText.NotSuspended(instanceId));
            ic.State.Suspended = false;
            ctx.History.Add(ctx, ic, HistoryEventTypes.ProcessResumed, ic.Root, ic.Model, new { reason });
            var parked = ic.State.ParkedJobs ?? [];
            ic.State.ParkedJobs = null;
            foreach (var job in await ctx.Session.FindJobsAsync(new JobFilter(InstanceId: instanceId), ct))
            {
                if (parked.TryGetValue(job.Id, out var due))
                {
                    job.DueAt = due;
                    ctx.Session.Update(job);
                }
                if (job.RetriesLeft > 0) ctx.NewJobs.Add(job); // scheduled again: the scheduler's own entry ran (and did nothing) while parked
            }
            return true;
        });

    /// <summary>
    /// The instances of one process definition that meet every criterion of <paramref name="query"/>, newest first, one
    /// page of them with the total. Every criterion — office (through the case), state, current element, start period,
    /// variable (<see cref="InstanceQuery.VariableName"/>) — is the store's query, and so are the page and the total:
    /// nothing is scanned in memory and nothing is cut short. Only the page's instances are read whole.
    /// </summary>
    public Task<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentException.ThrowIfNullOrWhiteSpace(query.DefinitionId);
        // Office codes as cases store them (upper case); one office outside the scope given matches nothing.
        var offices = query.OfficeCodes?.Select(o => o.ToUpperInvariant()).ToList();
        if (query.OfficeCode is { } office)
            offices = offices is null || offices.Contains(office.ToUpperInvariant(), StringComparer.Ordinal) ? [office.ToUpperInvariant()] : [];
        if (offices is { Count: 0 }) return Task.FromResult(new InstancePage([], 0));
        return _core.ReadAsync(ct, async s =>
        {
            var total = await s.CountInstancesAsync(query, offices, ct);
            var rows = total == 0 || query.Take <= 0 ? [] : await s.PageInstancesAsync(query, offices, ct);
            return new InstancePage([.. rows.Select(r => new InstanceRow(ToInfo(r.Instance, r.CaseNumber), r.OfficeCode))], total);
        });
    }

    /// <summary>
    /// Why an instance cannot move to <paramref name="targetDefinitionId"/> with these mappings (element id → element
    /// id; unmapped elements keep their id); empty when it can. Changes nothing.
    /// </summary>
    public Task<IReadOnlyList<string>> CheckMigrationAsync(Guid instanceId, string targetDefinitionId, IReadOnlyDictionary<string, string>? mappings = null,
        CancellationToken ct = default) =>
        _core.ReadAsync(ct, async s =>
        {
            var record = await s.FindInstanceAsync(instanceId, ct) ?? throw new NotFoundException($"Process instance {instanceId} does not exist.");
            var source = await _core.Definitions.GetAsync(record.DefinitionId, ct);
            var target = await _core.Definitions.GetAsync(targetDefinitionId, ct);
            return (IReadOnlyList<string>)InstanceMigrator.Check(record, source.Model, target.Model, mappings ?? new Dictionary<string, string>());
        });

    /// <summary>
    /// A dry run over the active instances of <paramref name="sourceDefinitionId"/> (at most <paramref name="take"/>,
    /// oldest first): which can move to the target and, for the others, why not. Changes nothing.
    /// </summary>
    public Task<List<MigrationCheck>> PlanMigrationAsync(string sourceDefinitionId, string targetDefinitionId, IReadOnlyDictionary<string, string>? mappings = null,
        int take = 10_000, CancellationToken ct = default) =>
        _core.ReadAsync(ct, async s =>
        {
            var source = await _core.Definitions.GetAsync(sourceDefinitionId, ct);
            var target = await _core.Definitions.GetAsync(targetDefinitionId, ct);
            var map = mappings ?? new Dictionary<string, string>();
            var instances = await s.FindInstancesAsync(new InstanceFilter(DefinitionId: sourceDefinitionId, Status: InstanceStatus.Active, Take: take), ct);
            return instances.Select(i =>
            {
                var reasons = InstanceMigrator.Check(i, source.Model, target.Model, map);
                return new MigrationCheck(i.Id, i.CaseId, reasons.Count == 0, reasons);
            }).ToList();
        });

    /// <summary>
    /// Moves a running instance to another definition (usually its process's newer version), in one command: every
    /// execution to the element with the same id or the one <paramref name="mappings"/> names, keeping tasks (assignee,
    /// claim, due date), timers, subscriptions, sub-process scopes and parallel branches; its decisions and forms bound
    /// again to their latest versions. An instance that cannot move (<see cref="CheckMigrationAsync"/>) is an
    /// <see cref="InvalidStateException"/> and stays as it was.
    /// </summary>
    public Task MigrateAsync(Guid instanceId, string targetDefinitionId, IReadOnlyDictionary<string, string>? mappings = null, string? userId = null,
        CancellationToken ct = default) =>
        _core.ExecuteAsync(userId, ct, async ctx =>
        {
            var ic = await ctx.LoadInstanceAsync(instanceId);
            var target = await _core.Definitions.GetAsync(targetDefinitionId, ct);
            await new InstanceMigrator(_core).MigrateAsync(ctx, ic, target, mappings ?? new Dictionary<string, string>());
            return true;
        });

    /// <summary>
    /// Moves the tokens waiting at one element to another element of the same scope (an operator's correction): they
    /// are cancelled where they are (with their tasks and timers) and arrive at the target as if a flow led there.
    /// </summary>
    public Task MoveTokenAsync(Guid instanceId, string fromElementId, string toElementId, string? userId = null, CancellationToken ct = default) =>
        _core.ExecuteAsync(userId, ct, async ctx =>
        {
            var ic = await ctx.LoadInstanceAsync(instanceId);
            ic.EnsureNotSuspended(StateText.Operation.MoveTokens);
            await InstanceMigrator.MoveTokensAsync(ctx, ic, fromElementId, toElementId);
            return true;
        });

    /// <summary>The process-level variables of an instance.</summary>
    public Task<Dictionary<string, object?>> GetVariablesAsync(Guid instanceId, CancellationToken ct = default) =>
        _core.ReadAsync(ct, async s =>
        {
            var record = await s.FindInstanceAsync(instanceId, ct) ?? throw new NotFoundException($"Process instance {instanceId} does not exist.");
            return VariableConversion.ToObjects(record.State.Executions.GetValueOrDefault(InstanceContext.RootId)?.Variables ?? []);
        });

    /// <summary>Sets process-level variables of a running instance (recorded in its history).</summary>
    public Task SetVariablesAsync(Guid instanceId, IReadOnlyDictionary<string, object?> variables, string? userId = null, CancellationToken ct = default)
    {
        var values = VariableConversion.ToFeel(variables);
        return _core.ExecuteAsync(userId, ct, async ctx =>
        {
            var ic = await ctx.LoadInstanceAsync(instanceId);
            if (!ic.IsActive) throw new InvalidStateException(StateText.InstanceEndedVariables(instanceId));
            _core.Runner.SetVariables(ctx, ic, ic.Root, values); // recorded with old and new values
            return true;
        });
    }

    public Task<ProcessInstanceInfo> GetInstanceAsync(Guid instanceId, CancellationToken ct = default) =>
        _core.ReadAsync(ct, async s =>
        {
            var record = await s.FindInstanceAsync(instanceId, ct) ?? throw new NotFoundException($"Process instance {instanceId} does not exist.");
            var caseFile = await s.FindCaseAsync(record.CaseId, ct);
            return ToInfo(record, caseFile?.CaseNumber ?? "");
        });

    public Task<List<ProcessInstanceInfo>> ListInstancesAsync(Guid caseId, CancellationToken ct = default) =>
        _core.ReadAsync(ct, async s =>
        {
            var caseFile = await s.FindCaseAsync(caseId, ct) ?? throw new NotFoundException($"Case {caseId} does not exist.");
            return (await s.FindInstancesAsync(new InstanceFilter(CaseId: caseId), ct)).Select(r => ToInfo(r, caseFile.CaseNumber)).ToList();
        });

    internal static ProcessInstanceInfo ToInfo(ProcessInstanceRecord r, string caseNumber) => new(
        r.Id, r.DefinitionId, r.ProcessKey, r.DefinitionVersion, r.CaseId, caseNumber, r.Status, r.StartedAt, r.EndedAt, r.ParentInstanceId, r.BusinessKey,
        r.State.ActiveElementIds()) { Suspended = r.Status == InstanceStatus.Active && r.State.Suspended };

}
