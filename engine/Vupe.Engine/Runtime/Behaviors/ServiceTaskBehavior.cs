using Vupe.Engine.Model;
using Vupe.Engine.Persistence;

namespace Vupe.Engine.Runtime.Behaviors;

/// <summary>
/// Calls the handler registered for the task's vupe:type. A technical failure does not undo the
/// steps before it: the token waits for a retry job with exponential back-off, and once the
/// attempts are spent an incident stops it until an operator retries.
/// </summary>
internal sealed class ServiceTaskBehavior : ActivityBehavior
{
    /// <summary>A handler's empty result; never changed (a result is copied into a new dictionary before child cases are added to it).</summary>
    private static readonly Dictionary<string, Feel.FeelValue> NoVariables = new(StringComparer.Ordinal);

    public override ValueTask ExecuteAsync(CommandContext ctx, InstanceContext ic, Execution ex) =>
        RunAsync(ctx, ic, ex, (ServiceTask)ic.NodeOf(ex), job: null);

    public static async ValueTask RunAsync(CommandContext ctx, InstanceContext ic, Execution ex, ServiceTask task, JobRecord? job)
    {
        var attempt = (job?.Attempts ?? 0) + 1;
        var idempotencyKey = job?.IdempotencyKey ?? $"{ic.Id:N}/{ex.Id}/{task.Id}/{ic.Record.Version}";
        if (!ctx.Engine.Handlers.TryGetValue(task.TaskType, out var handler))
        {
            Fail(ctx, ic, ex, task, attempt, job, idempotencyKey, Parsing.ProblemText.UnknownTaskType(task.TaskType), retry: false);
            return;
        }
        var context = new ServiceTaskContext
        {
            TaskType = task.TaskType, InstanceId = ic.Id, CaseId = ic.Case.Id, CaseNumber = ic.Case.CaseNumber, ProcessKey = ic.Record.ProcessKey,
            ElementId = task.Id, IdempotencyKey = idempotencyKey, Attempt = attempt,
            Variables = new VisibleVariablesView(ic, ex), Headers = task.Headers, OfficeCode = ic.Case.OfficeCode, Actor = ctx.Actor,
        };
        Dictionary<string, Feel.FeelValue> result;
        try
        {
            var returned = await handler.ExecuteAsync(context, ctx.Ct);
            result = returned is null or { Count: 0 } && context.RequestedChildCases is null or { Count: 0 } ? NoVariables : VariableConversion.ToFeel(returned);
        }
        catch (BpmnErrorException e)
        {
            RecordExternalCalls(ctx, ic, ex, task, context);
            if (job is not null) ctx.Session.Remove(job);
            await ErrorPropagation.ThrowAsync(ctx, ic, ex, e.ErrorCode, e.Message);
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ctx.Ct.IsCancellationRequested)
        {
            RecordExternalCalls(ctx, ic, ex, task, context);
            Fail(ctx, ic, ex, task, attempt, job, idempotencyKey, $"{e.GetType().Name}: {e.Message}", retry: true);
            return;
        }
        RecordExternalCalls(ctx, ic, ex, task, context);
        // Child cases the handler asked for are opened only now that it succeeded, in this command:
        // a failed attempt left none behind, and this attempt's are committed with the task's completion.
        if (context.RequestedChildCases is { Count: > 0 })
        {
            List<ResolvedChildCase> children;
            try
            {
                children = await ctx.Engine.Starter.ResolveChildCasesAsync(ctx, ic.Case, context.ChildCaseRequests);
            }
            catch (ChildCaseRequestException e)
            {
                Fail(ctx, ic, ex, task, attempt, job, idempotencyKey, $"Task type '{task.TaskType}' asked for a child case that cannot be opened: {e.Message}", retry: false);
                return;
            }
            result[ServiceTaskContext.ChildCasesVariable] = await ctx.Engine.Starter.OpenChildCasesAsync(ctx, ic, ex, task, children);
        }
        if (job is not null) ctx.Session.Remove(job);
        ctx.Runner.Complete(ctx, ic, ex, result);
    }

    private static void RecordExternalCalls(CommandContext ctx, InstanceContext ic, Execution ex, ServiceTask task, ServiceTaskContext context)
    {
        if (context.RecordedCalls is not { } calls) return;
        foreach (var call in calls)
            ctx.History.Add(ctx, ic, HistoryEventTypes.ExternalCall, ex, task, new { system = call.System, operation = call.Operation, outcome = call.Outcome, attempt = context.Attempt, details = call.Details });
    }

    private static void Fail(CommandContext ctx, InstanceContext ic, Execution ex, ServiceTask task, int attempt, JobRecord? job, string key, string error, bool retry)
    {
        var retriesLeft = retry ? Math.Max(0, task.Retries - attempt) : 0;
        var backoff = task.RetryBackoff * Math.Pow(2, Math.Min(attempt - 1, 16));
        if (job is null)
        {
            job = ctx.Runner.CreateJob(ctx, ic, ex, task, JobKind.ServiceTask, ctx.Now + backoff, retriesLeft);
        }
        else
        {
            job.DueAt = ctx.Now + backoff;
            job.RetriesLeft = retriesLeft;
            ctx.Session.Update(job);
            if (retriesLeft > 0) ctx.NewJobs.Add(job);
        }
        job.Attempts = attempt;
        job.LastError = error;
        job.IdempotencyKey = key;
        ex.Wait = WaitKind.Job;
        ctx.History.Add(ctx, ic, HistoryEventTypes.ServiceTaskFailed, ex, task, new { attempt, retriesLeft, error });
        ctx.Engine.Log.ServiceTaskFailed(ic.Id, task.Id, attempt, retriesLeft, error);
        if (retriesLeft == 0)
            FlowRunner.RaiseIncident(ctx, ic, ex, IncidentKind.FailedJob,
                StateText.ServiceTaskFailed(task.TaskType, attempt, error), IncidentPhase.Arrive, job.Id);
    }
}
