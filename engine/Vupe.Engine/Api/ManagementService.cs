using Vupe.Engine.Model;
using Vupe.Engine.Persistence;
using Vupe.Engine.Runtime;
using Vupe.Engine.Runtime.Behaviors;

namespace Vupe.Engine;

/// <summary>For operators and schedulers: run due jobs, list and resolve incidents.</summary>
public sealed class ManagementService
{
    private readonly EngineCore _core;
    internal ManagementService(EngineCore core) => _core = core;

    /// <summary>Runs up to <paramref name="max"/> jobs that are due now; returns how many ran.</summary>
    public async Task<int> ExecuteDueJobsAsync(int? max = null, CancellationToken ct = default)
    {
        var now = _core.Time.GetUtcNow();
        var due = await _core.ReadAsync(ct, s => s.FindJobsAsync(new JobFilter(DueBefore: now, WithRetries: true, Take: max ?? _core.Options.JobBatchSize), ct));
        var executed = 0;
        foreach (var job in due)
            if (await ExecuteJobAsync(job.Id, ct)) executed++;
        return executed;
    }

    /// <summary>Runs due jobs until none is left (jobs that create due jobs included); for tests, samples and batch runs.</summary>
    public async Task<int> ExecuteAllDueJobsAsync(int limit = 10_000, CancellationToken ct = default)
    {
        var total = 0;
        int ran;
        do total += ran = await ExecuteDueJobsAsync(null, ct);
        while (ran > 0 && total < limit);
        return total;
    }

    /// <summary>Runs one job if it is still there and due. Returns false when there was nothing to do (done elsewhere, not due, or it failed).</summary>
    public async Task<bool> ExecuteJobAsync(Guid jobId, CancellationToken ct = default)
    {
        try
        {
            return await _core.ExecuteAsync(null, ct, ctx => RunJobAsync(ctx, jobId));
        }
        catch (ConflictException)
        {
            return false; // another worker ran it or the instance moved on; nothing was applied
        }
        catch (Exception e) when (e is not OperationCanceledException && e is not NotFoundException)
        {
            _core.Log.JobCrashed(jobId, e);
            await RecordCrashAsync(jobId, e, ct);
            return false;
        }
    }

    private async Task<bool> RunJobAsync(CommandContext ctx, Guid jobId)
    {
        var job = await ctx.Session.FindJobAsync(jobId, ctx.Ct);
        if (job is null || job.RetriesLeft <= 0 || job.DueAt > ctx.Now) return false;
        if (job.Kind == JobKind.TimerStart)
        {
            var definition = await _core.Definitions.GetAsync(job.DefinitionId!, ctx.Ct);
            var start = (StartEvent)definition.Model.GetNode(job.ElementId);
            if (job.RepeatsLeft != 0 && job.TimerSpec is { } spec)
            {
                job.DueAt = Parsing.TimerSchedule.NextInCycle(spec, job.DueAt, ctx.Now);
                if (job.RepeatsLeft > 0) job.RepeatsLeft--;
                ctx.Session.Update(job);
                ctx.NewJobs.Add(job);
            }
            else
            {
                ctx.Session.Remove(job);
            }
            await _core.Starter.StartFromEventAsync(ctx, definition, start, []);
            return true;
        }

        var ic = await ctx.LoadInstanceAsync(job.InstanceId!.Value);
        if (ic.IsSuspended) return false; // waits, untouched, for the resume that schedules it again
        if (!ic.IsActive || ic.Find(job.ExecutionId!) is not { } owner)
        {
            ctx.Session.Remove(job);
            return true;
        }
        var node = ic.Model.GetNode(job.ElementId);
        switch (job.Kind)
        {
            case JobKind.Timer:
                ctx.History.Add(ctx, ic, HistoryEventTypes.TimerFired, owner, node, new { jobId, due = job.DueAt });
                ctx.Schedule(() => _core.Runner.TriggerAsync(ctx, ic, owner, node, null, null, job));
                break;
            case JobKind.AsyncContinuation:
                ctx.Session.Remove(job);
                owner.AsyncDone = true;
                _core.Runner.Arrive(ctx, ic, owner, node, null);
                break;
            case JobKind.ServiceTask:
                ctx.Schedule(() => ServiceTaskBehavior.RunAsync(ctx, ic, owner, (ServiceTask)node, job));
                break;
        }
        return true;
    }

    /// <summary>A job failed outside a handler (a bug, a broken model): count it as an attempt so it cannot loop for ever.</summary>
    private async Task RecordCrashAsync(Guid jobId, Exception error, CancellationToken ct)
    {
        await _core.ExecuteAsync(null, ct, async ctx =>
        {
            var job = await ctx.Session.FindJobAsync(jobId, ct);
            if (job is null) return false;
            job.Attempts++;
            job.RetriesLeft = Math.Max(0, job.RetriesLeft - 1);
            job.LastError = $"{error.GetType().Name}: {error.Message}";
            job.DueAt = ctx.Now + TimeSpan.FromSeconds(30 * Math.Pow(2, Math.Min(job.Attempts, 10)));
            ctx.Session.Update(job);
            if (job.RetriesLeft > 0)
            {
                ctx.NewJobs.Add(job);
            }
            else if (job.InstanceId is { } instanceId)
            {
                var ic = await ctx.LoadInstanceAsync(instanceId);
                if (ic.Find(job.ExecutionId!) is { } ex)
                    FlowRunner.RaiseIncident(ctx, ic, ex, IncidentKind.FailedJob, StateText.JobFailed(job.LastError), IncidentPhase.Arrive, job.Id);
            }
            return true;
        });
    }

    public Task<List<IncidentInfo>> ListIncidentsAsync(Guid? instanceId = null, Guid? caseId = null, bool openOnly = true, CancellationToken ct = default) =>
        _core.ReadAsync(ct, async s => (await s.FindIncidentsAsync(new IncidentFilter(instanceId, caseId, openOnly), ct)).Select(IncidentInfo.From).ToList());

    /// <summary>One incident, open or resolved; null when there is none with this id.</summary>
    public Task<IncidentInfo?> GetIncidentAsync(Guid incidentId, CancellationToken ct = default) =>
        _core.ReadAsync(ct, async s => await s.FindIncidentAsync(incidentId, ct) is { } i ? IncidentInfo.From(i) : null);

    /// <summary>
    /// The open incidents of every case meeting <paramref name="query"/>, oldest first, one page with the total: the case's
    /// office is a criterion of the database query (a join to the cases), as is the page, so an office's list costs its own
    /// incidents, not everyone's.
    /// </summary>
    public Task<IncidentPage> QueryIncidentsAsync(IncidentQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        // Office codes as cases store them (upper case); one office outside the scope given matches nothing.
        var offices = query.OfficeCodes?.Select(o => o.ToUpperInvariant()).ToList();
        if (query.OfficeCode is { } office)
            offices = offices is null || offices.Contains(office.ToUpperInvariant(), StringComparer.Ordinal) ? [office.ToUpperInvariant()] : [];
        if (offices is { Count: 0 }) return Task.FromResult(new IncidentPage([], 0));
        return _core.ReadAsync(ct, async s =>
        {
            var total = await s.CountOpenIncidentsAsync(offices, ct);
            var rows = total == 0 ? [] : await s.PageOpenIncidentsAsync(offices, Math.Max(0, query.Skip), Math.Max(0, query.Take), ct);
            return new IncidentPage([.. rows.Select(r => new IncidentRow(IncidentInfo.From(r.Incident), r.CaseNumber, r.OfficeCode))], total);
        });
    }

    public Task<List<JobInfo>> ListJobsAsync(Guid instanceId, CancellationToken ct = default) =>
        _core.ReadAsync(ct, async s => (await s.FindJobsAsync(new JobFilter(InstanceId: instanceId), ct)).Select(JobInfo.From).ToList());

    /// <summary>The whole job queue counted by kind and state (at most 100 000 jobs looked at).</summary>
    public Task<JobQueueSummary> SummarizeJobsAsync(CancellationToken ct = default) =>
        _core.ReadAsync(ct, async s =>
        {
            var now = _core.Time.GetUtcNow();
            var jobs = await s.FindJobsAsync(new JobFilter(Take: 100_000), ct);
            var live = jobs.Where(j => j.RetriesLeft > 0).ToList();
            return new JobQueueSummary(
                Timers: live.Count(j => j.Kind == JobKind.Timer),
                TimersDue: live.Count(j => j.Kind == JobKind.Timer && j.DueAt <= now),
                TimerStarts: live.Count(j => j.Kind == JobKind.TimerStart),
                AsyncContinuations: live.Count(j => j.Kind == JobKind.AsyncContinuation),
                ServiceTasks: live.Count(j => j.Kind == JobKind.ServiceTask),
                Retrying: live.Count(j => j.Attempts > 0),
                Failed: jobs.Count - live.Count);
        });

    /// <summary>
    /// An operator fixed the cause (a back-office system is up again, a variable corrected): a failed
    /// job gets <paramref name="retries"/> more attempts now; any other incident retries the step it stopped.
    /// </summary>
    public Task ResolveIncidentAsync(Guid incidentId, int retries = 1, string? userId = null, CancellationToken ct = default)
    {
        if (retries < 1) throw new ArgumentOutOfRangeException(nameof(retries), "At least one retry is needed.");
        return _core.ExecuteAsync(userId, ct, async ctx =>
        {
            var incident = await ctx.Session.FindIncidentAsync(incidentId, ct) ?? throw new NotFoundException($"Incident {incidentId} does not exist.");
            if (incident.ResolvedAt is not null) throw new InvalidStateException(StateText.IncidentResolved(incidentId));
            incident.ResolvedAt = ctx.Now;
            incident.ResolvedBy = userId;
            ctx.Session.Update(incident);
            var ic = await ctx.LoadInstanceAsync(incident.InstanceId);
            ic.EnsureNotSuspended(StateText.Operation.RetryIncidents);
            var ex = ic.Find(incident.ExecutionId) ?? throw new InvalidStateException(StateText.IncidentStepGone());
            ctx.History.Add(ctx, ic, HistoryEventTypes.IncidentResolved, ex, details: new { incidentId, retries, message = incident.Message });
            if (incident.JobId is { } jobId && await ctx.Session.FindJobAsync(jobId, ct) is { } job)
            {
                job.RetriesLeft = retries;
                job.DueAt = ctx.Now;
                ctx.Session.Update(job);
                ctx.NewJobs.Add(job);
                ex.Wait = WaitKind.Job;
                ex.IncidentId = null;
            }
            else
            {
                await _core.Runner.RetryAfterIncidentAsync(ctx, ic, ex);
            }
            return true;
        });
    }
}
