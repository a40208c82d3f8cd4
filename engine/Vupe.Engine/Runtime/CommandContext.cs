using Vupe.Engine.Model;
using Vupe.Engine.Persistence;

namespace Vupe.Engine.Runtime;

/// <summary>
/// One command: one session (one transaction), the instances it touched, the work still to do
/// (the agenda) and what to tell the scheduler once the commit succeeded.
/// </summary>
internal sealed class CommandContext(EngineCore engine, IEngineSession session, string? userId, CancellationToken ct)
{
    private readonly Queue<Step> _agenda = new();
    private readonly Dictionary<Guid, InstanceContext> _instances = [];
    private int _steps;

    public EngineCore Engine { get; } = engine;
    public IEngineSession Session { get; } = session;
    public string? UserId { get; } = userId;
    public CancellationToken Ct { get; } = ct;
    public DateTimeOffset Now { get; } = engine.Time.GetUtcNow();
    public List<JobRecord> NewJobs { get; } = [];
    public HistoryWriter History { get; } = new(engine.Options.History);
    public FlowRunner Runner => Engine.Runner;
    /// <summary>Who the command acts for (<see cref="ProcessEngine.ActAs"/>), taken when it starts.</summary>
    public CommandActor? Actor { get; } = EngineCore.CurrentActor;
    /// <summary>The host's rows to write in this command's transaction.</summary>
    public List<ITransactionalWrite>? HostWrites { get; private set; }

    public void Enlist(ITransactionalWrite write) => (HostWrites ??= []).Add(write);

    public void Schedule(Func<ValueTask> step) => _agenda.Enqueue(new Step(StepKind.Custom, null, null, Custom: step));

    public void Schedule(in Step step) => _agenda.Enqueue(step);

    /// <summary>Runs queued steps until every touched token rests in a wait state.</summary>
    public async ValueTask RunAsync()
    {
        while (true)
        {
            while (_agenda.TryDequeue(out var step))
            {
                if (++_steps > Engine.Options.MaxStepsPerCommand)
                    throw new EngineException($"The command ran more than {Engine.Options.MaxStepsPerCommand} steps; the process probably loops without a wait state.");
                await Runner.RunStepAsync(this, step);
            }
            // Inclusive joins and conditional events are decided only once every token has moved as far as it will.
            var fired = false;
            foreach (var check in Behaviors.BehaviorCatalog.WhenAgendaEmpty)
                foreach (var instance in _instances.Values)
                    fired |= check(this, instance);
            if (!fired) return;
        }
    }

    public async Task<InstanceContext> LoadInstanceAsync(Guid id)
    {
        if (_instances.TryGetValue(id, out var loaded)) return loaded;
        var record = await Session.FindInstanceAsync(id, Ct) ?? throw new NotFoundException($"Process instance {id} does not exist.");
        var definition = await Engine.Definitions.GetAsync(record.DefinitionId, Ct);
        var caseFile = await Session.FindCaseAsync(record.CaseId, Ct) ?? throw new InvalidStateException(StateText.MissingCase(id, record.CaseId));
        var context = new InstanceContext(record, definition.Model, caseFile);
        _instances[id] = context;
        return context;
    }

    public InstanceContext AddNewInstance(ProcessInstanceRecord record, ProcessModel model, CaseFileRecord caseFile)
    {
        var context = new InstanceContext(record, model, caseFile) { IsNew = true };
        _instances[record.Id] = context;
        return context;
    }

    public void AddJob(JobRecord job)
    {
        Session.Add(job);
        NewJobs.Add(job);
    }

    public async Task CommitAsync()
    {
        foreach (var instance in _instances.Values)
        {
            if (instance.IsNew) Session.Add(instance.Record);
            else Session.Update(instance.Record);
        }
        History.FlushTo(Session);
        if (HostWrites is { } writes)
            foreach (var write in writes) Session.Enlist(write);
        await Session.CommitAsync(Ct);
        History.Release();
    }
}
