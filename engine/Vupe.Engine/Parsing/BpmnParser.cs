using System.Xml;
using System.Xml.Linq;
using Vupe.Engine.Model;
using static Vupe.Engine.Parsing.BpmnNames;

namespace Vupe.Engine.Parsing;

/// <summary>
/// Reads a BPMN 2.0 XML file as bpmn-js saves it into executable <see cref="ProcessModel"/>s.
/// Collects every problem it finds rather than stopping at the first, so one deploy attempt
/// tells the supervisor everything to fix.
/// </summary>
internal sealed class BpmnParser(ParserSettings? settings = null)
{
    private readonly ParserSettings _settings = settings ?? new ParserSettings();

    public ParseResult Parse(string resourceName, string xml)
    {
        var result = new ParseResult();
        XDocument doc;
        try
        {
            doc = XDocument.Parse(xml, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            result.Problems.Add(new DeploymentProblem(resourceName, null, e.LineNumber, ProblemText.NotWellFormedXml(e.Message)));
            return result;
        }

        var root = doc.Root!;
        if (root.Name != Bpmn + "definitions")
        {
            result.Problems.Add(new DeploymentProblem(resourceName, null, LineOf(root),
                ProblemText.WrongRoot(root.Name.LocalName, root.Name.NamespaceName, Bpmn.NamespaceName)));
            return result;
        }

        var problems = new ProblemCollector(resourceName, result.Problems);
        var definitions = new DefinitionsIndex(root, problems);
        foreach (var processElement in root.Elements(Bpmn + "process"))
        {
            var executable = (string?)processElement.Attribute("isExecutable") != "false";
            if (!executable && !_settings.IncludeNonExecutable) continue;
            var builder = new ProcessBuilder(definitions, problems, _settings);
            var process = builder.Build(processElement, executable);
            if (process is not null) result.Processes.Add(process);
        }

        if (result.Processes.Count == 0 && result.Problems.Count == 0)
            problems.Add(root, ProblemText.NoExecutableProcess());

        foreach (var process in result.Processes) new ModelValidator(problems).Validate(process);
        if (result.Succeeded)
            foreach (var process in result.Processes)
            {
                Reachability.Compute(process);
                process.UsesEvents = process.ElementsById.Values.Any(e =>
                    e is ReceiveTask or Gateway { Kind: GatewayKind.EventBased } || e is EventNode { Definition: MessageDefinition or TimerDefinition or SignalDefinition });
                process.UsesConditions = process.ElementsById.Values.Any(e => e is EventNode { Definition: ConditionalDefinition });
                process.UsesCompensation = process.ElementsById.Values.Any(e => e is EventNode { Definition: CompensateDefinition } || e is Activity { IsForCompensation: true });
            }
        return result;
    }

    internal static int LineOf(XObject e) => e is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;
}

internal sealed class ParserSettings
{
    /// <summary>Also build processes marked isExecutable="false" (conformance checks of drawings).</summary>
    public bool IncludeNonExecutable { get; init; }
    /// <summary>When set, service task types outside it are rejected.</summary>
    public Func<string, bool>? IsKnownTaskType { get; init; }
    /// <summary>Extra FEEL function names that expressions may call besides the built-ins.</summary>
    public IReadOnlyCollection<string> ExtraFunctions { get; init; } = [];
}

internal sealed class ProblemCollector(string resource, List<DeploymentProblem> sink)
{
    public int Count => sink.Count;

    public void Add(XElement at, string message, string? elementId = null) =>
        Add(new DeploymentProblem(resource, elementId ?? (string?)at.Attribute("id"), BpmnParser.LineOf(at), message));

    public void Add(Model.BaseElement at, string message) => Add(new DeploymentProblem(resource, at.Id, at.Line, message));

    // A shared declaration (a message used by several events) is reported once.
    private void Add(DeploymentProblem problem)
    {
        if (!sink.Contains(problem)) sink.Add(problem);
    }
}

/// <summary>The messages, errors, signals and escalations declared at the top of the file, by id.</summary>
internal sealed class DefinitionsIndex
{
    public Dictionary<string, XElement> Messages { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, XElement> Errors { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, XElement> Signals { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, XElement> Escalations { get; } = new(StringComparer.Ordinal);

    public DefinitionsIndex(XElement root, ProblemCollector problems)
    {
        foreach (var e in root.Elements())
        {
            var id = (string?)e.Attribute("id");
            if (id is null) continue;
            var target = e.Name.LocalName switch
            {
                "message" => Messages,
                "error" => Errors,
                "signal" => Signals,
                "escalation" => Escalations,
                _ => null,
            };
            if (target is null) continue;
            if (!target.TryAdd(id, e)) problems.Add(e, ProblemText.DuplicateId(id));
        }
    }
}
