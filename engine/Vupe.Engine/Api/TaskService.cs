using Vupe.Engine.Persistence;
using Vupe.Engine.Runtime;

namespace Vupe.Engine;

/// <summary>The work people do: query, claim, unclaim, assign and complete user tasks.</summary>
public sealed class TaskService
{
    private readonly EngineCore _core;
    internal TaskService(EngineCore core) => _core = core;

    public Task<List<TaskInfo>> QueryAsync(TaskFilter filter, CancellationToken ct = default) =>
        _core.ReadAsync(ct, async s => (await s.QueryTasksAsync(filter, ct)).Select(TaskInfo.From).ToList());

    /// <summary>How many tasks match the filter (its paging ignored). Reads every matching row: for an inbox over a big office, see <see cref="CountUpToAsync"/>.</summary>
    public Task<int> CountAsync(TaskFilter filter, CancellationToken ct = default) => _core.ReadAsync(ct, s => s.CountTasksAsync(filter, null, ct));

    /// <summary>
    /// Counts the matching tasks up to <paramref name="limit"/>: the exact count when fewer match, otherwise
    /// <paramref name="limit"/> itself, meaning "at least this many". The store stops reading at the limit, so the
    /// cost is bounded whatever the office's size (an inbox asks for its cap + 1 and shows "más de 1 000").
    /// </summary>
    public Task<int> CountUpToAsync(TaskFilter filter, int limit, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return _core.ReadAsync(ct, s => s.CountTasksAsync(filter, limit, ct));
    }

    /// <summary>
    /// The matching tasks counted per office, with how many are due at or before <paramref name="overdueAt"/>: one
    /// GROUP BY in the database (the (office, due date) index read in order), whatever the number of tasks.
    /// </summary>
    public Task<List<TaskCount>> CountByOfficeAsync(TaskFilter filter, DateTimeOffset overdueAt, CancellationToken ct = default) =>
        _core.ReadAsync(ct, s => s.CountTasksByOfficeAsync(filter, overdueAt, ct));

    public Task<TaskInfo> GetAsync(Guid taskId, CancellationToken ct = default) =>
        _core.ReadAsync(ct, async s => TaskInfo.From(await s.FindTaskAsync(taskId, ct) ?? throw NotFound(taskId)));

    /// <summary>The variables the task's form can see.</summary>
    public Task<Dictionary<string, object?>> GetVariablesAsync(Guid taskId, CancellationToken ct = default) =>
        // A read, not a command: nothing is committed, and a concurrent step on the instance never conflicts with it.
        _core.ReadAsync(ct, async s =>
        {
            var task = await s.FindTaskAsync(taskId, ct) ?? throw NotFound(taskId);
            var record = await s.FindInstanceAsync(task.InstanceId, ct) ?? throw NotFound(taskId);
            return await VisibleVariablesAsync(s, task, record, ct);
        });

    /// <summary>
    /// What working on a task needs, in one read: the task, its form (as <see cref="GetFormAsync"/>), the variables
    /// the form sees (as <see cref="GetVariablesAsync"/>) and its process definition's id. Completing a task asked
    /// for these in four reads, each reading the task and its instance again.
    /// </summary>
    public Task<TaskWorkInfo> GetWorkAsync(Guid taskId, CancellationToken ct = default) =>
        _core.ReadAsync(ct, async s =>
        {
            var task = await s.FindTaskAsync(taskId, ct) ?? throw NotFound(taskId);
            var record = await s.FindInstanceAsync(task.InstanceId, ct) ?? throw NotFound(taskId);
            return new TaskWorkInfo(TaskInfo.From(task), BoundForm(task, record), await VisibleVariablesAsync(s, task, record, ct), record.DefinitionId);
        });

    private async Task<Dictionary<string, object?>> VisibleVariablesAsync(IEngineSession s, UserTaskRecord task, ProcessInstanceRecord record, CancellationToken ct)
    {
        var definition = await _core.Definitions.GetAsync(record.DefinitionId, ct);
        var caseFile = await s.FindCaseAsync(record.CaseId, ct) ?? throw NotFound(task.Id);
        var ic = new InstanceContext(record, definition.Model, caseFile);
        return VariableConversion.ToObjects(ic.VisibleVariables(ic.Get(task.ExecutionId)));
    }

    /// <summary>
    /// The deployed form a task shows: the version of its form key the case bound to when it started (or the latest,
    /// for a case started before the form was deployed); null when the task has no form key or no such form is deployed.
    /// </summary>
    public Task<DeployedResource?> GetFormAsync(Guid taskId, CancellationToken ct = default) =>
        _core.ReadAsync(ct, async s =>
        {
            var task = await s.FindTaskAsync(taskId, ct) ?? throw NotFound(taskId);
            return task.FormKey is null ? null : BoundForm(task, await s.FindInstanceAsync(task.InstanceId, ct));
        });

    /// <summary>The version of the task's form key its case bound to (the latest without an instance); null without a form key or a deployed form.</summary>
    private DeployedResource? BoundForm(UserTaskRecord task, ProcessInstanceRecord? instance)
    {
        if (task.FormKey is not { } key) return null;
        var record = instance is null ? _core.Resources.Latest(ResourceKinds.Form, key) : _core.Resources.Resolve(instance.State, ResourceKinds.Form, key);
        return record is null ? null : DeployedResource.From(record);
    }

    /// <summary>Takes the task. Claiming a task someone else holds is a <see cref="ConflictException"/>; of two simultaneous claims exactly one wins.</summary>
    public Task<TaskInfo> ClaimAsync(Guid taskId, string userId, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        return ChangeAsync(taskId, userId, ct, (ctx, task) =>
        {
            if (task.Assignee == userId) return null;
            if (task.Assignee is not null) throw new ConflictException($"Task '{task.Name}' is already claimed by {task.Assignee}.");
            task.Assignee = userId;
            task.ClaimedAt = ctx.Now;
            return HistoryEventTypes.TaskClaimed;
        });
    }

    public Task<TaskInfo> UnclaimAsync(Guid taskId, string userId, CancellationToken ct = default) =>
        ChangeAsync(taskId, userId, ct, (ctx, task) =>
        {
            if (task.Assignee is null) return null;
            task.Assignee = null;
            task.ClaimedAt = null;
            return HistoryEventTypes.TaskUnclaimed;
        });

    /// <summary>Gives the task to someone (a supervisor delegating); null leaves it unassigned.</summary>
    public Task<TaskInfo> AssignAsync(Guid taskId, string? assignee, string userId, CancellationToken ct = default) =>
        ChangeAsync(taskId, userId, ct, (ctx, task) =>
        {
            if (task.Assignee == assignee) return null;
            task.Assignee = assignee;
            task.ClaimedAt = assignee is null ? null : ctx.Now;
            return HistoryEventTypes.TaskAssigned;
        });

    /// <summary>Changes the task row alone and answers it as committed, with the version a later completion must send.</summary>
    private async Task<TaskInfo> ChangeAsync(Guid taskId, string userId, CancellationToken ct, Func<CommandContext, UserTaskRecord, string?> change)
    {
        var task = await _core.ExecuteAsync(userId, ct, async ctx =>
        {
            var task = await ctx.Session.FindTaskAsync(taskId, ct) ?? throw NotFound(taskId);
            var previous = task.Assignee;
            var eventType = change(ctx, task);
            if (eventType is null) return task;
            ctx.Session.Update(task);
            // Claims do not touch the instance row, so they never conflict with work on other steps of the case.
            ctx.History.AddForTask(ctx, task, eventType, new { taskId, assignee = task.Assignee, previous });
            return task;
        });
        // Read after the commit: the store gave the row its next version there.
        return TaskInfo.From(task);
    }

    /// <summary>
    /// Completes the task with the variables entered and moves the process on, in one transaction.
    /// Passing <paramref name="expectedVersion"/> (from <see cref="TaskInfo.Version"/>) rejects a stale form with <see cref="ConflictException"/>.
    /// </summary>
    public Task CompleteAsync(Guid taskId, IReadOnlyDictionary<string, object?>? variables = null, string? userId = null, long? expectedVersion = null, CancellationToken ct = default)
    {
        var values = VariableConversion.ToFeel(variables);
        return _core.ExecuteAsync(userId, ct, async ctx =>
        {
            var task = await ctx.Session.FindTaskAsync(taskId, ct) ?? throw NotFound(taskId);
            if (expectedVersion is { } version && version != task.Version)
                throw new ConflictException($"Task '{task.Name}' changed since it was read (version {version}, now {task.Version}); reload it.");
            if (task.Assignee is not null && userId is not null && task.Assignee != userId)
                throw new ConflictException($"Task '{task.Name}' is claimed by {task.Assignee}; only they can complete it.");
            var ic = await ctx.LoadInstanceAsync(task.InstanceId);
            var ex = ic.Find(task.ExecutionId);
            if (ex is null || ex.TaskId != task.Id || !ic.IsActive)
                throw new InvalidStateException(StateText.TaskNotWaiting(task.Name));
            ic.EnsureNotSuspended(StateText.Operation.CompleteTasks);
            ctx.Session.Remove(task);
            if ((task.Assignee ?? userId) is { } completer) (ic.State.Completers ??= new(StringComparer.Ordinal))[task.ElementId] = completer;
            ex.TaskId = null;
            ex.Wait = WaitKind.None;
            ctx.History.Add(ctx, ic, HistoryEventTypes.TaskCompleted, ex, ic.NodeOf(ex), new { taskId, variables = values });
            _core.Runner.Complete(ctx, ic, ex, values);
            return true;
        });
    }

    private static NotFoundException NotFound(Guid taskId) => new($"Task {taskId} does not exist (it may have been completed or cancelled).");
}
