using Microsoft.Extensions.Logging;
using Vupe.Engine.Persistence;

namespace Vupe.Engine.Runtime;

/// <summary>The engine's parts wired together, and the one place where a command gets its session and commits.</summary>
internal sealed class EngineCore
{
    public EngineCore(IEngineStore store, EngineOptions options, TimeProvider time, ILogger logger,
        IReadOnlyDictionary<string, IServiceTaskHandler> handlers, IDecisionEvaluator? decisions, IJobScheduler? scheduler)
    {
        Store = store;
        Options = options;
        Time = time;
        Log = new EngineLog(logger);
        Handlers = handlers;
        DecisionEvaluator = decisions;
        Scheduler = scheduler;
        Definitions = new DefinitionCache(store);
        Runner = new FlowRunner();
        Starter = new InstanceStarter(this);
        Messages = new MessageCorrelator(this);
        Signals = new SignalBroadcaster(this);
    }

    public IEngineStore Store { get; }
    public EngineOptions Options { get; }
    public TimeProvider Time { get; }
    public EngineLog Log { get; }
    public IReadOnlyDictionary<string, IServiceTaskHandler> Handlers { get; }
    public IDecisionEvaluator? DecisionEvaluator { get; }
    public IJobScheduler? Scheduler { get; set; }
    public DefinitionCache Definitions { get; }
    public FlowRunner Runner { get; }
    public InstanceStarter Starter { get; }
    public MessageCorrelator Messages { get; }
    public SignalBroadcaster Signals { get; }

    /// <summary>Runs one command in one session: everything it changed is committed together, or nothing is.</summary>
    public async Task<T> ExecuteAsync<T>(string? userId, CancellationToken ct, Func<CommandContext, Task<T>> command)
    {
        await using var session = Store.OpenSession();
        var ctx = new CommandContext(this, session, userId, ct);
        var result = await command(ctx);
        await ctx.RunAsync();
        await ctx.CommitAsync();
        if (ctx.NewJobs.Count > 0 && Scheduler is { } scheduler)
            scheduler.JobsCreated([.. ctx.NewJobs.Where(j => j.RetriesLeft > 0).Select(j => new ScheduledJob(j.Id, j.DueAt))]);
        return result;
    }

    /// <summary>Reads without changing anything.</summary>
    public async Task<T> ReadAsync<T>(CancellationToken ct, Func<IEngineSession, Task<T>> query)
    {
        await using var session = Store.OpenSession();
        return await query(session);
    }
}
