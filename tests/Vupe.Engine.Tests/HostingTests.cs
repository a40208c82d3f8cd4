using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Vupe.Engine.Tests;

public sealed class HostingTests
{
    [Test]
    public async Task The_engine_starts_with_the_host_and_runs_jobs_with_its_scheduler()
    {
        var builder = Host.CreateApplicationBuilder();
        var calls = 0;
        builder.Services.AddVupeEngine((_, engine) => engine
            .UseInMemoryStore()
            .AddTaskHandler("record", _ => { Interlocked.Increment(ref calls); return null; })
            .UseInProcessScheduler(TimeSpan.FromMilliseconds(50)));
        using var host = builder.Build();

        var early = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<ProcessEngine>());
        Assert.That(early!.Message, Does.Contain("starts with the host"));

        await host.StartAsync();
        var engine = host.Services.GetRequiredService<ProcessEngine>();
        await engine.Repository.DeployAsync("t", [new DeploymentResource("a.bpmn", EngineTestBase.Bpmn("Async.Continuation.bpmn"))]);
        var instance = await engine.Runtime.StartProcessAsync(new StartProcessRequest { ProcessKey = "asyncWork" });
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await engine.Runtime.GetInstanceAsync(instance.Id)).Status != InstanceStatus.Completed)
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("the hosted engine's scheduler did not run the job");
            await Task.Delay(20);
        }
        Assert.That(calls, Is.EqualTo(1));
        await host.StopAsync();
    }
}
