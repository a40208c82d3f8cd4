using Vupe.Engine.Model;

namespace Vupe.Engine.Parsing;

/// <summary>Checks that need the whole process built: start events, gateway shapes, loops that could never stop.</summary>
internal sealed class ModelValidator(ProblemCollector problems)
{
    public void Validate(ProcessModel process)
    {
        if (process.StartEvents.Count == 0)
            problems.Add(process, ProblemText.NoStartEvent(process.Id));
        ValidateScope(process, process);
        if (process.ElementsById.Values.Any(e => e is EventNode { Definition: CompensateDefinition } || e is Activity { IsForCompensation: true }))
            new CompensationValidator(problems).Validate(process);
    }

    private void ValidateScope(ProcessModel process, FlowScopeElement scope)
    {
        foreach (var node in scope.Nodes)
        {
            switch (node)
            {
                case Gateway { Kind: GatewayKind.EventBased } g:
                    if (g.Outgoing.Count < 2) problems.Add(g, ProblemText.EventGatewayNeedsTwoFlows());
                    foreach (var f in g.Outgoing)
                        if (f.Target is not (IntermediateCatchEvent { Definition: not LinkDefinition } or ReceiveTask))
                            problems.Add(f, ProblemText.EventGatewayTarget(f.Target.ElementType, f.Target.Id));
                    break;
                case Gateway { Kind: GatewayKind.Exclusive or GatewayKind.Inclusive } g when g.Outgoing.Count > 1:
                    foreach (var f in g.Outgoing)
                        if (!f.HasConditionText && f != g.DefaultFlow)
                            problems.Add(f, ProblemText.FlowWithoutCondition(f.Id, g.ElementType, g.Id));
                    break;
                case StartEvent s when s.Incoming.Count > 0:
                    problems.Add(s, ProblemText.StartEventWithIncoming());
                    break;
                case EndEvent e when e.Outgoing.Count > 0:
                    problems.Add(e, ProblemText.EndEventWithOutgoing());
                    break;
                case BoundaryEvent b when b.Incoming.Count > 0:
                    problems.Add(b, ProblemText.BoundaryEventWithIncoming());
                    break;
                case StartEvent { Definition: ErrorDefinition } s when s.Container is not SubProcess { TriggeredByEvent: true }:
                    problems.Add(s, ProblemText.ErrorStartOutsideEventSubProcess());
                    break;
                case StartEvent { Definition: EscalationDefinition or ConditionalDefinition } s when s.Container is not SubProcess { TriggeredByEvent: true }:
                    problems.Add(s, ProblemText.StartOutsideEventSubProcess(s.Definition is EscalationDefinition ? "escalation" : "conditional"));
                    break;
            }
            if (node is UserTask { SameAssigneeAs: { } earlier } follower && process.ElementsById.GetValueOrDefault(earlier) is not UserTask)
                problems.Add(follower, ProblemText.SameAssigneeAsNotAUserTask(earlier));
            if (node is Activity { StandardLoop: { Maximum: null, Condition: not null } } looping && !RunCanPause(looping))
                problems.Add(looping, ProblemText.StandardLoopWithoutMaximum(looping.ElementType, looping.Id));
            if (node is SubProcess sub) ValidateScope(process, sub);
        }
        ResolveLinks(scope);
        foreach (var esp in scope.Nodes.OfType<SubProcess>().Where(s => s.TriggeredByEvent))
        {
            if (esp.Incoming.Count > 0 || esp.Outgoing.Count > 0)
                problems.Add(esp, ProblemText.EventSubProcessWithFlows());
            scope.EventSubProcesses.Add(esp);
        }
        ReportLoopsWithoutWaitState(scope);
    }

    /// <summary>Each link throw event jumps to the one link catch event of the same name in its scope.</summary>
    private void ResolveLinks(FlowScopeElement scope)
    {
        var catches = new Dictionary<string, IntermediateCatchEvent>(StringComparer.Ordinal);
        foreach (var c in scope.Nodes.OfType<IntermediateCatchEvent>())
        {
            if (c.Definition is not LinkDefinition link) continue;
            if (!catches.TryAdd(link.LinkName, c)) problems.Add(c, ProblemText.DuplicateLinkCatch(link.LinkName));
            if (c.Incoming.Count > 0) problems.Add(c, ProblemText.LinkCatchWithIncoming());
        }
        foreach (var t in scope.Nodes.OfType<IntermediateThrowEvent>())
            if (t.Definition is LinkDefinition link)
            {
                if (t.Outgoing.Count > 0) problems.Add(t, ProblemText.LinkThrowWithOutgoing());
                if (catches.TryGetValue(link.LinkName, out var target)) link.Target = target;
                else problems.Add(t, ProblemText.LinkWithoutCatch(link.LinkName));
            }
    }

    /// <summary>Whether one run of a looping activity can wait: its own async-before only delays the whole loop.</summary>
    private static bool RunCanPause(Activity activity) => activity is SubProcess s ? s.Nodes.Any(CanPause) : activity.IsWaitState;

    /// <summary>A cycle made only of steps that never wait would spin for ever inside one transaction: refuse it at deployment.</summary>
    private void ReportLoopsWithoutWaitState(FlowScopeElement scope)
    {
        var passing = scope.Nodes.Where(n => !CanPause(n)).ToHashSet();
        foreach (var component in StronglyConnected(passing))
        {
            var ids = string.Join(" → ", component.Select(n => n.Id));
            problems.Add(component[0], ProblemText.LoopWithoutWaitState(ids));
        }
    }

    private static bool CanPause(FlowNode node) => node switch
    {
        Activity { AsyncBefore: true } => true,
        Activity { MultiInstance: not null } => true,
        SubProcess s => s.Nodes.Any(CanPause),
        _ => node.IsWaitState,
    };

    // Sequence flows, and the jump of a link throw event to its catch event.
    private static IEnumerable<FlowNode> Successors(FlowNode node) =>
        node is IntermediateThrowEvent { Definition: LinkDefinition { Target: { } target } }
            ? node.Outgoing.Select(f => f.Target).Append(target)
            : node.Outgoing.Select(f => f.Target);

    // Tarjan's algorithm over the sub-graph of nodes that never pause; a component is a loop if it has
    // more than one node or a node that flows back to itself.
    private static List<List<FlowNode>> StronglyConnected(HashSet<FlowNode> nodes)
    {
        var index = new Dictionary<FlowNode, int>();
        var low = new Dictionary<FlowNode, int>();
        var stack = new Stack<FlowNode>();
        var onStack = new HashSet<FlowNode>();
        var result = new List<List<FlowNode>>();
        var counter = 0;

        void Visit(FlowNode v)
        {
            index[v] = low[v] = counter++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in Successors(v).Where(nodes.Contains))
            {
                if (!index.TryGetValue(w, out var wIndex)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                else if (onStack.Contains(w)) low[v] = Math.Min(low[v], wIndex);
            }
            if (low[v] != index[v]) return;
            var component = new List<FlowNode>();
            FlowNode x;
            do { x = stack.Pop(); onStack.Remove(x); component.Add(x); } while (x != v);
            if (component.Count > 1 || v.Outgoing.Any(f => f.Target == v))
            {
                component.Reverse();
                result.Add(component);
            }
        }

        foreach (var n in nodes)
            if (!index.ContainsKey(n)) Visit(n);
        return result;
    }
}
