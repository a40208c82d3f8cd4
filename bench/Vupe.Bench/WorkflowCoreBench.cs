using Microsoft.Extensions.DependencyInjection;
using Vupe.Engine;
using WorkflowCore.Interface;
using WorkflowCore.Models;
using WorkflowCore.Models.LifeCycleEvents;

namespace Vupe.Bench;

/// <summary>
/// WorkflowCore 3.22.0 with its default in-memory persistence and a 10 ms poll interval, running a
/// three-step sequential workflow, against our engine running straight-3.bpmn (three service tasks).
/// Both: start N instances, then wait until all have completed; instances per second.
/// </summary>
internal static class WorkflowCoreBench
{
    public static async Task CompareAsync(string processes, BenchSize size)
    {
        var theirs = await MeasureWorkflowCoreAsync(size);
        Report.Line("workflowcore.inmemory.straight-3",
            ("workflows_per_s", theirs.PerSecond), ("ms_per_workflow", theirs.MsPerOp), ("gc_pause_pct", theirs.GcPausePercent), ("n", theirs.Count), ("poll_ms", 10));

        // WorkflowCore runs its workflows on max(cores, 2) consumer threads; ours is measured with one
        // loop of start calls and with as many concurrent loops, and the better of the two is compared.
        var workers = Math.Max(Environment.ProcessorCount, 2);
        var (sequential, parallel) = await MeasureOursAsync(processes, size, workers);
        var (ours, oursWorkers) = parallel.PerSecond > sequential.PerSecond ? (parallel, workers) : (sequential, 1);
        Report.Line("ours.inmemory.straight-3",
            ("instances_per_s", ours.PerSecond), ("ms_per_instance", ours.MsPerOp), ("gc_pause_pct", ours.GcPausePercent), ("workers", oursWorkers), ("n", ours.Count), ("repeats", size.Repeats),
            ("sequential_per_s", sequential.PerSecond), ($"workers{workers}_per_s", parallel.PerSecond));

        Report.Line("compare.workflowcore", ("ours_vs_workflowcore", ours.PerSecond / theirs.PerSecond));
    }

    /// <summary>Ours: each start call runs its instance to the end; one loop, and <paramref name="workers"/> concurrent loops.</summary>
    private static async Task<(Timing Sequential, Timing Parallel)> MeasureOursAsync(string processes, BenchSize size, int workers)
    {
        await using var engine = await OursBench.CreateEngineAsync(b => b.UseInMemoryStore(), processes, "straight-3.bpmn");
        await Timing.LoopAsync(size.Straight3Warmup, _ => OursBench.RunStraightAsync(engine, "straight-3"));
        var sequential = new List<Timing>();
        var parallel = new List<Timing>();
        for (var r = 0; r < size.Repeats; r++)
        {
            sequential.Add(await Timing.LoopAsync(size.Straight3, _ => OursBench.RunStraightAsync(engine, "straight-3")));
            parallel.Add(await Timing.ParallelAsync(size.Straight3, workers, _ => OursBench.RunStraightAsync(engine, "straight-3")));
        }
        return (Timing.Best(sequential), Timing.Best(parallel));
    }

    private static async Task<Timing> MeasureWorkflowCoreAsync(BenchSize size)
    {
        var services = new ServiceCollection();
        services.AddLogging(); // no providers: WorkflowCore logs nowhere
        services.AddWorkflow(o => o.UsePollInterval(TimeSpan.FromMilliseconds(10)));
        await using var provider = services.BuildServiceProvider();
        var host = provider.GetRequiredService<IWorkflowHost>();
        host.RegisterWorkflow<ThreeStepWorkflow>();

        var tracker = new CompletionTracker();
        host.OnLifeCycleEvent += tracker.OnEvent;
        await host.StartAsync(CancellationToken.None);
        try
        {
            await RunBatchAsync(host, tracker, size.WorkflowCoreWarmup);
            var timings = new List<Timing>();
            for (var r = 0; r < size.Repeats; r++)
                timings.Add(await Timing.MeasureAsync(size.WorkflowCoreRuns, () => RunBatchAsync(host, tracker, size.WorkflowCoreRuns)));
            var expectedSteps = 3L * (size.WorkflowCoreWarmup + size.Repeats * size.WorkflowCoreRuns);
            if (ThreeStepWorkflow.StepsRun != expectedSteps)
                throw new InvalidOperationException($"WorkflowCore ran {ThreeStepWorkflow.StepsRun} steps for workflows that have {expectedSteps}.");
            return Timing.Best(timings);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Starts <paramref name="count"/> workflows, then waits until WorkflowCore reports every one completed.</summary>
    private static async Task RunBatchAsync(IWorkflowHost host, CompletionTracker tracker, int count)
    {
        var ids = new List<string>(count);
        for (var i = 0; i < count; i++) ids.Add(await host.StartWorkflow(ThreeStepWorkflow.WorkflowId));
        var waiting = tracker.WaitForAsync(ids);
        var finished = await Task.WhenAny(waiting, Task.Delay(TimeSpan.FromMinutes(2)));
        if (finished != waiting)
            throw new TimeoutException($"WorkflowCore completed {tracker.CompletedOf(ids)} of {count} workflows within 2 minutes.");
        await waiting;
    }

    /// <summary>Collects WorkflowCompleted life-cycle events, which WorkflowCore raises for every finished instance.</summary>
    private sealed class CompletionTracker
    {
        private readonly Lock _gate = new();
        private readonly HashSet<string> _completed = new(StringComparer.Ordinal);
        private HashSet<string>? _pending;
        private TaskCompletionSource? _done;

        public void OnEvent(LifeCycleEvent evt)
        {
            if (evt is not WorkflowCompleted) return;
            lock (_gate)
            {
                _completed.Add(evt.WorkflowInstanceId);
                if (_pending is not null && _pending.Remove(evt.WorkflowInstanceId) && _pending.Count == 0) _done!.TrySetResult();
            }
        }

        public Task WaitForAsync(IEnumerable<string> ids)
        {
            lock (_gate)
            {
                _pending = [.. ids.Where(id => !_completed.Contains(id))];
                _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                if (_pending.Count == 0) _done.TrySetResult();
                return _done.Task;
            }
        }

        public int CompletedOf(IEnumerable<string> ids)
        {
            lock (_gate) return ids.Count(_completed.Contains);
        }
    }
}

/// <summary>Three StepBody steps in sequence, each doing no work (like our "bench.work" handler).</summary>
internal sealed class ThreeStepWorkflow : IWorkflow
{
    public const string WorkflowId = "three-step";
    private static long _stepsRun;
    public static long StepsRun => Interlocked.Read(ref _stepsRun);

    public string Id => WorkflowId;
    public int Version => 1;

    public void Build(IWorkflowBuilder<object> builder) =>
        builder.StartWith<WorkStep>().Then<WorkStep>().Then<WorkStep>();

    internal sealed class WorkStep : StepBody
    {
        public override ExecutionResult Run(IStepExecutionContext context)
        {
            Interlocked.Increment(ref _stepsRun);
            return ExecutionResult.Next();
        }
    }
}
