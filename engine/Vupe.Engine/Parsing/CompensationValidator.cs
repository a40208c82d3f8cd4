using Vupe.Engine.Model;

namespace Vupe.Engine.Parsing;

/// <summary>
/// The shape compensation needs (BPMN 2.0.2, 10.5.6): each compensation boundary event is associated to a handler,
/// a handler is reached only that way (no sequence flows in or out), and a throw's activityRef names an activity
/// of the throw's scope. Run once the event sub-processes of every scope are known.
/// </summary>
internal sealed class CompensationValidator(ProblemCollector problems)
{
    public void Validate(ProcessModel process)
    {
        var handlers = new HashSet<Activity>();
        foreach (var element in process.ElementsById.Values)
        {
            switch (element)
            {
                case BoundaryEvent { Definition: CompensateDefinition } boundary:
                    if (boundary.AttachedTo.CompensationHandler is { } handler) handlers.Add(handler);
                    else problems.Add(boundary, ProblemText.CompensationBoundaryNeedsHandler());
                    if (boundary.Outgoing.Count > 0) problems.Add(boundary, ProblemText.CompensationBoundaryWithOutgoing());
                    break;
                case StartEvent { Definition: CompensateDefinition } start when start.Container is not SubProcess { TriggeredByEvent: true }:
                    problems.Add(start, ProblemText.StartOutsideEventSubProcess("compensate"));
                    break;
                case EventNode { Definition: CompensateDefinition { ActivityRef: { } activityRef } } thrower when thrower is not BoundaryEvent and not StartEvent:
                    var scope = CompensationScopeOf(thrower);
                    if (scope?.Nodes.FirstOrDefault(n => n.Id == activityRef) is not Activity { IsForCompensation: false })
                        problems.Add(thrower, ProblemText.BadCompensateActivityRef(activityRef));
                    break;
            }
        }
        foreach (var element in process.ElementsById.Values)
        {
            if (element is not Activity { IsForCompensation: true } activity) continue;
            if (activity.Incoming.Count > 0 || activity.Outgoing.Count > 0) problems.Add(activity, ProblemText.CompensationHandlerWithFlows());
            else if (!handlers.Contains(activity)) problems.Add(activity, ProblemText.CompensationHandlerWithoutBoundary());
        }
    }

    /// <summary>A throw compensates the activities of its scope; inside an event sub-process, those of the sub-process around it.</summary>
    internal static FlowScopeElement? CompensationScopeOf(FlowNode thrower) =>
        thrower.Container is SubProcess { TriggeredByEvent: true } esp ? esp.Container : thrower.Container;
}
