using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Vupe.Engine.Persistence;
using Vupe.Engine.Runtime;

namespace Vupe.Engine;

/// <summary>
/// The case engine. Build one per process (it caches parsed definitions) with
/// <see cref="ProcessEngineBuilder"/>; every method is safe to call concurrently.
/// </summary>
public sealed class ProcessEngine : IAsyncDisposable
{
    private readonly EngineCore _core;

    /// <summary>For tests that look at rows directly.</summary>
    internal EngineCore Core => _core;

    internal ProcessEngine(EngineCore core)
    {
        _core = core;
        Repository = new RepositoryService(core);
        Runtime = new RuntimeService(core);
        Tasks = new TaskService(core);
        History = new HistoryService(core);
        Cases = new CaseService(core);
        Management = new ManagementService(core);
    }

    public RepositoryService Repository { get; }
    public RuntimeService Runtime { get; }
    public TaskService Tasks { get; }
    public HistoryService History { get; }
    public CaseService Cases { get; }
    public ManagementService Management { get; }
    public EngineOptions Options => _core.Options;

    /// <summary>The service task types with a registered handler (what a designer offers for vupe:type).</summary>
    public IReadOnlyCollection<string> TaskTypes => [.. _core.Handlers.Keys];

    /// <summary>
    /// Commands started on this async flow until the result is disposed act for <paramref name="actor"/>: the
    /// <see cref="ICommandInterceptor"/>s see it on each command. A host sets it around each request.
    /// </summary>
    public static IDisposable ActAs(CommandActor? actor) => EngineCore.ActAs(actor);

    /// <summary>
    /// Adds the host's rows to the command of this engine running on the caller's flow (from inside a service task
    /// handler), to commit with it. False when no command runs here: write them with <see cref="WriteAsync"/> instead.
    /// </summary>
    public bool TryEnlist(ITransactionalWrite write)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (_core.RunningCommand is not { } command) return false;
        command.Enlist(write);
        return true;
    }

    /// <summary>
    /// Writes the host's rows in a transaction of their own through the store's writer — on SQLite the one writer of
    /// the file, batched with the engine's commits — so the host never competes with the engine for the write lock.
    /// Completes when they are durable. Not available on the in-memory store.
    /// </summary>
    public Task WriteAsync(ITransactionalWrite write, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        return _core.WriteAsync(write, ct);
    }

    /// <summary>The scheduler the builder created for this engine; stopped with it.</summary>
    internal IAsyncDisposable? OwnedScheduler { get; set; }

    /// <summary>The store the builder created for this engine (UseSqlite); closed with it. A store passed to UseStore belongs to the caller.</summary>
    internal IAsyncDisposable? OwnedStore { get; set; }

    /// <summary>Prepares the store (creates or migrates the schema) and loads the deployed definitions.</summary>
    internal async Task StartAsync(CancellationToken ct)
    {
        await _core.Store.InitializeAsync(ct);
        await _core.Definitions.ReloadAsync(ct);
        await _core.Resources.ReloadAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (OwnedScheduler is not null) await OwnedScheduler.DisposeAsync();
        if (OwnedStore is not null) await OwnedStore.DisposeAsync();
    }
}

/// <summary>Configures and starts a <see cref="ProcessEngine"/>.</summary>
public sealed class ProcessEngineBuilder
{
    private readonly Dictionary<string, IServiceTaskHandler> _handlers = new(StringComparer.Ordinal);
    private IEngineStore? _store;
    private bool _ownsStore;
    private IDecisionEvaluator? _decisions;
    private TimeProvider _time = TimeProvider.System;
    private ILoggerFactory _logging = NullLoggerFactory.Instance;
    private Func<ProcessEngine, IJobScheduler>? _scheduler;
    private bool _inProcessScheduler;
    private TimeSpan _pollInterval = TimeSpan.FromMilliseconds(500);
    private readonly List<ICommandInterceptor> _interceptors = [];
    private readonly List<IResourceKind> _resourceKinds = [];

    public EngineOptions Options { get; } = new();

    public ProcessEngineBuilder Configure(Action<EngineOptions> configure)
    {
        configure(Options);
        return this;
    }

    /// <summary>
    /// Keeps state in memory only: fast, lost with the process. For tests, benchmarks and short-lived
    /// tools. With <paramref name="retainCompleted"/> false, ended instances are forgotten at once.
    /// </summary>
    public ProcessEngineBuilder UseInMemoryStore(bool retainCompleted = true)
    {
        _store = new InMemoryEngineStore(retainCompleted);
        _ownsStore = false;
        return this;
    }

    /// <summary>Durable state in a SQLite file (WAL mode): the embedded default.</summary>
    public ProcessEngineBuilder UseSqlite(string databasePath)
    {
        _store = EfEngineStore.ForSqlite(databasePath);
        _ownsStore = true;
        return this;
    }

    /// <summary>Any store; e.g. <see cref="EfEngineStore"/> over PostgreSQL (EfEngineStore.ForPostgres or your own DbContextOptions).</summary>
    public ProcessEngineBuilder UseStore(IEngineStore store)
    {
        _store = store;
        _ownsStore = false;
        return this;
    }

    public ProcessEngineBuilder AddTaskHandler(string taskType, IServiceTaskHandler handler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskType);
        if (!_handlers.TryAdd(taskType, handler)) throw new ArgumentException($"A handler for task type '{taskType}' is already registered.");
        return this;
    }

    public ProcessEngineBuilder AddTaskHandler(string taskType, Func<ServiceTaskContext, IReadOnlyDictionary<string, object?>?> handler) =>
        AddTaskHandler(taskType, new DelegateServiceTaskHandler((c, _) => ValueTask.FromResult(handler(c))));

    public ProcessEngineBuilder AddTaskHandler(string taskType, Func<ServiceTaskContext, CancellationToken, ValueTask<IReadOnlyDictionary<string, object?>?>> handler) =>
        AddTaskHandler(taskType, new DelegateServiceTaskHandler(handler));

    /// <summary>A kind of file deployments may hold beside BPMN (DMN decisions, forms), stored and versioned by the engine.</summary>
    public ProcessEngineBuilder AddResourceKind(IResourceKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (_resourceKinds.Any(k => k.Kind == kind.Kind)) throw new ArgumentException($"A resource kind '{kind.Kind}' is already registered.");
        _resourceKinds.Add(kind);
        return this;
    }

    /// <summary>Sees every command before it commits and may add the host's rows to its transaction (an audit entry).</summary>
    public ProcessEngineBuilder AddCommandInterceptor(ICommandInterceptor interceptor)
    {
        ArgumentNullException.ThrowIfNull(interceptor);
        _interceptors.Add(interceptor);
        return this;
    }

    public ProcessEngineBuilder UseDecisionEvaluator(IDecisionEvaluator evaluator)
    {
        _decisions = evaluator;
        return this;
    }

    public ProcessEngineBuilder UseTimeProvider(TimeProvider time)
    {
        _time = time;
        return this;
    }

    public ProcessEngineBuilder UseLogging(ILoggerFactory logging)
    {
        _logging = logging;
        return this;
    }

    /// <summary>A scheduler of your own (the server's Hangfire adapter); it gets the engine once built.</summary>
    public ProcessEngineBuilder UseJobScheduler(Func<ProcessEngine, IJobScheduler> scheduler)
    {
        _scheduler = scheduler;
        return this;
    }

    /// <summary>Runs due jobs (timers, retries, async continuations) in this process, polling every <paramref name="pollInterval"/> and woken early by new jobs.</summary>
    public ProcessEngineBuilder UseInProcessScheduler(TimeSpan? pollInterval = null)
    {
        _inProcessScheduler = true;
        _pollInterval = pollInterval ?? _pollInterval;
        return this;
    }

    public async Task<ProcessEngine> BuildAsync(CancellationToken ct = default)
    {
        var store = _store ?? throw new InvalidOperationException("Choose a store: UseSqlite(path), UseInMemoryStore() or UseStore(store).");
        var core = new EngineCore(store, Options, _time, _logging.CreateLogger("Vupe.Engine"), _handlers, _decisions, scheduler: null, [.. _interceptors], [.. _resourceKinds]);
        InProcessJobScheduler? owned = null;
        var engine = new ProcessEngine(core) { OwnedStore = _ownsStore ? store as IAsyncDisposable : null };
        if (_inProcessScheduler)
        {
            owned = new InProcessJobScheduler(engine, _pollInterval, _time, _logging.CreateLogger<InProcessJobScheduler>());
            core.Scheduler = owned;
            engine.OwnedScheduler = owned;
        }
        else if (_scheduler is not null)
        {
            core.Scheduler = _scheduler(engine);
        }
        await engine.StartAsync(ct);
        owned?.Start();
        return engine;
    }
}
