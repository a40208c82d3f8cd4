using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Vupe.Server.Tests;

/// <summary>Bad input gets a specific field-level 400 (or 409/413) and changes nothing.</summary>
[TestFixture(TestStore.Sqlite)]
[TestFixture(TestStore.Postgres)]
public sealed class BadInputTests(TestStore store) : ServerTestBase(store)
{
    private static async Task<JsonElement> ErrorsOf(HttpResponseMessage response)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await response.Content.ReadAsStringAsync());
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
    }

    [Test]
    public async Task A_DNI_with_the_wrong_check_character_is_rejected_on_its_field()
    {
        var client = await As("consultor.lim");
        var response = await client.PostAsJsonAsync("/api/parties/persons", new
        {
            documentType = "Dni", documentNumber = "10117410", checkCharacter = "K", givenNames = "Ana", paternalSurname = "Soto", birthDate = "1990-01-01",
        });
        var errors = await ErrorsOf(response);
        Assert.That(errors.GetProperty("documentNumber")[0].GetString(), Is.EqualTo("El carácter de verificación no corresponde al DNI."));
        var search = await client.GetFromJsonAsync<JsonElement>("/api/parties?document=10117410");
        Assert.That(search.GetArrayLength(), Is.Zero, "nothing was stored");
    }

    [Test]
    public async Task Empty_names_a_future_birth_date_and_a_bad_email_are_each_reported()
    {
        var client = await As("consultor.lim");
        var tomorrow = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var errors = await ErrorsOf(await client.PostAsJsonAsync("/api/parties/persons", new
        {
            // A carné de extranjería: RENIEC does not know it, so the names are required (with a DNI, blank names are taken from RENIEC).
            documentType = "CarneExtranjeria", documentNumber = "001234567", givenNames = "  ", paternalSurname = "Soto", birthDate = tomorrow, email = "no-es-correo",
        }));
        Assert.That(errors.GetProperty("givenNames")[0].GetString(), Is.EqualTo("Este campo es obligatorio."));
        Assert.That(errors.GetProperty("birthDate")[0].GetString(), Is.EqualTo("La fecha de nacimiento no puede ser futura."));
        Assert.That(errors.GetProperty("email")[0].GetString(), Is.EqualTo("Correo electrónico no válido."));
        Assert.That(errors.TryGetProperty("paternalSurname", out _), Is.False);
    }

    [Test]
    public async Task A_RUC_with_a_bad_check_digit_and_an_unknown_document_type_are_rejected()
    {
        var client = await As("consultor.lim");
        var errors = await ErrorsOf(await client.PostAsJsonAsync("/api/parties/companies", new { ruc = "20512333798", legalName = "Textiles SAC" }));
        Assert.That(errors.GetProperty("ruc")[0].GetString(), Is.EqualTo("El dígito verificador del RUC no es válido."));
        var unknownType = await client.PostAsJsonAsync("/api/parties/persons", new { documentType = "Licencia", documentNumber = "123" });
        Assert.That(unknownType.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var valid = await client.PostAsJsonAsync("/api/parties/companies", new { ruc = "20131312955", legalName = "Empresa de Prueba SAC" });
        Assert.That(valid.StatusCode, Is.AnyOf(HttpStatusCode.Created, HttpStatusCode.Conflict), "a valid RUC is accepted (or was registered by an earlier run)");
    }

    [Test]
    public async Task Registering_the_same_document_twice_answers_409_with_the_existing_ficha()
    {
        var client = await As("consultor.lim");
        var dni = NewDni();
        var body = new { documentType = "Dni", documentNumber = dni }; // by DNI alone: the names and birth date are RENIEC's
        var first = await (await client.PostAsJsonAsync("/api/parties/persons", body)).Content.ReadFromJsonAsync<JsonElement>();
        var second = await (await As("consultor.cus")).PostAsJsonAsync("/api/parties/persons", body);
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        var problem = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("existingPartyId").GetGuid(), Is.EqualTo(first.GetProperty("id").GetGuid()));
    }

    [Test]
    public async Task Opening_a_case_at_an_unknown_office_for_an_unknown_procedure_names_both_fields()
    {
        var partyId = (await CreatePersonAsync()).GetProperty("id").GetGuid();
        var errors = await ErrorsOf(await (await As("supervisor.lim")).PostAsJsonAsync("/api/cases", new { partyId, procedure = "no-existe", officeCode = "XYZ" }));
        Assert.That(errors.GetProperty("officeCode")[0].GetString(), Is.EqualTo("Oficina desconocida."));
        Assert.That(errors.GetProperty("procedure")[0].GetString(), Is.EqualTo("Procedimiento desconocido."));
        var cases = await (await As("consultor.lim")).GetFromJsonAsync<JsonElement>($"/api/cases?partyId={partyId}");
        Assert.That(cases.GetProperty("total").GetInt32(), Is.Zero);
    }

    [Test]
    public async Task A_stale_ficha_update_answers_409_and_keeps_the_first_update()
    {
        var client = await As("consultor.lim");
        var party = await CreatePersonAsync();
        var id = party.GetProperty("id").GetGuid();
        var version = party.GetProperty("version").GetInt64();
        var first = await client.PutAsJsonAsync($"/api/parties/{id}/ficha", new { version, phone = "911111111", skills = new[] { "Excel", "Soldadura" } });
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK), await first.Content.ReadAsStringAsync());
        var second = await (await As("consultor.cus")).PutAsJsonAsync($"/api/parties/{id}/ficha", new { version, phone = "922222222" });
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        var ficha = await client.GetFromJsonAsync<JsonElement>($"/api/parties/{id}");
        Assert.That(ficha.GetProperty("person").GetProperty("phone").GetString(), Is.EqualTo("911111111"));
        Assert.That(ficha.GetProperty("person").GetProperty("skills").GetArrayLength(), Is.EqualTo(2));
        Assert.That(ficha.GetProperty("version").GetInt64(), Is.EqualTo(version + 1));
    }

    [Test]
    public async Task Task_form_data_is_validated_against_the_form_schema_and_only_its_fields_reach_the_case()
    {
        var client = await As("consultor.lim");
        var caseId = (await OpenCaseAsync()).GetProperty("id").GetGuid();
        var taskId = (await FirstTaskOfCaseAsync(caseId)).GetProperty("id").GetGuid();
        (await client.PostAsync($"/api/tasks/{taskId}/claim", null)).EnsureSuccessStatusCode();

        var bad = await client.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { data = new { horas = 80 } });
        var errors = await ErrorsOf(bad);
        Assert.That(errors.GetProperty("interes")[0].GetString(), Is.EqualTo("Este campo es obligatorio."));
        Assert.That(errors.GetProperty("horas")[0].GetString(), Does.Contain("60"));
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        Assert.That(detail.GetProperty("tasks")[0].GetProperty("elementId").GetString(), Is.EqualTo("entrevista"), "nothing moved");

        var typed = await client.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { data = new { interes = "Carpintería", horas = "abc" } });
        Assert.That((await ErrorsOf(typed)).GetProperty("horas").GetArrayLength(), Is.EqualTo(1));

        // A variable the system sets is refused, naming it (issue 17), rather than silently dropped.
        var injected = await client.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { data = new { interes = "Carpintería", horas = "12", partyId = "injected" } });
        Assert.That((await ErrorsOf(injected)).TryGetProperty("data.partyId", out _), Is.True);

        var good = await client.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { data = new { interes = "Carpintería", horas = "12", extra = "injected" } });
        Assert.That(good.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await good.Content.ReadAsStringAsync());
        var variables = (await client.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}")).GetProperty("variables");
        Assert.That(variables.GetProperty("horas").GetDecimal(), Is.EqualTo(12m), "a numeric string is normalised to a number");
        Assert.That(variables.GetProperty("partyId").GetString(), Is.Not.EqualTo("injected"));
        Assert.That(variables.TryGetProperty("extra", out _), Is.False, "keys the form does not define are dropped");
    }

    [Test]
    public async Task A_new_user_needs_a_known_role_office_and_services_and_a_strong_password()
    {
        var admin = await As("admin");
        var errors = await ErrorsOf(await admin.PostAsJsonAsync("/api/admin/users", new
        {
            userName = "x1", fullName = "X", role = "jefe", officeCode = "ZZZ", services = new[] { "astrologia" }, password = "corta", email = "no es un correo",
        }));
        Assert.That(errors.GetProperty("email")[0].GetString(), Is.EqualTo("Correo electrónico no válido."));
        Assert.That(errors.GetProperty("role")[0].GetString(), Does.StartWith("Rol desconocido"));
        Assert.That(errors.GetProperty("officeCode")[0].GetString(), Is.EqualTo("Oficina desconocida."));
        Assert.That(errors.GetProperty("services")[0].GetString(), Is.EqualTo("Servicio o acreditación desconocida: astrologia."));
        var weak = await admin.PostAsJsonAsync("/api/admin/users", new { userName = "x2", fullName = "X", role = "consultant", officeCode = "PIU", password = "corta" });
        Assert.That((await ErrorsOf(weak)).GetProperty("password").GetArrayLength(), Is.GreaterThan(0));
        var created = await admin.PostAsJsonAsync("/api/admin/users", new
        {
            userName = "consultor.piu", fullName = "Pedro Pacherre", role = "consultant", officeCode = "piu", services = new[] { "bolsa-trabajo" }, password = "Clave.Segura.2026",
            email = "pedro.pacherre@vupe.example",
        });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var user = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(user.GetProperty("officeCode").GetString(), Is.EqualTo("PIU"));
        Assert.That(user.GetProperty("role").GetString(), Is.EqualTo("consultant"));
        Assert.That(user.GetProperty("email").GetString(), Is.EqualTo("pedro.pacherre@vupe.example"), "where the SLA mails go");
        var token = await Factory.AnonymousClient().PostAsJsonAsync("/api/auth/token", new { userName = "consultor.piu", password = "Clave.Segura.2026" });
        Assert.That(token.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the new user can sign in");
    }

    [Test]
    public async Task An_oversized_body_is_refused_with_413()
    {
        var client = await As("consultor.lim");
        var huge = new string('x', 2 * 1024 * 1024);
        var response = await client.PostAsync("/api/parties/persons", new StringContent($"{{\"givenNames\":\"{huge}\"}}", Encoding.UTF8, "application/json"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
    }

    [Test]
    public async Task A_page_size_out_of_range_is_a_field_error()
    {
        var errors = await ErrorsOf(await (await As("consultor.lim")).GetAsync("/api/tasks?pageSize=5000"));
        Assert.That(errors.GetProperty("pageSize")[0].GetString(), Is.EqualTo("Entre 1 y 200."));
    }

    [Test]
    public async Task Search_finds_names_without_accents_and_documents_with_their_check_character()
    {
        var client = await As("consultor.lim");
        // Someone RENIEC knows with an accent and an ñ in the name, searched in capitals without either.
        var citizen = Citizen(c => c.FullName.Contains('ñ', StringComparison.OrdinalIgnoreCase) && c.FullName.Any(ch => "áéíóú".Contains(ch, StringComparison.Ordinal)));
        var party = await CreatePersonAsync(dni: citizen.Dni);
        var byName = await client.GetFromJsonAsync<JsonElement>("/api/parties?q=" + Uri.EscapeDataString(Parties.TextFolding.Fold(citizen.FullName).ToUpperInvariant()));
        Assert.That(byName.EnumerateArray().Select(p => p.GetProperty("id").GetGuid()), Does.Contain(party.GetProperty("id").GetGuid()));
        var dni = party.GetProperty("documentNumber").GetString()!;
        var check = Parties.DocumentNumbers.DniCheck(dni).Letter;
        var byDocument = await client.GetFromJsonAsync<JsonElement>($"/api/parties?document={dni}-{check}");
        Assert.That(byDocument.GetArrayLength(), Is.EqualTo(1));
        var wildcard = await client.GetFromJsonAsync<JsonElement>("/api/parties?q=%25");
        Assert.That(wildcard.GetArrayLength(), Is.Zero, "LIKE wildcards are escaped");
    }

    [Test]
    public async Task The_employability_history_lists_cases_from_every_office_in_time_order()
    {
        var partyId = (await CreatePersonAsync()).GetProperty("id").GetGuid();
        await OpenCaseAsync(partyId: partyId);
        await OpenCaseAsync("consultor.cus", partyId: partyId);
        var history = await (await As("consultor.cus")).GetFromJsonAsync<JsonElement>($"/api/parties/{partyId}/history");
        Assert.That(history.EnumerateArray().Select(h => h.GetProperty("officeCode").GetString()), Is.EqualTo(new[] { "LIM", "CUS" }));
        // ... while the Lima case itself stays out of Cusco's reach.
        var limaCase = history[0].GetProperty("caseId").GetGuid();
        Assert.That((await (await As("consultor.cus")).GetAsync($"/api/cases/{limaCase}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Cookie_sessions_need_the_antiforgery_token_for_writes_and_accounts_lock_after_five_failures()
    {
        var browser = Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        (await browser.PostAsJsonAsync("/api/auth/login", new { userName = "consultor2.lim", password = VupeServerFactory.Password })).EnsureSuccessStatusCode();
        var me = await browser.GetFromJsonAsync<JsonElement>("/api/auth/me");
        Assert.That(me.GetProperty("officeCode").GetString(), Is.EqualTo("LIM"));
        var partyId = (await CreatePersonAsync()).GetProperty("id").GetGuid();
        var consent = new { purpose = "comunicaciones", granted = false, channel = "escrito" };

        var withoutToken = await browser.PostAsJsonAsync($"/api/parties/{partyId}/consents", consent);
        Assert.That(withoutToken.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var token = await browser.GetFromJsonAsync<JsonElement>("/api/auth/antiforgery");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/parties/{partyId}/consents") { Content = JsonContent.Create(consent) };
        request.Headers.Add(token.GetProperty("headerName").GetString()!, token.GetProperty("token").GetString());
        Assert.That((await browser.SendAsync(request)).StatusCode, Is.EqualTo(HttpStatusCode.Created));
        if (Store == TestStore.Postgres)
            Assert.That(await Factory.ExecuteScalarAsync<long>("""SELECT COUNT(*) FROM "DataProtectionKeys" """), Is.Positive,
                "the key ring behind the cookie and the antiforgery token is in the database, shared by every node");

        var anonymous = Factory.AnonymousClient();
        for (var i = 0; i < 5; i++)
            Assert.That((await anonymous.PostAsJsonAsync("/api/auth/token", new { userName = "supervisor.cus", password = "incorrecta" })).StatusCode,
                Is.EqualTo(HttpStatusCode.Unauthorized).Or.EqualTo(HttpStatusCode.Locked));
        var locked = await anonymous.PostAsJsonAsync("/api/auth/token", new { userName = "supervisor.cus", password = VupeServerFactory.Password });
        Assert.That(locked.StatusCode, Is.EqualTo(HttpStatusCode.Locked), "even the right password is refused while locked out");

        var admin = await As("admin");
        var users = await admin.GetFromJsonAsync<JsonElement>("/api/admin/users");
        Assert.That(users.GetProperty("items").EnumerateArray().Single(u => u.GetProperty("userName").GetString() == "supervisor.cus").GetProperty("lockedOut").GetBoolean(), Is.True);
        (await admin.PostAsync("/api/admin/users/supervisor.cus/unlock", null)).EnsureSuccessStatusCode();
        Assert.That((await anonymous.PostAsJsonAsync("/api/auth/token", new { userName = "supervisor.cus", password = VupeServerFactory.Password })).StatusCode,
            Is.EqualTo(HttpStatusCode.OK), "an admin lifted the lockout");
    }

    [Test]
    public async Task The_inbox_filters_by_a_priority_floor_and_refuses_one_out_of_range()
    {
        var caseNumber = (await OpenCaseAsync()).GetProperty("caseNumber").GetString();
        var client = await As("consultor.lim");
        async Task<List<string?>> NumbersAsync(int floor) =>
            [.. (await client.GetFromJsonAsync<JsonElement>($"/api/tasks?view=Office&pageSize=200&minPriority={floor}")).GetProperty("items").EnumerateArray()
                .Select(t => t.GetProperty("caseNumber").GetString())];
        Assert.That(await NumbersAsync(50), Does.Contain(caseNumber), "the fixture's tasks have priority 50");
        Assert.That(await NumbersAsync(51), Does.Not.Contain(caseNumber));
        Assert.That((await client.GetAsync("/api/tasks?minPriority=101")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }
}
