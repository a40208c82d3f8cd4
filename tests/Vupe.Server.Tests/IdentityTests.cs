using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Vupe.Connectors;
using Vupe.Connectors.Simulation;

namespace Vupe.Server.Tests;

/// <summary>
/// Issue 13, item 4: a ficha's identity is checked against RENIEC when it is registered by DNI, and again by the CUL
/// before anything is signed — a ficha for one person never gets a certificate in another's name.
/// </summary>
public sealed class IdentityTests : ServerTestBase
{
    private SimulatorControl Reniec => Factory.Services.GetRequiredService<SimulatorControl>();

    [Test]
    public async Task Registering_a_ficha_whose_names_or_birth_date_disagree_with_RENIEC_is_refused_naming_the_fields()
    {
        var client = await As("consultor.lim");
        var citizen = Citizen();
        var response = await client.PostAsJsonAsync("/api/parties/persons", new
        {
            documentType = "Dni", documentNumber = citizen.Dni, givenNames = "Carmen Rosa", paternalSurname = citizen.PaternalSurname.ToUpperInvariant(),
            maternalSurname = citizen.MaternalSurname, birthDate = new DateOnly(1990, 5, 14),
        });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await ProblemOf(response);
        Assert.That(problem.GetProperty("title").GetString(), Is.EqualTo("Los datos no coinciden con RENIEC: nombres, fecha de nacimiento."));
        var errors = problem.GetProperty("errors");
        Assert.That(errors.GetProperty("givenNames")[0].GetString(), Does.StartWith("No coincide con RENIEC").And.Contain(citizen.GivenNames));
        Assert.That(errors.TryGetProperty("birthDate", out _), Is.True);
        Assert.That(errors.TryGetProperty("paternalSurname", out _), Is.False, "capitals are no disagreement");
        Assert.That((await client.GetFromJsonAsync<JsonElement>($"/api/parties?document={citizen.Dni}")).GetArrayLength(), Is.Zero, "nothing was stored");
    }

    [Test]
    public async Task Registering_by_DNI_alone_takes_the_names_and_birth_date_from_RENIEC()
    {
        var client = await As("consultor.lim");
        var citizen = Citizen();
        var response = await client.PostAsJsonAsync("/api/parties/persons", new { documentType = "Dni", documentNumber = citizen.Dni });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var party = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(party.GetProperty("displayName").GetString(), Is.EqualTo(citizen.FullName));
        var person = party.GetProperty("person");
        Assert.That(person.GetProperty("birthDate").GetString(), Is.EqualTo(citizen.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(person.GetProperty("identityVerifiedAt").ValueKind, Is.EqualTo(JsonValueKind.String));
        Assert.That(party.GetProperty("identityNotice").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [TestCase(SimulatedDnis.NotInReniec, "no tiene registrado")]
    [TestCase(SimulatedDnis.Deceased, "fallecido")]
    [TestCase(SimulatedDnis.Cancelled, "cancelada")]
    public async Task A_DNI_RENIEC_does_not_validate_cannot_be_registered(string dni, string reason)
    {
        var response = await (await As("consultor.lim")).PostAsJsonAsync("/api/parties/persons", new { documentType = "Dni", documentNumber = dni });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ProblemOf(response)).GetProperty("errors").GetProperty("documentNumber")[0].GetString(), Does.Contain(reason));
    }

    [Test]
    public async Task While_RENIEC_is_down_a_ficha_is_registered_as_not_verified_and_says_so()
    {
        var client = await As("consultor.lim");
        Reniec.SetDown(ConnectorNames.Identity);
        try
        {
            var withoutNames = await client.PostAsJsonAsync("/api/parties/persons", new { documentType = "Dni", documentNumber = NewDni() });
            Assert.That(withoutNames.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((await ProblemOf(withoutNames)).GetProperty("errors").GetProperty("givenNames")[0].GetString(), Does.Contain("RENIEC no responde"));

            var response = await client.PostAsJsonAsync("/api/parties/persons", new
            {
                documentType = "Dni", documentNumber = NewDni(), givenNames = "Carmen Rosa", paternalSurname = "Huarcaya", maternalSurname = "Ñaupari",
                birthDate = new DateOnly(1990, 5, 14),
            });
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
            var party = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.That(party.GetProperty("identityNotice").GetString(), Does.StartWith("Identidad no verificada"));
            Assert.That(party.GetProperty("person").GetProperty("identityVerifiedAt").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Reniec.SetUp(ConnectorNames.Identity);
            Assert.That(await client.GetStringAsync($"/atender/ficha/{party.GetProperty("id").GetGuid()}"), Does.Contain("Identidad no verificada"));
        }
        finally
        {
            Reniec.SetUp(ConnectorNames.Identity);
        }
    }

    [Test]
    public async Task A_ficha_registered_while_RENIEC_was_down_is_verified_later_naming_what_disagrees_or_taking_RENIECs_data()
    {
        var client = await As("consultor.lim");
        var dni = NewDni();
        var reniecSays = Vupe.Connectors.Simulation.SimulatedPopulation.Find(dni).Identity!;
        Reniec.SetDown(ConnectorNames.Identity);
        JsonElement party;
        try
        {
            var response = await client.PostAsJsonAsync("/api/parties/persons", new
            {
                documentType = "Dni", documentNumber = dni, givenNames = "Carmen Rosa", paternalSurname = "Huarcaya", maternalSurname = "Ñaupari",
                birthDate = new DateOnly(1990, 5, 14),
            });
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
            party = await response.Content.ReadFromJsonAsync<JsonElement>();
        }
        finally
        {
            Reniec.SetUp(ConnectorNames.Identity);
        }
        var id = party.GetProperty("id").GetGuid();

        var refused = await client.PostAsJsonAsync($"/api/parties/{id}/identity/verify", new { version = party.GetProperty("version").GetInt64() });
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await ProblemOf(refused);
        Assert.That(problem.GetProperty("title").GetString(), Does.Contain("no coinciden con RENIEC"));
        Assert.That(problem.GetProperty("errors").GetProperty("givenNames")[0].GetString(), Does.Contain(reniecSays.GivenNames));
        var unchanged = await client.GetFromJsonAsync<JsonElement>($"/api/parties/{id}");
        Assert.That(unchanged.GetProperty("displayName").GetString(), Does.StartWith("Carmen Rosa"), "a refusal changes nothing");

        var adopted = await client.PostAsJsonAsync($"/api/parties/{id}/identity/verify", new { version = party.GetProperty("version").GetInt64(), adoptReniec = true });
        Assert.That(adopted.StatusCode, Is.EqualTo(HttpStatusCode.OK), await adopted.Content.ReadAsStringAsync());
        var verified = await adopted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(verified.GetProperty("person").GetProperty("givenNames").GetString(), Is.EqualTo(reniecSays.GivenNames));
        Assert.That(verified.GetProperty("person").GetProperty("birthDate").GetString(), Is.EqualTo(reniecSays.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(verified.GetProperty("identityNotice").ValueKind, Is.EqualTo(JsonValueKind.Null), "verified now");
        var stale = await client.PostAsJsonAsync($"/api/parties/{id}/identity/verify", new { version = party.GetProperty("version").GetInt64() });
        Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "an old version is refused");
        var trail = await (await As("auditor")).GetFromJsonAsync<JsonElement>($"/api/parties/{id}/audit");
        Assert.That(trail.EnumerateArray().Select(e => e.GetProperty("action").GetString()), Does.Contain("party.identity.verified"));
    }

    [Test]
    public async Task A_CUL_for_a_ficha_that_disagrees_with_RENIEC_is_not_issued_and_the_case_shows_the_observation()
    {
        var client = await As("consultor.lim");
        // Someone RENIEC will then contradict on every datum below (the simulated population has Juliáns too).
        var citizen = Citizen(c => c.GivenNames != "Julián" && c.PaternalSurname != "Ramírez" && c.MaternalSurname != "Huamán" && c.BirthDate != new DateOnly(1965, 6, 3));
        var partyId = (await CreatePersonAsync(dni: citizen.Dni)).GetProperty("id").GetGuid();
        // RENIEC's answer changes after the ficha was made (the tester's case: the DNI is someone else's).
        Reniec.SetIdentity(citizen.Dni, citizen with { GivenNames = "Julián", PaternalSurname = "Ramírez", MaternalSurname = "Huamán", BirthDate = new DateOnly(1965, 6, 3) });

        var caseId = (await OpenCaseAsync(partyId: partyId, procedure: "certificado-unico-laboral")).GetProperty("id").GetGuid();

        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        Assert.That(detail.GetProperty("documents").GetArrayLength(), Is.Zero, "no signed PDF");
        Assert.That((await client.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/certificates")).GetArrayLength(), Is.Zero, "no certificate");
        Assert.That(detail.GetProperty("variables").GetProperty("identidadValidada").GetBoolean(), Is.False);
        var observation = detail.GetProperty("variables").GetProperty("observacionIdentidad").GetString();
        Assert.That(observation, Does.Contain("no coinciden con los de RENIEC").And.Contain("RENIEC: «Julián»").And.Contain("RENIEC: 03/06/1965"));
        var task = detail.GetProperty("tasks").EnumerateArray().Single();
        Assert.That(task.GetProperty("name").GetString(), Is.EqualTo("Revisar observación de identidad"));
        var page = await client.GetStringAsync($"/expedientes/{caseId}");
        Assert.That(page, Does.Contain("Observación de identidad").And.Contain("«Julián»"));

        // The consultant closes it without issuing.
        var taskId = task.GetProperty("id").GetGuid();
        (await client.PostAsync($"/api/tasks/{taskId}/claim", null)).EnsureSuccessStatusCode();
        var completed = await client.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { data = new { decisionIdentidad = "cerrar" } });
        Assert.That(completed.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await completed.Content.ReadAsStringAsync());
        Assert.That(await client.GetStringAsync($"/expedientes/{caseId}"), Does.Contain("Ana Quispe Mamani (consultor.lim) tomó la tarea «Revisar observación de identidad»"),
            "the case history names the consultant");
        var closed = await client.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        Assert.That(closed.GetProperty("case").GetProperty("status").GetString(), Is.EqualTo("Closed"));
        Assert.That(closed.GetProperty("documents").GetArrayLength(), Is.Zero);
        Assert.That((await client.GetFromJsonAsync<JsonElement>($"/api/parties/{partyId}/documents")).GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task A_CUL_for_a_DNI_RENIEC_no_longer_validates_ends_unissued_with_the_reason_on_the_case()
    {
        var client = await As("consultor.lim");
        var citizen = Citizen();
        var partyId = (await CreatePersonAsync(dni: citizen.Dni)).GetProperty("id").GetGuid();
        Reniec.SetIdentity(citizen.Dni, citizen with { Status = IdentityStatus.Deceased });

        var caseId = (await OpenCaseAsync(partyId: partyId, procedure: "certificado-unico-laboral")).GetProperty("id").GetGuid();

        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        Assert.That(detail.GetProperty("case").GetProperty("status").GetString(), Is.EqualTo("Closed"));
        Assert.That(detail.GetProperty("documents").GetArrayLength(), Is.Zero);
        Assert.That(detail.GetProperty("variables").GetProperty("observacionIdentidad").GetString(), Does.Contain("fallecido"));
        Assert.That(await client.GetStringAsync($"/expedientes/{caseId}"), Does.Contain("Observación de identidad").And.Contain("fallecido"));
    }
}
