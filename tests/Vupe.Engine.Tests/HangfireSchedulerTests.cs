using Hangfire;
using Hangfire.InMemory;
using Vupe.Engine.Hangfire;

namespace Vupe.Engine.Tests;

/// <summary>The engine's jobs on a real Hangfire server (in-memory storage), with the real clock.</summary>
public sealed class HangfireSchedulerTests
{
    private sealed class RunnerActivator(Func<EngineJobRunner> runner) : JobActivator
    {
        public override object ActivateJob(Type jobType) =>
            jobType == typeof(EngineJobRunner) ? runner() : throw new InvalidOperationException($"Unexpected job type {jobType}.");
    }

    [Test]
    public async Task Async_continuations_and_timers_run_as_hangfire_jobs()
    {
        using var storage = new InMemoryStorage();
        var client = new BackgroundJobClient(storage);
        var calls = new List<string>();
        await using var engine = await new ProcessEngineBuilder()
            .UseInMemoryStore()
            .AddTaskHandler("record", c => { lock (calls) calls.Add(c.ElementId); return null; })
            .UseJobScheduler(_ => new HangfireJobScheduler(client))
            .BuildAsync();
        using var server = new BackgroundJobServer(
            new BackgroundJobServerOptions { WorkerCount = 2, SchedulePollingInterval = TimeSpan.FromMilliseconds(200), Activator = new RunnerActivator(() => new EngineJobRunner(engine)) },
            storage);

        await engine.Repository.DeployAsync("t", [new DeploymentResource("a.bpmn", EngineTestBase.Bpmn("Async.Continuation.bpmn")), new DeploymentResource("t.bpmn", EngineTestBase.Bpmn("Timer.Intermediate.bpmn"))]);
        var asyncInstance = await engine.Runtime.StartProcessAsync(new StartProcessRequest { ProcessKey = "asyncWork" });
        var timed = await engine.Runtime.StartProcessAsync(new StartProcessRequest { ProcessKey = "waitThenWork", Variables = new Dictionary<string, object?> { ["waitFor"] = TimeSpan.FromSeconds(1) } });

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await engine.Runtime.GetInstanceAsync(asyncInstance.Id)).Status != InstanceStatus.Completed
               || (await engine.Runtime.GetInstanceAsync(timed.Id)).Status != InstanceStatus.Completed)
        {
            if (DateTime.UtcNow > deadline)
            {
                var m = storage.GetMonitoringApi();
                var failed = m.FailedJobs(0, 5).Select(j => j.Value.ExceptionMessage);
                var jobs = await engine.Management.ListJobsAsync(asyncInstance.Id);
                var incidents = await engine.Management.ListIncidentsAsync(asyncInstance.Id);
                TestContext.Out.WriteLine($"jobs: {string.Join(", ", jobs.Select(j => $"{j.Kind} due {j.DueAt:O} retries {j.RetriesLeft} err {j.LastError}"))}; incidents: {string.Join(", ", incidents.Select(i => i.Message))}; now {DateTimeOffset.UtcNow:O}");
                Assert.Fail($"Hangfire did not run the engine's jobs within 20 s: scheduled={m.ScheduledCount()} enqueued={m.EnqueuedCount("default")} succeeded={m.SucceededListCount()} failed={m.FailedCount()} {string.Join(" | ", failed)}");
            }
            await Task.Delay(50);
        }
        lock (calls) Assert.That(calls, Is.EquivalentTo(new[] { "work", "work" }));
        // Hangfire records a job as succeeded just after the engine's work in it returns: wait for the bookkeeping.
        var monitoring = storage.GetMonitoringApi();
        while (monitoring.SucceededListCount() < 2 && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.That(monitoring.SucceededListCount(), Is.EqualTo(2), "one Hangfire job per engine job");
    }
}
