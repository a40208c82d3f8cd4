using System.Text.RegularExpressions;
using NUnit.Framework;
using Vupe.Engine.Model;

namespace Vupe.Engine.Tests;

/// <summary>
/// The runner moves tokens and keeps scopes; what an element means is its behaviour's (Runtime/Behaviors). These tests
/// read the runner's source and fail when it asks what kind of BPMN element it holds, so new semantics go into a
/// behaviour rather than into another switch. The class names come from the model by reflection: a new model class
/// is covered without touching this test.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly Regex TypeTest = TypeTestPattern(ModelClassNames());

    [Test]
    public void FlowRunner_never_switches_on_or_type_tests_BPMN_model_classes()
    {
        var runtime = Path.Combine(RepositoryRoot(), "engine", "Vupe.Engine", "Runtime");
        var files = Directory.GetFiles(runtime, "FlowRunner*.cs");
        Assert.That(files, Is.Not.Empty, $"no FlowRunner*.cs in {runtime}");

        var findings = new List<string>();
        foreach (var file in files)
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
                if (TypeTest.Match(WithoutComment(lines[i])) is { Success: true } match)
                    findings.Add($"{Path.GetFileName(file)}:{i + 1}: '{match.Value.Trim()}' in: {lines[i].Trim()}");
        }
        Assert.That(findings, Is.Empty,
            "FlowRunner asks what kind of element it holds; move that decision into the element's behaviour (Runtime/Behaviors):"
            + Environment.NewLine + string.Join(Environment.NewLine, findings));
    }

    [Test]
    public void The_model_classes_are_found_by_reflection()
    {
        var names = ModelClassNames();
        Assert.That(names, Does.Contain(nameof(Gateway)).And.Contains(nameof(BoundaryEvent)).And.Contains(nameof(UserTask))
            .And.Contains(nameof(Activity)).And.Contains(nameof(MessageDefinition)).And.Contains(nameof(ProcessModel)));
        Assert.That(names, Has.None.Contains("<"), "compiler-generated classes are not model classes");
    }

    // The kinds of code the test must catch, and ordinary uses of model types it must leave alone.
    [TestCase("if (node is Gateway { Kind: GatewayKind.Parallel } join && join.Incoming.Count > 1)")]
    [TestCase("if (node is not Activity) ctx.History.Add(ctx, ic, ElementCompleted, ex, node);")]
    [TestCase("            case BoundaryEvent boundary:")]
    [TestCase("            case Model.EndEvent:")]
    [TestCase("var sub = node as SubProcess;")]
    [TestCase("foreach (var s in scope.EventSubProcesses.Select(e => e.TriggerStart).OfType<StartEvent>())")]
    [TestCase("        Model.EndEvent => EndEvent,")]
    [TestCase("        IntermediateCatchEvent or ReceiveTask => CatchEvent,")]
    [TestCase("    StartEvent s => s.Container is not null,")]
    [TestCase("if (definition is { Definition: MessageDefinition or TimerDefinition } start)")]
    [TestCase("var activity = (Activity)ic.NodeOf(ex);")]
    [TestCase("if (node.GetType() == typeof(UserTask)) return;")]
    public void The_pattern_catches_a_type_test(string line) =>
        Assert.That(TypeTest.IsMatch(line), Is.True, line);

    [TestCase("public JobRecord CreateJob(CommandContext ctx, InstanceContext ic, Execution owner, FlowNode node, JobKind kind)")]
    [TestCase("await node.Behavior.ArriveAsync(ctx, ic, ex, node, via);")]
    [TestCase("if (ex.Wait is WaitKind.Message or WaitKind.Timer) return;")]
    [TestCase("case StepKind.Arrive: await ArriveAsync(ctx, ic, ex, step.Node!, step.Via); break;")]
    [TestCase("internal static FeelValue EvaluateMapping(InstanceContext ic, Execution ex, IoMapping mapping, string kind)")]
    [TestCase("var flows = new List<SequenceFlow>(node.Outgoing.Count);")]
    public void The_pattern_leaves_ordinary_uses_alone(string line) =>
        Assert.That(TypeTest.IsMatch(line), Is.False, line);

    private static List<string> ModelClassNames() =>
        [.. typeof(FlowNode).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(FlowNode).Namespace && t.IsClass && !t.IsNested && !t.Name.Contains('<'))
            .Select(t => t.Name.Split('`')[0])
            .Distinct()
            .Order()];

    /// <summary>
    /// A type pattern or test naming a model class: <c>is X</c>, <c>is not X</c>, <c>as X</c>, <c>case X</c>,
    /// <c>X or</c> / <c>or X</c> / <c>and X</c>, a switch arm <c>X =&gt;</c> or <c>X x =&gt;</c>, a nested property
    /// pattern <c>{ P: X }</c>, <c>OfType&lt;X&gt;</c>, <c>typeof(X)</c> and a cast <c>(X)expression</c>.
    /// </summary>
    private static Regex TypeTestPattern(IEnumerable<string> names)
    {
        var type = $@"(?:Model\.)?(?:{string.Join("|", names.Select(Regex.Escape))})\b(?!\s*\.)";
        var patterns = new[]
        {
            $@"\b(?:is|as|case)\s+(?:not\s+)?{type}",
            $@"\b(?:or|and)\s+(?:not\s+)?{type}",
            $@"(?<![\w.<(,]\s*){type}\s+or\b",
            $@"^\s*{type}(?:\s+\w+)?\s*(?:\{{[^}}]*\}}\s*)?(?:\w+\s*)?=>",
            $@"\w+\s*:\s*{type}(?:\s+\w+)?\s*[}},]",
            $@"OfType\s*<\s*{type}\s*>",
            $@"typeof\s*\(\s*{type}\s*\)",
            $@"\(\s*{type}\s*\)\s*[\w(]",
        };
        return new Regex(string.Join("|", patterns), RegexOptions.Compiled);
    }

    private static string WithoutComment(string line)
    {
        var at = line.IndexOf("//", StringComparison.Ordinal);
        return at < 0 ? line : line[..at];
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "VupeCases.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"No VupeCases.sln above {AppContext.BaseDirectory}.");
    }
}
