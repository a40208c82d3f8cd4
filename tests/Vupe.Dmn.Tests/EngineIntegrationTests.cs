using Vupe.Engine;
using Vupe.Engine.Persistence;

namespace Vupe.Dmn.Tests;

/// <summary>A BPMN business rule task evaluated by <see cref="DmnDecisionEvaluator"/> in a real (in-memory) engine.</summary>
public sealed class EngineIntegrationTests
{
    private const string Process = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:vupe="http://vupecases.pe/schema/bpmn/1.0" id="defs" targetNamespace="http://vupecases.pe/test">
          <bpmn:process id="decide" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="rule" />
            <bpmn:businessRuleTask id="rule" vupe:decisionRef="triage" vupe:resultVariable="recommendation" />
            <bpmn:sequenceFlow id="f2" sourceRef="rule" targetRef="gw" />
            <bpmn:exclusiveGateway id="gw" default="other" />
            <bpmn:sequenceFlow id="toCul" sourceRef="gw" targetRef="cul">
              <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">recommendation = "CUL"</bpmn:conditionExpression>
            </bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="other" sourceRef="gw" targetRef="end" />
            <bpmn:userTask id="cul" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static readonly string Triage = DmnXml.Definitions("""
        <inputData id="i_needs" name="needsCertificate"><variable name="needsCertificate" typeRef="boolean"/></inputData>
        <inputData id="i_age" name="age"><variable name="age" typeRef="number"/></inputData>
        <decision id="triage" name="Triage"><variable name="Triage" typeRef="string"/>
          <informationRequirement><requiredInput href="#i_needs"/></informationRequirement>
          <informationRequirement><requiredInput href="#i_age"/></informationRequirement>
          <decisionTable hitPolicy="UNIQUE">
            <input label="Needs a CUL"><inputExpression typeRef="boolean"><text>needsCertificate</text></inputExpression></input>
            <input label="Age"><inputExpression typeRef="number"><text>age</text></inputExpression></input>
            <output name="service" typeRef="string"/>
            <rule id="cul"><inputEntry><text>true</text></inputEntry><inputEntry><text>&gt;= 18</text></inputEntry><outputEntry><text>"CUL"</text></outputEntry></rule>
            <rule id="bolsa"><inputEntry><text>false</text></inputEntry><inputEntry><text>&gt;= 18</text></inputEntry><outputEntry><text>"bolsa"</text></outputEntry></rule>
            <rule id="minor"><inputEntry><text>-</text></inputEntry><inputEntry><text>&lt; 18</text></inputEntry><outputEntry><text>"orientación vocacional"</text></outputEntry></rule>
          </decisionTable>
        </decision>
        """);

    [Test]
    public async Task A_business_rule_task_runs_a_dmn_table_and_keeps_the_explanation_in_the_history()
    {
        await using var engine = await new ProcessEngineBuilder()
            .UseInMemoryStore()
            .UseDecisionEvaluator(new DmnDecisionEvaluator([Triage]))
            .BuildAsync();
        await engine.Repository.DeployAsync("test", [new DeploymentResource("decide.bpmn", Process)]);

        var instance = await engine.Runtime.StartProcessAsync(new StartProcessRequest
        {
            ProcessKey = "decide",
            Variables = new Dictionary<string, object?> { ["needsCertificate"] = true, ["age"] = 30 },
        });

        Assert.That((await engine.Runtime.GetInstanceAsync(instance.Id)).ActiveElementIds, Is.EqualTo(new[] { "cul" }));
        Assert.That((await engine.Runtime.GetVariablesAsync(instance.Id))["recommendation"], Is.EqualTo("CUL"));
        var evaluated = (await engine.History.ForInstanceAsync(instance.Id)).Single(h => h.EventType == HistoryEventTypes.DecisionEvaluated);
        Assert.That(evaluated.Details, Does.Contain("\"decisionRef\":\"triage\"")
            .And.Contain("\"matchedRules\":[1]")
            .And.Contain("\"matchedRuleIds\":[\"cul\"]")
            .And.Contain("\"input\":\"Needs a CUL\",\"value\":true"));
    }

    [Test]
    public async Task A_decision_error_stops_the_task_with_an_incident_naming_the_problem()
    {
        await using var engine = await new ProcessEngineBuilder()
            .UseInMemoryStore()
            .UseDecisionEvaluator(new DmnDecisionEvaluator([Triage]))
            .BuildAsync();
        await engine.Repository.DeployAsync("test", [new DeploymentResource("decide.bpmn", Process)]);

        var instance = await engine.Runtime.StartProcessAsync(new StartProcessRequest
        {
            ProcessKey = "decide",
            Variables = new Dictionary<string, object?> { ["needsCertificate"] = "yes", ["age"] = 30 },
        });

        var incident = (await engine.Management.ListIncidentsAsync(instance.Id)).Single();
        Assert.That(incident.Kind, Is.EqualTo(IncidentKind.DecisionError));
        Assert.That(incident.Message, Does.Contain("Input data 'needsCertificate' does not conform to its type 'boolean'"));
    }

    [Test]
    public async Task The_evaluator_looks_decisions_up_by_id_and_returns_the_explanation()
    {
        var evaluator = new DmnDecisionEvaluator([Triage]);
        var result = await evaluator.EvaluateAsync("triage", new Dictionary<string, object?> { ["needsCertificate"] = false, ["age"] = 15 }, CancellationToken.None);
        Assert.That(result.Value, Is.EqualTo("orientación vocacional"));
        Assert.That(((DmnExplanation)result.Explanation!).MatchedRules, Is.EqualTo(new[] { 3 }));
        await Assert.ThrowsAsync<DmnEvaluationException>(async () => await evaluator.EvaluateAsync("nope", new Dictionary<string, object?>(), CancellationToken.None));
    }

    [Test]
    public void A_broken_file_is_rejected_when_the_evaluator_is_built()
    {
        Assert.Throws<DmnModelException>(() => _ = new DmnDecisionEvaluator([Triage.Replace("&gt;= 18", "&gt;=", StringComparison.Ordinal)]));
    }
}
