using Vupe.Engine.Model;

namespace Vupe.Engine.Parsing;

/// <summary>What a BPMN file yields: its processes, or the problems that stop it from deploying.</summary>
internal sealed class ParseResult
{
    public List<ProcessModel> Processes { get; } = [];
    public List<DeploymentProblem> Problems { get; } = [];
    public bool Succeeded => Problems.Count == 0;
}
