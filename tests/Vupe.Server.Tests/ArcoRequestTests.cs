using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vupe.Connectors;
using Vupe.Engine;
using Vupe.Engine.Persistence;
using Vupe.Server.Data;
using Vupe.Server.Documents;
using Vupe.Server.Tests.Portal;
using Vupe.Workflows;

namespace Vupe.Server.Tests;

/// <summary>
/// An ARCO request from Mi VUPE: filed for the citizen's own ficha (the ficha held meanwhile), answered by the
/// data-protection officer from the inbox, the answer shown to the citizen and to nobody else, the hold lifted.
/// </summary>
public sealed class ArcoRequestTests : ServerTestBase
{
    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Vupe:CitizenRequestsPerMinute"] = "1000";
        settings["Vupe:CitizenRequestsPerDniPerHour"] = "50";
    }

    private async Task<Guid> PartyOfAsync(CitizenIdentity citizen)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<VupeDbContext>().CitizenAccounts.Where(a => a.Dni == citizen.Dni).Select(a => a.PartyId).SingleAsync();
    }

    private async Task<List<RecordHold>> ArcoHoldsAsync(Guid partyId)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<VupeDbContext>().RecordHolds.AsNoTracking()
            .Where(h => h.Target == HoldTarget.Party && h.TargetId == partyId && h.Kind == HoldKind.Arco).ToListAsync();
    }

    [Test]
    public async Task A_citizen_files_a_rectification_the_data_protection_officer_answers_and_only_that_citizen_reads_the_answer()
    {
        var (owner, other) = (Citizen(c => c.Status == IdentityStatus.Valid), Citizen(c => c.Status == IdentityStatus.Valid));
        using var browser = await PortalCitizens.SignUpAsync(Factory, owner);
        using var stranger = await PortalCitizens.SignUpAsync(Factory, other);
        var partyId = await PartyOfAsync(owner);

        await browser.GetAsync("/mi-vupe/arco");
        var refused = await browser.PostFormAsync("/mi-vupe/arco", new() { ["Right"] = "portabilidad", ["Detail"] = "" });
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(browser.Html, Does.Contain("Elija el derecho que quiere ejercer."));

        var filed = await browser.PostFormAsync("/mi-vupe/arco", new() { ["Right"] = "rectificacion", ["Detail"] = "Mi segundo apellido se escribe Ñaupari." });
        Assert.That(filed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), browser.Html);
        var caseNumber = Uri.UnescapeDataString(filed.Headers.Location!.OriginalString.Split("presentada=")[1]);
        await browser.GetAsync(filed.Headers.Location!.OriginalString);
        Assert.That(browser.Html, Does.Contain(caseNumber).And.Contain("En atención").And.Contain("Rectificación de mis datos"));

        var engine = Factory.Services.GetRequiredService<ProcessEngine>();
        var arco = (await engine.Cases.QueryAsync(new CaseFilter { SubjectId = partyId.ToString(), ProcessKey = VupeProcesses.ArcoRequest })).Single();
        Assert.That((arco.CaseNumber, arco.OfficeCode), Is.EqualTo((caseNumber, "LIM")));
        var holds = await ArcoHoldsAsync(partyId);
        Assert.That(holds.Single().Active, Is.True, "the ficha is held while the request is open");

        // Only the data-protection group may take it: a LIM consultant outside the group is refused.
        var task = await FirstTaskOfCaseAsync(arco.Id);
        Assert.That(task.GetProperty("elementId").GetString(), Is.EqualTo("atender"));
        var consultant = await As("consultor.lim");
        Assert.That((await consultant.PostAsync($"/api/tasks/{task.GetProperty("id").GetGuid()}/claim", null)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        var officer = await As("proteccion.lim");
        var available = await officer.GetFromJsonAsync<JsonElement>("/api/tasks?view=available&pageSize=200");
        Assert.That(available.GetRawText(), Does.Contain(task.GetProperty("id").GetGuid().ToString()), "the officer's inbox offers it");
        await CompleteStepAsync(officer, arco.Id, "atender", new { decisionArco = "procedente", respuestaArco = "Corregimos su segundo apellido en la ficha." });

        Assert.That((await engine.Cases.GetAsync(arco.Id)).Status, Is.EqualTo(CaseStatus.Closed));
        Assert.That((await ArcoHoldsAsync(partyId)).Single().Active, Is.False, "answered: the hold is lifted");
        await browser.GetAsync("/mi-vupe/arco");
        Assert.That(browser.Html, Does.Contain("Respondida").And.Contain("Procedente").And.Contain("Corregimos su segundo apellido en la ficha."));
        await stranger.GetAsync("/mi-vupe/arco");
        Assert.That(stranger.Html, Does.Not.Contain(caseNumber).And.Not.Contain("Corregimos su segundo apellido"));
    }
}
