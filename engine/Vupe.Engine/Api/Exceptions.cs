namespace Vupe.Engine;

/// <summary>Base of every error the engine reports on purpose.</summary>
public class EngineException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A problem found in a deployed file: where it is and what is wrong.</summary>
public sealed record DeploymentProblem(string Resource, string? ElementId, int Line, string Message)
{
    public override string ToString() =>
        $"{Resource}{(Line > 0 ? $" line {Line}" : "")}{(ElementId is null ? "" : $" element '{ElementId}'")}: {Message}";
}

/// <summary>Deployment refused: nothing of it was stored.</summary>
public sealed class DeploymentException(IReadOnlyList<DeploymentProblem> problems)
    : EngineException("Deployment rejected, nothing was deployed:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => " - " + p)))
{
    public IReadOnlyList<DeploymentProblem> Problems { get; } = problems;
}

public sealed class NotFoundException(string message) : EngineException(message);

/// <summary>The operation does not fit the current state (e.g. completing a task claimed by someone else).</summary>
public sealed class InvalidStateException(string message) : EngineException(message);

/// <summary>Another user got there first: a task already claimed, a stale update.</summary>
public sealed class ConflictException(string message, Exception? inner = null) : EngineException(message, inner);

public sealed class MessageNotCorrelatedException(string messageName, string? correlationKey)
    : EngineException($"No process instance is waiting for message '{messageName}' with correlation key '{correlationKey}', and no message start event has that name.");

/// <summary>Thrown by a service task handler to raise a BPMN error that boundary events or event sub-processes can catch.</summary>
public sealed class BpmnErrorException(string errorCode, string? message = null)
    : EngineException(message ?? $"BPMN error '{errorCode}'")
{
    public string ErrorCode { get; } = errorCode;
}
