namespace Vupe.Engine.Tests;

public sealed class ExclusiveGatewayTests : EngineTestBase
{
    [TestCase(150, "high")]
    [TestCase(100, "low")]
    [TestCase(5, "low")]
    public async Task Takes_the_first_true_condition_else_the_default_flow(int amount, string expected)
    {
        await DeployAsync("Gateway.ExclusiveDefault.bpmn");
        var instance = await StartAsync("xor", new { amount });
        await AssertActiveAtAsync(instance.Id, expected);
    }

    [Test]
    public async Task No_true_condition_and_no_default_stops_at_the_gateway_with_an_incident()
    {
        await DeployAsync("Gateway.ExclusiveNoMatch.bpmn");
        var instance = await StartAsync("xorNoMatch", new { amount = 50 });

        await AssertActiveAtAsync(instance.Id, "gw");
        var incident = (await Engine.Management.ListIncidentsAsync(instance.Id)).Single();
        Assert.That(incident.Kind, Is.EqualTo(IncidentKind.ConditionError));
        Assert.That(incident.ElementId, Is.EqualTo("gw"));
        Assert.That(incident.Message, Does.Contain("no default flow"));

        // The operator corrects the data and retries: the token moves on.
        await Engine.Runtime.SetVariablesAsync(instance.Id, new Dictionary<string, object?> { ["amount"] = 500 });
        await Engine.Management.ResolveIncidentAsync(incident.Id);
        await AssertActiveAtAsync(instance.Id, "a");
        Assert.That(await Engine.Management.ListIncidentsAsync(instance.Id), Is.Empty);
    }

    [Test]
    public async Task A_condition_on_a_missing_variable_is_an_incident_naming_the_flow_not_a_silent_false()
    {
        await DeployAsync("Mappings.Condition.bpmn");
        var instance = await StartAsync("badCondition");
        var incident = (await Engine.Management.ListIncidentsAsync(instance.Id)).Single();
        Assert.That(incident.Message, Does.Contain("toHigh").And.Contain("amount > 100").And.Contain("null"));
    }
}

public sealed class ParallelGatewayTests : EngineTestBase
{
    [Test]
    public async Task Join_waits_for_every_branch_and_works_again_on_each_loop_round()
    {
        await DeployAsync("Gateway.ParallelLoop.bpmn");
        var instance = await StartAsync("parLoop", new { repeat = true });

        for (var round = 1; round <= 3; round++)
        {
            // The service branch has already reached the join; the join waits for the user task.
            await AssertActiveAtAsync(instance.Id, "b", "join");
            await CompleteTaskAsync(instance.Id, "b");
            await AssertActiveAtAsync(instance.Id, "check");
            await CompleteTaskAsync(instance.Id, "check", new { repeat = round < 3 });
        }

        await AssertCompletedAsync(instance.Id);
        Assert.That(HandlerCalls, Has.Count.EqualTo(3));
        Assert.That((await CompletedElementsAsync(instance.Id)).Count(e => e == "join"), Is.EqualTo(3));
    }
}

public sealed class InclusiveGatewayTests : EngineTestBase
{
    [Test]
    public async Task Join_waits_only_for_the_branches_that_were_taken()
    {
        await DeployAsync("Gateway.InclusiveJoin.bpmn");
        var instance = await StartAsync("orJoin", new { x = 2, y = 2 });
        await AssertActiveAtAsync(instance.Id, "a", "b");

        await CompleteTaskAsync(instance.Id, "a");
        // a's token waits at the join: b's branch (now at bPrime) can still reach it.
        await AssertActiveAtAsync(instance.Id, "b", "join");
        await CompleteTaskAsync(instance.Id, "b");
        await AssertActiveAtAsync(instance.Id, "bPrime", "join");
        await CompleteTaskAsync(instance.Id, "bPrime");
        await AssertActiveAtAsync(instance.Id, "after");
    }

    [Test]
    public async Task Join_fires_at_once_when_a_single_branch_was_taken()
    {
        await DeployAsync("Gateway.InclusiveJoin.bpmn");
        var instance = await StartAsync("orJoin", new { x = 2, y = 0 });
        await CompleteTaskAsync(instance.Id, "a");
        await AssertActiveAtAsync(instance.Id, "after");
    }

    [Test]
    public async Task Default_flow_is_taken_when_no_condition_holds()
    {
        await DeployAsync("Gateway.InclusiveJoin.bpmn");
        var instance = await StartAsync("orJoin", new { x = 0, y = 0 });
        await AssertActiveAtAsync(instance.Id, "after");
        Assert.That(HandlerCalls, Is.EqualTo(new[] { "c" }));
    }
}

public sealed class EventBasedGatewayTests : EngineTestBase
{
    [Test]
    public async Task The_message_wins_when_it_comes_first_and_the_timer_is_cancelled()
    {
        await DeployAsync("Gateway.EventBased.bpmn");
        var instance = await StartAsync("evGw", new { caseRef = "C-1" });
        await AssertActiveAtAsync(instance.Id, "gw");

        var result = await Engine.Runtime.CorrelateMessageAsync("approved", "C-1", new Dictionary<string, object?> { ["approvedBy"] = "jefe" });
        Assert.That(result.DeliveredTo, Is.EqualTo(new[] { instance.Id }));
        await AssertActiveAtAsync(instance.Id, "deliver");
        Assert.That(await Engine.Management.ListJobsAsync(instance.Id), Is.Empty);
        Assert.That((await Engine.Runtime.GetVariablesAsync(instance.Id))["approvedBy"], Is.EqualTo("jefe"));
    }

    [Test]
    public async Task The_timer_wins_when_no_message_comes()
    {
        await DeployAsync("Gateway.EventBased.bpmn");
        var instance = await StartAsync("evGw", new { caseRef = "C-2" });
        await AdvanceAsync(TimeSpan.FromMinutes(59));
        await AssertActiveAtAsync(instance.Id, "gw");
        await AdvanceAsync(TimeSpan.FromMinutes(1));
        await AssertCompletedAsync(instance.Id);
        Assert.That(await CompletedElementsAsync(instance.Id), Does.Contain("expired").And.Contain("lapsed"));
        // The message subscription went with the gateway: a late message is buffered, not delivered.
        var late = await Engine.Runtime.CorrelateMessageAsync("approved", "C-2");
        Assert.That(late.Buffered, Is.True);
    }
}
