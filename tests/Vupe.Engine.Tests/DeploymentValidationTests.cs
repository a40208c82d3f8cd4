namespace Vupe.Engine.Tests;

/// <summary>Malformed models are refused whole, with the element id, the line and what is wrong; nothing is stored.</summary>
public sealed class DeploymentValidationTests : SqliteEngineTestBase
{
    private const string Head = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:vupe="http://vupecases.pe/schema/bpmn/1.0" id="d" targetNamespace="t">
        """;

    private static string Process(string body, string before = "") =>
        Head + "\n" + before + "<bpmn:process id=\"p\" isExecutable=\"true\">\n" + body + "\n</bpmn:process>\n</bpmn:definitions>";

    private async Task<DeploymentException> RejectedAsync(string xml, string file = "bad.bpmn")
    {
        var e = await Assert.ThrowsAsync<DeploymentException>(() => Engine.Repository.DeployAsync("bad", [new DeploymentResource(file, xml)]));
        Assert.That(await Engine.Repository.ListDefinitionsAsync(), Is.Empty, "a rejected deployment stores nothing");
        return e!;
    }

    [Test]
    public async Task Broken_xml_names_the_line()
    {
        var e = await RejectedAsync(Head + "\n<bpmn:process id=\"p\">\n<bpmn:startEvent id=\"s\">\n</bpmn:process></bpmn:definitions>");
        var problem = e.Problems.Single();
        Assert.That(problem.Message, Does.StartWith("The file is not well-formed XML"));
        Assert.That(problem.Line, Is.EqualTo(5));
    }

    [Test]
    public async Task A_root_that_is_not_bpmn_definitions_is_refused()
    {
        var e = await RejectedAsync("<definitions xmlns=\"http://www.omg.org/spec/DMN/20191111/MODEL/\" />");
        Assert.That(e.Problems.Single().Message, Does.Contain("expected <definitions> of BPMN 2.0"));
    }

    [Test]
    public async Task A_sequence_flow_to_a_missing_target_names_the_flow_and_line()
    {
        var e = await RejectedAsync(Process("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="toNowhere" sourceRef="start" targetRef="nowhere" />
            """));
        var problem = e.Problems.Single();
        Assert.That(problem.ElementId, Is.EqualTo("toNowhere"));
        Assert.That(problem.Line, Is.EqualTo(5));
        Assert.That(problem.Message, Is.EqualTo("targetRef 'nowhere' does not name a flow node in the same scope."));
    }

    [Test]
    public async Task A_loop_without_a_wait_state_is_refused()
    {
        var e = await RejectedAsync(Process("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="a" />
            <bpmn:task id="a" />
            <bpmn:sequenceFlow id="f2" sourceRef="a" targetRef="gw" />
            <bpmn:exclusiveGateway id="gw" default="back" />
            <bpmn:sequenceFlow id="back" sourceRef="gw" targetRef="a" />
            <bpmn:sequenceFlow id="out" sourceRef="gw" targetRef="end"><bpmn:conditionExpression>done</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:endEvent id="end" />
            """));
        var problem = e.Problems.Single();
        Assert.That(problem.Message, Does.Contain("The loop a → gw has no wait state"));
        Assert.That(problem.ElementId, Is.EqualTo("a"));
    }

    [Test]
    public async Task The_same_loop_with_a_user_task_is_fine()
    {
        var xml = Process("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="a" />
            <bpmn:userTask id="a" />
            <bpmn:sequenceFlow id="f2" sourceRef="a" targetRef="gw" />
            <bpmn:exclusiveGateway id="gw" default="back" />
            <bpmn:sequenceFlow id="back" sourceRef="gw" targetRef="a" />
            <bpmn:sequenceFlow id="out" sourceRef="gw" targetRef="end"><bpmn:conditionExpression>done</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:endEvent id="end" />
            """);
        var result = await Engine.Repository.DeployAsync("ok", [new DeploymentResource("ok.bpmn", xml)]);
        Assert.That(result.Definitions.Single().Key, Is.EqualTo("p"));
    }

    [Test]
    public async Task An_unknown_FEEL_function_is_named_with_its_column()
    {
        var e = await RejectedAsync(Process("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="gw" />
            <bpmn:exclusiveGateway id="gw" default="f3" />
            <bpmn:sequenceFlow id="f2" sourceRef="gw" targetRef="end"><bpmn:conditionExpression>edad(dni) &gt; 18</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="f3" sourceRef="gw" targetRef="end" />
            <bpmn:endEvent id="end" />
            """));
        var problem = e.Problems.Single();
        Assert.That(problem.ElementId, Is.EqualTo("f2"));
        Assert.That(problem.Line, Is.EqualTo(7));
        Assert.That(problem.Message, Is.EqualTo("Unknown FEEL function 'edad' in the condition of sequence flow 'f2' at column 1."));
    }

    [Test]
    public async Task A_FEEL_syntax_error_gives_the_position_inside_the_expression()
    {
        var e = await RejectedAsync(Process("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="t" />
            <bpmn:userTask id="t" vupe:assignee="=if x then" />
            """));
        var problem = e.Problems.Single();
        Assert.That(problem.ElementId, Is.EqualTo("t"));
        Assert.That(problem.Message, Does.StartWith("Invalid FEEL in vupe:assignee:").And.Contain("column"));
    }

    [Test]
    public async Task Unsupported_elements_are_named()
    {
        var e = await RejectedAsync(Process("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="cx" />
            <bpmn:complexGateway id="cx" />
            """));
        Assert.That(e.Problems.Select(p => p.ToString()), Has.Some.EqualTo("bad.bpmn line 6 element 'cx': <complexGateway> is not supported by the VupeCases engine."));
    }

    [Test]
    public async Task Service_tasks_need_a_type_with_a_registered_handler()
    {
        var e = await RejectedAsync(Process("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="a" />
            <bpmn:serviceTask id="a" />
            <bpmn:sequenceFlow id="f2" sourceRef="a" targetRef="b" />
            <bpmn:serviceTask id="b" vupe:type="reniec.consulta" />
            """));
        Assert.That(e.Problems.Select(p => (p.ElementId, p.Message)), Is.EquivalentTo(new[]
        {
            ("a", "A serviceTask needs vupe:type naming the handler that does its work."),
            ("b", "No handler is registered for task type 'reniec.consulta'."),
        }));
    }

    [Test]
    public async Task Every_problem_of_a_file_is_reported_at_once()
    {
        var e = await RejectedAsync(Process("""
            <bpmn:startEvent id="start" />
            <bpmn:startEvent id="start" />
            <bpmn:boundaryEvent id="b" attachedToRef="ghost"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>una hora</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:eventBasedGateway id="evgw" />
            <bpmn:sequenceFlow id="g1" sourceRef="evgw" targetRef="task" />
            <bpmn:sequenceFlow id="g2" sourceRef="evgw" targetRef="wait" />
            <bpmn:task id="task" />
            """));
        var messages = e.Problems.Select(p => $"{p.ElementId}: {p.Message}").ToList();
        Assert.That(messages, Has.Some.EqualTo("start: Duplicate id 'start'."));
        Assert.That(messages, Has.Some.EqualTo("b: attachedToRef 'ghost' does not name an activity in the same scope."));
        Assert.That(messages, Has.Some.StartsWith("wait: Invalid timer duration 'una hora'"));
        Assert.That(messages, Has.Some.EqualTo("g1: An event-based gateway may only lead to catch events or receive tasks, not to task 'task'."));
    }

    [Test]
    public async Task Validate_reports_the_same_problems_without_deploying()
    {
        var xml = Process("<bpmn:startEvent id=\"s\" /><bpmn:sequenceFlow id=\"f\" sourceRef=\"s\" targetRef=\"x\" />");
        var problems = Engine.Repository.Validate([new DeploymentResource("draft.bpmn", xml)]);
        Assert.That(problems.Single().Message, Is.EqualTo("targetRef 'x' does not name a flow node in the same scope."));
        Assert.That(Engine.Repository.Validate([new DeploymentResource("ok.bpmn", Bpmn("Sequence.UserTask.bpmn"))]), Is.Empty);
        Assert.That(await Engine.Repository.ListDefinitionsAsync(), Is.Empty);
    }

    [Test]
    public async Task Without_a_registered_resource_kind_only_bpmn_files_are_accepted()
    {
        var e = await RejectedAsync("<x/>", "triage.dmn");
        Assert.That(e.Problems.Single().Message, Does.Contain("cannot be deployed").And.Contain("BPMN (.bpmn)"));
    }

    [Test]
    public async Task One_bad_file_rejects_the_good_ones_deployed_with_it()
    {
        var e = await Assert.ThrowsAsync<DeploymentException>(() => Engine.Repository.DeployAsync("mixed",
        [
            new DeploymentResource("good.bpmn", Bpmn("Sequence.UserTask.bpmn")),
            new DeploymentResource("bad.bpmn", Process("<bpmn:startEvent id=\"s\" /><bpmn:sequenceFlow id=\"f\" sourceRef=\"s\" targetRef=\"x\" />")),
        ]));
        Assert.That(e!.Problems.Single().Resource, Is.EqualTo("bad.bpmn"));
        Assert.That(await Engine.Repository.ListDefinitionsAsync(), Is.Empty);
    }
}
