using Vupe.Engine.Parsing;

namespace Vupe.Engine.Tests;

/// <summary>
/// The BPMN MIWG reference files (CC BY 3.0, Conformance/miwg/LICENSE.txt). They are drawings
/// (isExecutable="false"), read here as if executable: the ones inside the engine's subset import;
/// the others are refused with each problem located by element id and line, never a crash.
/// </summary>
public sealed class MiwgConformanceTests
{
    private static readonly string[] Importable = ["A.1.0.bpmn", "A.4.0.bpmn", "A.4.1.bpmn"];

    public static IEnumerable<string> Files() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Conformance", "miwg"), "*.bpmn").Select(f => Path.GetFileName(f)).Order();

    private static ParseResult Parse(string file) =>
        new BpmnParser(new ParserSettings { IncludeNonExecutable = true })
            .Parse(file, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Conformance", "miwg", file)));

    [TestCaseSource(nameof(Files))]
    public void Imports_or_names_what_is_outside_the_executable_subset(string file)
    {
        var result = Parse(file);
        TestContext.Out.WriteLine(result.Succeeded ? $"{file}: {result.Processes.Count} process(es)" : string.Join(Environment.NewLine, result.Problems));
        if (Importable.Contains(file))
        {
            Assert.That(result.Problems, Is.Empty);
            Assert.That(result.Processes.Sum(p => p.ElementsById.Count), Is.GreaterThan(5));
        }
        else
        {
            Assert.That(result.Problems, Is.Not.Empty);
            Assert.That(result.Problems, Has.All.Matches<DeploymentProblem>(p => p != null && p.Line > 0 && !string.IsNullOrEmpty(p.ElementId)));
            Assert.That(result.Problems.Select(p => (p.ElementId, p.Message)).Distinct().Count(), Is.EqualTo(result.Problems.Count), "no problem is reported twice");
        }
    }

    [Test]
    public void A_1_0_keeps_the_shape_of_the_drawing()
    {
        var process = Parse("A.1.0.bpmn").Processes.Single();
        Assert.That(process.StartEvents, Has.Count.EqualTo(1));
        Assert.That(process.Nodes.OfType<Model.EndEvent>().Count(), Is.EqualTo(1));
        Assert.That(process.Flows, Has.Count.GreaterThanOrEqualTo(3));
    }

    [Test]
    public void Script_conditions_are_named_as_such()
    {
        var problems = Parse("C.1.0.bpmn").Problems;
        Assert.That(problems.Single(p => p.ElementId == "invoiceApproved").Message, Does.Contain("JUEL/script expression").And.Contain("FEEL"));
    }
}
