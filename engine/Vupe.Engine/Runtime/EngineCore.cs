using Microsoft.Extensions.Logging;
using Vupe.Engine.Persistence;

namespace Vupe.Engine.Runtime;

/// <summary>The engine's parts wired together, and the one place where a command gets its session and commits.</summary>
internal sealed class EngineCore
{
    private static readonly AsyncLocal<CommandActor?> Actor = new();
    private readonly AsyncLocal<CommandContext?> _running = new();

    public EngineCore(IEngineStore store, EngineOptions options, TimeProvider time, ILogger logger,
        IReadOnlyDictionary<string, IServiceTaskHandler> handlers, IDecisionEvaluator? decisions, IJobScheduler? scheduler,
        IReadOnlyList<ICommandInterceptor>? interceptors = null, IReadOnlyList<IResourceKind>? resourceKinds = null)
    {
        Interceptors = interceptors ?? [];
        ResourceKinds = resourceKinds ?? [];
        Store = store;
        Options = options;
        Time = time;
        Log = new EngineLog(logger);
        Handlers = handlers;
        DecisionEvaluator = decisions;
        Scheduler = scheduler;
        Definitions = new DefinitionCache(store);
        Resources = new ResourceCache(store);
        Deployments = new DeploymentWatch(this);
        Runner = new FlowRunner();
        Starter = new InstanceStarter(this);
        Messages = new MessageCorrelator(this);
        Signals = new SignalBroadcaster(this);
    }

    /// <summary>The actor of the commands started on this flow (<see cref="ProcessEngine.ActAs"/>).</summary>
    public static CommandActor? CurrentActor => Actor.Value;

    public static IDisposable ActAs(CommandActor? actor)
    {
        var previous = Actor.Value;
        Actor.Value = actor;
        return new Restore(() => Actor.Value = previous);
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }

    /// <summary>The command of this engine running on the caller's flow (a handler inside it), if any.</summary>
    public CommandContext? RunningCommand => _running.Value;

    public IReadOnlyList<ICommandInterceptor> Interceptors { get; }
    /// <summary>The kinds of file (besides BPMN) a deployment may hold.</summary>
    public IReadOnlyList<IResourceKind> ResourceKinds { get; }
    public IEngineStore Store { get; }
    public EngineOptions Options { get; }
    public TimeProvider Time { get; }
    public EngineLog Log { get; }
    public IReadOnlyDictionary<string, IServiceTaskHandler> Handlers { get; }
    public IDecisionEvaluator? DecisionEvaluator { get; }
    public IJobScheduler? Scheduler { get; set; }
    public DefinitionCache Definitions { get; }
    public ResourceCache Resources { get; }
    public DeploymentWatch Deployments { get; }
    public FlowRunner Runner { get; }
    public InstanceStarter Starter { get; }
    public MessageCorrelator Messages { get; }
    public SignalBroadcaster Signals { get; }

    /// <summary>Runs one command in one session: everything it changed is committed together, or nothing is.</summary>
    public async Task<T> ExecuteAsync<T>(string? userId, CancellationToken ct, Func<CommandContext, Task<T>> command)
    {
        await Deployments.EnsureFreshAsync(ct);
        await using var session = Store.OpenSession();
        var ctx = new CommandContext(this, session, userId, ct);
        // Visible to the handlers the command runs (they may enlist the host's rows); set in this async method, so it
        // ends with it.
        _running.Value = ctx;
        var result = await command(ctx);
        await ctx.RunAsync();
        if (Interceptors.Count > 0)
        {
            var committing = new CommittingCommand(ctx, ctx.History.Changes());
            foreach (var interceptor in Interceptors) await interceptor.OnCommittingAsync(committing, ct);
        }
        await ctx.CommitAsync();
        if (ctx.NewJobs.Count > 0 && Scheduler is { } scheduler)
            scheduler.JobsCreated([.. ctx.NewJobs.Where(j => j.RetriesLeft > 0).Select(j => new ScheduledJob(j.Id, j.DueAt))]);
        return result;
    }

    /// <summary>The host's rows alone, in a transaction of their own through the store's writer.</summary>
    public async Task WriteAsync(ITransactionalWrite write, CancellationToken ct)
    {
        await using var session = Store.OpenSession();
        session.Enlist(write);
        await session.CommitAsync(ct);
    }

    /// <summary>Reads without changing anything.</summary>
    public async Task<T> ReadAsync<T>(CancellationToken ct, Func<IEngineSession, Task<T>> query)
    {
        await Deployments.EnsureFreshAsync(ct);
        await using var session = Store.OpenSession();
        return await query(session);
    }
}
