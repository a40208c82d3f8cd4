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
        var definition = request.Version is { } v
            ? await _core.Definitions.FindAsync(request.ProcessKey, v, ct) ?? throw new NotFoundException($"Process '{request.ProcessKey}' version {v} is not deployed.")
            : await _core.Definitions.FindLatestAsync(request.ProcessKey, ct) ?? throw new NotFoundException($"Process '{request.ProcessKey}' is not deployed.");
        var start = definition.Model.NoneStart
            ?? throw new InvalidStateException($"Process '{request.ProcessKey}' has no none start event; it starts by message, signal or timer.");
        return await _core.ExecuteAsync(request.UserId, ct, async ctx =>
        {
            CaseFileRecord caseFile;
            if (request.CaseId is { } caseId)
            {
                caseFile = await ctx.Session.FindCaseAsync(caseId, ct) ?? throw new NotFoundException($"Case {caseId} does not exist.");
                if (caseFile.Status != CaseStatus.Open) throw new InvalidStateException($"Case {caseFile.CaseNumber} is {caseFile.Status.ToString().ToLowerInvariant()}.");
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
            if (!ic.IsActive) throw new InvalidStateException($"Process instance {instanceId} is already {ic.Record.Status.ToString().ToLowerInvariant()}.");
            ctx.History.Add(ctx, ic, HistoryEventTypes.ProcessCancelled, ic.Root, ic.Model, new { reason });
            await _core.Runner.CancelInstanceAsync(ctx, ic);
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
            if (!ic.IsActive) throw new InvalidStateException($"Process instance {instanceId} has ended; its variables can no longer change.");
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
        ActiveElements(r.State));

    /// <summary>Where the tokens are: every execution that is not a scope with children, by element id.</summary>
    private static List<string> ActiveElements(InstanceState state)
    {
        if (state.Executions.Count <= 1) return []; // the root alone (an ended instance) or nothing
        var parents = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in state.Executions.Values)
            if (e.ParentId is not null) parents.Add(e.ParentId);
        var active = new List<string>();
        foreach (var e in state.Executions.Values)
            if (e.Id != InstanceContext.RootId && !parents.Contains(e.Id)) active.Add(e.ElementId);
        active.Sort(StringComparer.Ordinal);
        return active;
    }
}
