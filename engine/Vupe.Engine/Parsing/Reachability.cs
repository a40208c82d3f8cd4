using Vupe.Engine.Model;

namespace Vupe.Engine.Parsing;

/// <summary>Which nodes each node can still lead to within its scope: an inclusive join waits only for tokens that can reach it.</summary>
internal static class Reachability
{
    public static void Compute(FlowScopeElement scope)
    {
        foreach (var node in scope.Nodes)
        {
            var seen = new HashSet<FlowNode>();
            var work = new Stack<FlowNode>();
            Push(node, work);
            while (work.Count > 0)
            {
                var n = work.Pop();
                if (!seen.Add(n)) continue;
                Push(n, work);
            }
            node.Reachable = seen;
            if (node is SubProcess sub) Compute(sub);
        }
    }

    private static void Push(FlowNode from, Stack<FlowNode> work)
    {
        foreach (var f in from.Outgoing) work.Push(f.Target);
        if (from is IntermediateThrowEvent { Definition: LinkDefinition { Target: { } linked } }) work.Push(linked);
        if (from is Activity a)
            foreach (var b in a.BoundaryEvents) work.Push(b);
    }
}
