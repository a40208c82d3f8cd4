using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Vupe.Engine;

namespace Vupe.Server.Tests;

/// <summary>
/// The bolsa-trabajo procedure through the public API, on a controlled clock: profile and consent checked, vacancies of
/// every region recommended with reasons, referral, the company's answer, the placement in the ficha, the 30-day follow-up.
/// </summary>
public sealed class JobBankProcedureTests : ServerTestBase
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    protected override void ConfigureServices(VupeServerFactory factory) =>
        factory.ServiceChanges = services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(_clock));

    [Test]
    public async Task A_seeker_is_referred_hired_recorded_in_the_ficha_and_followed_up_after_30_days()
    {
        var lima = await As("consultor.lim");
        var company = await lima.PostAsJsonAsync("/api/parties/companies", new { ruc = "20512333797", legalName = "Logística Andina SAC" });
        Assert.That(company.StatusCode, Is.EqualTo(HttpStatusCode.Created), await company.Content.ReadAsStringAsync());
        var companyId = (await company.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var vacancy = await lima.PostAsJsonAsync("/api/vacancies", new
        {
            companyPartyId = companyId, title = "Operario de almacén", description = "Recepción y despacho", occupationCode = "4321", ubigeo = "070101",
            minEducation = "secundaria", positions = 2, closingDate = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime).AddDays(20),
        });
        Assert.That(vacancy.StatusCode, Is.EqualTo(HttpStatusCode.Created), await vacancy.Content.ReadAsStringAsync());
        var vacancyId = (await vacancy.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var person = await CreatePersonAsync();
        var partyId = person.GetProperty("id").GetGuid();
        (await lima.PutAsJsonAsync($"/api/parties/{partyId}/ficha", new
        {
            version = person.GetProperty("version").GetInt64(), ubigeo = "150135",
            education = new[] { new { level = "secundaria", completed = true } },
        })).EnsureSuccessStatusCode();

        var opened = await lima.PostAsJsonAsync("/api/cases", new { partyId, procedure = "bolsa-trabajo" });
        Assert.That(opened.StatusCode, Is.EqualTo(HttpStatusCode.Created), await opened.Content.ReadAsStringAsync());
        var caseId = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // No profile, no consent: the consultant is told what is missing.
        var missing = await lima.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        Assert.That(missing.GetProperty("variables").GetProperty("perfilFaltante").GetString(), Does.Contain("perfil de búsqueda"));
        (await lima.PutAsJsonAsync($"/api/parties/{partyId}/jobseeker", new { occupations = new[] { "4321" }, mobility = "Region" })).EnsureSuccessStatusCode();
        (await lima.PostAsJsonAsync($"/api/parties/{partyId}/consents", new { purpose = "intermediacion-laboral", granted = true, channel = "escrito" })).EnsureSuccessStatusCode();
        await CompleteStepAsync(lima, caseId, "completarPerfil", new { perfilCompletado = true });

        var offered = await lima.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        var options = offered.GetProperty("variables").GetProperty("vacantesRecomendadas").EnumerateArray().ToList();
        var option = options.Single(o => o.GetProperty("value").GetString() == vacancyId.ToString());
        Assert.That(option.GetProperty("label").GetString(), Does.Contain("Operario de almacén").And.Contain("Logística Andina SAC").And.Contain("Callao"));

        await CompleteStepAsync(lima, caseId, "elegirVacantes", new { vacantesSeleccionadas = new[] { vacancyId.ToString() }, siguientePaso = "derivar" });
        var referrals = await lima.GetFromJsonAsync<JsonElement>($"/api/parties/{partyId}/referrals");
        Assert.That(referrals.EnumerateArray().Single().GetProperty("caseId").GetGuid(), Is.EqualTo(caseId));

        await CompleteStepAsync(lima, caseId, "respuestaEmpresa", new { respuestaEmpresa = "contratado", fechaInicio = "2027-01-04" });
        referrals = await lima.GetFromJsonAsync<JsonElement>($"/api/parties/{partyId}/referrals");
        Assert.That(referrals.EnumerateArray().Single().GetProperty("statusName").GetString(), Is.EqualTo("Contratado"));
        var filled = await lima.GetFromJsonAsync<JsonElement>($"/api/vacancies/{vacancyId}");
        Assert.That(filled.GetProperty("positionsFilled").GetInt32(), Is.EqualTo(1));
        Assert.That(filled.GetProperty("status").GetString(), Is.EqualTo("Open"), "one of two positions filled");

        var history = await lima.GetFromJsonAsync<JsonElement>($"/api/parties/{partyId}/history");
        var entry = history.EnumerateArray().Single(h => h.GetProperty("caseId").GetGuid() == caseId);
        Assert.That(entry.GetProperty("outcome").GetString(), Is.EqualTo("colocado"));

        // Thirty days later the follow-up asks whether the person still works there.
        var engine = Factory.Services.GetRequiredService<ProcessEngine>();
        var instanceId = (await engine.Runtime.ListInstancesAsync(caseId)).Single().Id;
        var timer = (await engine.Management.ListJobsAsync(instanceId)).Single(j => j.ElementId == "esperar30");
        Assert.That(await engine.Management.ExecuteJobAsync(timer.Id), Is.False, "not due yet");
        _clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));
        Assert.That(await engine.Management.ExecuteJobAsync(timer.Id), Is.True);
        var relogged = await Factory.ClientForAsync("consultor.lim"); // the clock moved past the earlier token's expiry
        await CompleteStepAsync(relogged, caseId, "seguimiento30", new { resultadoSeguimiento = "sigue-trabajando" });
        var waiting = (await engine.Management.ListJobsAsync(instanceId)).Select(j => j.ElementId);
        Assert.That(waiting, Does.Contain("esperar90"));
    }
}
