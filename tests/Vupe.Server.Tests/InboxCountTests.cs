using System.Security.Claims;
using Vupe.Engine;
using Vupe.Server.Auth;
using Vupe.Server.Inbox;

namespace Vupe.Server.Tests;

/// <summary>The inbox total is exact up to the count limit and says so when it stops there (docs/benchmarks.md, Inbox).</summary>
public sealed class InboxCountTests
{
    private const string Process = """
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:vupe="http://vupecases.pe/schema/bpmn/1.0" id="d" targetNamespace="t">
          <bpmn:process id="atencion" isExecutable="true">
            <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t1" />
            <bpmn:userTask id="t1" vupe:candidateGroups="=officeCode + &quot;-consultor&quot;" vupe:dueDate="P2D" />
            <bpmn:sequenceFlow id="f2" sourceRef="t1" targetRef="e" /><bpmn:endEvent id="e" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Test]
    public async Task The_total_is_exact_up_to_the_limit_and_capped_above_it()
    {
        await using var engine = await new ProcessEngineBuilder().UseInMemoryStore().BuildAsync();
        await engine.Repository.DeployAsync("t", [new DeploymentResource("atencion.bpmn", Process)]);
        for (var i = 0; i < 3; i++) await engine.Runtime.StartProcessAsync(new StartProcessRequest { ProcessKey = "atencion", OfficeCode = "CUS" });
        await engine.Runtime.StartProcessAsync(new StartProcessRequest { ProcessKey = "atencion", OfficeCode = "LIM" });
        var user = UserScope.From(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, "1"), new Claim(ClaimTypes.Name, "consultor.cus"), new Claim(ClaimTypes.Role, Roles.Consultant), new Claim(VupeClaims.Office, "CUS")], "test")));
        var filter = InboxQuery.Build(user, InboxView.Available, null, null, null, null, page: 1, pageSize: 2, DateTimeOffset.UtcNow, TimeSpan.FromDays(1));

        var exact = await InboxQuery.RunAsync(engine, filter, countLimit: 3);
        Assert.That((exact.Items.Count, exact.Total, exact.TotalIsCapped), Is.EqualTo((2, 3, false)), "three tasks and a limit of three: exact");
        var capped = await InboxQuery.RunAsync(engine, filter, countLimit: 2);
        Assert.That((capped.Items.Count, capped.Total, capped.TotalIsCapped), Is.EqualTo((2, 2, true)), "more than two: two, capped");
        var roomy = await InboxQuery.RunAsync(engine, filter with { Skip = 2 }, countLimit: 10_000);
        Assert.That((roomy.Items.Count, roomy.Total, roomy.TotalIsCapped), Is.EqualTo((1, 3, false)), "the total ignores the page");
    }
}
