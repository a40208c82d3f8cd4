namespace Vupe.Engine.Tests;

/// <summary>The library's scheduler running for real: jobs run without anyone calling the job executor.</summary>
public sealed class InProcessSchedulerTests : EngineTestBase
{
    protected override void Configure(ProcessEngineBuilder builder) => builder.UseInProcessScheduler(TimeSpan.FromMilliseconds(50));

    private async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("the scheduler did not run the job within 10 s");
            await Task.Delay(20);
        }
    }

    [Test]
    public async Task An_async_continuation_runs_in_the_background_right_after_the_commit()
    {
        await DeployAsync("Async.Continuation.bpmn");
        var instance = await StartAsync("asyncWork");
        await WaitUntilAsync(async () => (await InstanceAsync(instance.Id)).Status == InstanceStatus.Completed);
        Assert.That(HandlerCalls, Is.EqualTo(new[] { "work" }));
    }

    [Test]
    public async Task A_timer_runs_once_the_clock_reaches_it()
    {
        await DeployAsync("Timer.Intermediate.bpmn");
        var instance = await StartAsync("waitThenWork", new { waitFor = TimeSpan.FromMinutes(10) });
        await Task.Delay(200);
        Assert.That(HandlerCalls, Is.Empty);
        Clock.Advance(TimeSpan.FromMinutes(10));
        await WaitUntilAsync(async () => (await InstanceAsync(instance.Id)).Status == InstanceStatus.Completed);
        Assert.That(HandlerCalls, Is.EqualTo(new[] { "work" }));
    }
}
