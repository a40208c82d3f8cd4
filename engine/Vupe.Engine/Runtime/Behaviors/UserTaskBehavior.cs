using Vupe.Engine.Model;
using Vupe.Engine.Persistence;
using Vupe.Feel;

namespace Vupe.Engine.Runtime.Behaviors;

/// <summary>Creates the task a person works on; the token waits until the task is completed.</summary>
internal sealed class UserTaskBehavior : ActivityBehavior
{
    public const int DefaultPriority = 50;

    public override ValueTask ExecuteAsync(CommandContext ctx, InstanceContext ic, Execution ex)
    {
        var node = (UserTask)ic.NodeOf(ex);
        var scope = ic.ScopeFor(ex);
        var task = new UserTaskRecord
        {
            Id = Ids.NewVersion7(),
            InstanceId = ic.Id,
            ExecutionId = ex.Id,
            ElementId = node.Id,
            Name = node.Name ?? node.Id,
            CaseId = ic.Case.Id,
            CaseNumber = ic.Case.CaseNumber,
            OfficeCode = ic.Case.OfficeCode,
            ProcessKey = ic.Record.ProcessKey,
            Assignee = Text(node.Assignee, scope, "vupe:assignee") ?? CompleterOf(node.SameAssigneeAs, ic),
            DueAt = Instant(node.DueDate, scope, ctx.Now, "vupe:dueDate"),
            FollowUpAt = Instant(node.FollowUpDate, scope, ctx.Now, "vupe:followUpDate"),
            Priority = Priority(node.Priority, scope),
            FormKey = node.FormKey,
            CreatedAt = ctx.Now,
        };
        foreach (var group in List(node.CandidateGroups, scope, "vupe:candidateGroups"))
            task.Candidates.Add(new TaskCandidateRecord { TaskId = task.Id, Kind = "group", Value = group });
        foreach (var user in List(node.CandidateUsers, scope, "vupe:candidateUsers"))
            task.Candidates.Add(new TaskCandidateRecord { TaskId = task.Id, Kind = "user", Value = user });
        task.CandidateKey = UserTaskRecord.CandidateKeyOf(task.Candidates);
        if (task.Assignee is not null) task.ClaimedAt = ctx.Now;

        ctx.Session.Add(task);
        ex.Wait = WaitKind.UserTask;
        ex.TaskId = task.Id;
        ctx.History.Add(ctx, ic, HistoryEventTypes.TaskCreated, ex, node,
            new { taskId = task.Id, task.Assignee, candidateGroups = TaskInfo.CandidateValues(task.Candidates, "group"), task.DueAt, task.Priority });
        return ValueTask.CompletedTask;
    }

    /// <summary>A cancelled token's task leaves the task list (also one created earlier in the same command).</summary>
    public override async ValueTask CancelAsync(CommandContext ctx, InstanceContext ic, Execution ex)
    {
        if (ex.TaskId is { } taskId && await ctx.Session.FindTaskAsync(taskId, ctx.Ct) is { } task)
            ctx.Session.Remove(task);
    }

    private static string? CompleterOf(string? earlierTask, InstanceContext ic) =>
        earlierTask is not null && ic.State.Completers?.GetValueOrDefault(earlierTask) is { } user ? user : null;

    private static FeelValue? Evaluate(ValueOrExpression? value, IFeelScope scope, string attribute)
    {
        if (value?.Expression is not { } expression) return value?.Literal is { } literal ? FeelValue.FromObject(literal) : null;
        var result = expression.EvaluateWithDiagnostics(scope);
        if (result.Value is FeelNull && result.Diagnostics.Count > 0)
            throw new IncidentException(IncidentKind.MappingError, $"{attribute} '{expression.Source}' failed: {string.Join("; ", result.Diagnostics.Select(d => d.Message))}");
        return result.Value;
    }

    private static string? Text(ValueOrExpression? value, IFeelScope scope, string attribute) => Evaluate(value, scope, attribute) switch
    {
        null or FeelNull => null,
        FeelString s => s.Value,
        var other => throw new IncidentException(IncidentKind.MappingError, $"{attribute} gave {FlowRunner.Describe(other)}, not a string."),
    };

    private static IEnumerable<string> List(ValueOrExpression? value, IFeelScope scope, string attribute) => Evaluate(value, scope, attribute) switch
    {
        null or FeelNull => [],
        FeelString s => s.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
        FeelList l => l.Items.Select(i => i is FeelString s ? s.Value
            : throw new IncidentException(IncidentKind.MappingError, $"{attribute} must be a list of strings; it holds {FlowRunner.Describe(i)}.")),
        var other => throw new IncidentException(IncidentKind.MappingError, $"{attribute} gave {FlowRunner.Describe(other)}, not a string or list of strings."),
    };

    private static DateTimeOffset? Instant(ValueOrExpression? value, IFeelScope scope, DateTimeOffset now, string attribute)
    {
        var v = Evaluate(value, scope, attribute);
        switch (v)
        {
            case null or FeelNull: return null;
            case FeelDateTime: return EventWaits.ToInstant(v);
            case FeelDate d: return new DateTimeOffset(d.Value.ToDateTime(new TimeOnly(23, 59, 59)), TimeSpan.Zero);
            case FeelDaysTimeDuration or FeelYearsMonthsDuration: return Parsing.TimerSchedule.Add(now, v);
            case FeelString s when FeelTemporal.TryParseDuration(s.Value, out var d): return Parsing.TimerSchedule.Add(now, d);
            case FeelString s when Parsing.TimerSchedule.TryParseDate(s.Value, out var at): return at;
            default: throw new IncidentException(IncidentKind.MappingError, $"{attribute} gave {FlowRunner.Describe(v)}; expected a date-time, a date or a duration.");
        }
    }

    private static int Priority(ValueOrExpression? value, IFeelScope scope) => Evaluate(value, scope, "vupe:priority") switch
    {
        null or FeelNull => DefaultPriority,
        FeelNumber n when n.Value is >= 0 and <= 100 => (int)n.Value,
        FeelString s when int.TryParse(s.Value, out var p) && p is >= 0 and <= 100 => p,
        var other => throw new IncidentException(IncidentKind.MappingError, $"vupe:priority gave {FlowRunner.Describe(other)}; expected a number from 0 to 100."),
    };
}
