using Vupe.Engine.Model;
using Vupe.Feel;

namespace Vupe.Engine.Runtime;

internal enum StepKind { Arrive, EnterActivity, Complete, Leave, Custom }

/// <summary>
/// One unit of work on the agenda. A value type: the token moves a dozen steps per command, and
/// a closure per step was a large share of the allocations.
/// </summary>
internal readonly record struct Step(
    StepKind Kind, InstanceContext? Instance, Execution? Execution, FlowNode? Node = null, SequenceFlow? Via = null,
    IReadOnlyDictionary<string, FeelValue>? Result = null, Func<ValueTask>? Custom = null);
