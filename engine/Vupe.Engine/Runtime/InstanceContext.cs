using Vupe.Engine.Model;
using Vupe.Engine.Persistence;
using Vupe.Feel;

namespace Vupe.Engine.Runtime;

/// <summary>One process instance loaded into a command: its row, its model, its case and its execution tree.</summary>
internal sealed class InstanceContext(ProcessInstanceRecord record, ProcessModel model, CaseFileRecord caseFile)
{
    public ProcessInstanceRecord Record { get; } = record;
    public ProcessModel Model { get; } = model;
    public CaseFileRecord Case { get; } = caseFile;
    public InstanceState State => Record.State;
    public bool IsNew { get; init; }
    public Guid Id => Record.Id;
    public bool IsActive => Record.Status == InstanceStatus.Active;
    /// <summary>Active but paused by an operator (<see cref="RuntimeService.SuspendAsync"/>).</summary>
    public bool IsSuspended => IsActive && State.Suspended;

    /// <summary>Refuses an operation on a suspended instance (its caller says which).</summary>
    public void EnsureNotSuspended(StateText.Operation what)
    {
        if (IsSuspended) throw new InvalidStateException(StateText.Suspended(Id, what));
    }
    /// <summary>Variables changed or a condition was opened in this command: its conditional events are evaluated once the agenda is empty.</summary>
    public bool ConditionsDirty { get; set; }

    public Execution Root => State.Executions[RootId];
    public const string RootId = "root";

    public Execution? Find(string id) => State.Executions.GetValueOrDefault(id);

    public Execution Get(string id) => State.Executions.TryGetValue(id, out var e)
        ? e
        : throw new InvalidStateException(StateText.MissingExecution(Id, id));

    public Execution? Parent(Execution e) => e.ParentId is null ? null : Find(e.ParentId);

    public List<Execution> Children(Execution parent)
    {
        var list = new List<Execution>();
        foreach (var e in State.Executions.Values)
            if (e.ParentId == parent.Id) list.Add(e);
        return list;
    }

    public bool HasChildren(Execution parent)
    {
        foreach (var e in State.Executions.Values)
            if (e.ParentId == parent.Id) return true;
        return false;
    }

    public Execution NewExecution(Execution? parent, string elementId)
    {
        var e = new Execution { Id = parent is null ? RootId : ExecutionId(State.NextExecutionNumber++), ParentId = parent?.Id, ElementId = elementId };
        State.Executions.Add(e.Id, e);
        return e;
    }

    private static readonly string[] SmallExecutionIds = [.. Enumerable.Range(0, 64).Select(n => "e" + n)];

    /// <summary>"e" and the number; the first few shared, as nearly every instance uses them.</summary>
    private static string ExecutionId(int number) => (uint)number < (uint)SmallExecutionIds.Length ? SmallExecutionIds[number] : "e" + number;

    public void Remove(Execution e) => State.Executions.Remove(e.Id);

    public FlowNode NodeOf(Execution e) => Model.GetNode(e.ElementId);

    /// <summary>The node an execution is at, or null when its element is not in the model (a migration removed it).</summary>
    public FlowNode? FindNode(Execution e) => Model.ElementsById.GetValueOrDefault(e.ElementId) as FlowNode;

    public bool TryGetVariable(Execution from, string name, out FeelValue value)
    {
        for (Execution? e = from; e is not null; e = Parent(e))
            if (e.Variables is not null && e.Variables.TryGetValue(name, out value!)) return true;
        return TryGetCaseVariable(name, out value);
    }

    /// <summary>What every expression can read about its case without it being a process variable: caseNumber, officeCode, caseId.</summary>
    private bool TryGetCaseVariable(string name, out FeelValue value)
    {
        value = name switch
        {
            "caseNumber" => FeelValue.FromObject(Case.CaseNumber),
            "officeCode" => FeelValue.FromObject(Case.OfficeCode),
            "caseId" => FeelValue.FromObject(Case.Id.ToString()),
            _ => FeelNull.Instance,
        };
        return value is not FeelNull;
    }

    /// <summary>Every variable visible from an execution, inner scopes hiding outer ones.</summary>
    public Dictionary<string, FeelValue> VisibleVariables(Execution from)
    {
        var chain = new List<Execution>();
        for (Execution? e = from; e is not null; e = Parent(e)) chain.Add(e);
        var result = new Dictionary<string, FeelValue>(StringComparer.Ordinal);
        for (var i = chain.Count - 1; i >= 0; i--)
            if (chain[i].Variables is { } vars)
                foreach (var (k, v) in vars) result[k] = v;
        return result;
    }

    public IFeelScope ScopeFor(Execution e) => new ExecutionScope(this, e);

    private sealed class ExecutionScope(InstanceContext instance, Execution execution) : IFeelScope
    {
        public bool TryGetVariable(string name, out FeelValue value) => instance.TryGetVariable(execution, name, out value);
    }
}
