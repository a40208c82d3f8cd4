using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Vupe.Connectors.Simulation;
using Vupe.Server.Cases;

namespace Vupe.Server.Tests;

/// <summary>
/// The CUL through the server: a consultant requests it for a citizen, the procedure consults the simulated back
/// offices, and the signed PDF lands in the case and the ficha; anyone can verify it (code or file), a supervisor
/// revokes it; criminal records are for supervisors and auditors only.
/// </summary>
[TestFixture(TestStore.Sqlite)]
[TestFixture(TestStore.Postgres)]
public sealed class CulTests(TestStore store) : ServerTestBase(store)
{
    // The citizen tests make more requests than a citizen would; the limit itself is tested on its own.
    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Vupe:CitizenRequestsPerMinute"] = "100";
        settings["Vupe:CitizenRequestsPerDniPerHour"] = "100";
    }

    private async Task<(Guid CaseId, Guid PartyId)> RequestCulAsync(string dni)
    {
        var partyId = (await CreatePersonAsync(dni: dni)).GetProperty("id").GetGuid();
        var opened = await OpenCaseAsync(partyId: partyId, procedure: "certificado-unico-laboral");
        return (opened.GetProperty("id").GetGuid(), partyId);
    }

    [Test]
    public async Task A_requested_CUL_is_signed_attached_to_case_and_ficha_and_verifiable_by_anyone_until_revoked()
    {
        var consultant = await As("consultor.lim");
        var (caseId, partyId) = await RequestCulAsync(SimulatedDnis.CleanRecords);

        var detail = await consultant.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        Assert.That(detail.GetProperty("case").GetProperty("status").GetString(), Is.EqualTo("Closed"), detail.ToString());
        var document = detail.GetProperty("documents").EnumerateArray().Single();
        Assert.That(document.GetProperty("kind").GetString(), Is.EqualTo("cul"));
        Assert.That(document.GetProperty("isSigned").GetBoolean(), Is.True);
        Assert.That(document.GetProperty("restricted").GetBoolean(), Is.False);
        var ficha = await consultant.GetFromJsonAsync<JsonElement>($"/api/parties/{partyId}/documents");
        Assert.That(ficha.EnumerateArray().Select(d => d.GetProperty("id").GetGuid()), Is.EqualTo(new[] { document.GetProperty("id").GetGuid() }));

        var pdf = await consultant.GetByteArrayAsync($"/api/cases/{caseId}/documents/{document.GetProperty("id").GetGuid()}/content");
        var (exit, output) = await PdfTools.PdfSigAsync(pdf);
        Assert.That(output, Does.Contain("Signature is Valid"), $"pdfsig exited {exit}: {output}");

        var certificate = (await consultant.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/certificates")).EnumerateArray().Single();
        var code = certificate.GetProperty("verificationCode").GetString()!;
        var anonymous = Factory.AnonymousClient();

        var byCode = await anonymous.GetFromJsonAsync<JsonElement>($"/api/public/certificates/{code.ToLowerInvariant().Replace("-", "", StringComparison.Ordinal)}");
        Assert.That(byCode.GetProperty("standing").GetString(), Is.EqualTo("Valid"));
        Assert.That(byCode.GetProperty("maskedDocument").GetString(), Is.EqualTo("*****410"));
        Assert.That(byCode.GetProperty("certificateNumber").GetString(), Does.StartWith("CUL-LIM-"));

        var byFile = await VerifyFileAsync(anonymous, pdf, code);
        Assert.That(byFile.GetProperty("bytesMatchIssued").GetBoolean(), Is.True);
        Assert.That(byFile.GetProperty("signature").GetString(), Is.EqualTo("Intact"));
        var byBytesAlone = await VerifyFileAsync(anonymous, pdf, code: null);
        Assert.That(byBytesAlone.GetProperty("certificateNumber").GetString(), Is.EqualTo(certificate.GetProperty("certificateNumber").GetString()));

        var altered = (byte[])pdf.Clone();
        var at = Array.IndexOf(altered, (byte)'/', 2000);
        altered[at + 1] ^= 0x01;
        var alteredAnswer = await VerifyFileAsync(anonymous, altered, code);
        Assert.That(alteredAnswer.GetProperty("bytesMatchIssued").GetBoolean(), Is.False);
        Assert.That(alteredAnswer.GetProperty("signature").GetString(), Is.EqualTo("Altered"));
        Assert.That((await PdfTools.PdfSigAsync(altered)).Output, Does.Not.Contain("Signature is Valid"));

        var page = await anonymous.GetStringAsync($"/verificar/{code}");
        Assert.That(page, Does.Contain("El certificado es válido").And.Contain("*****410"));

        // Revocation: a consultant may not, the office's supervisor may, with a reason; verification says so at once.
        var certificateId = certificate.GetProperty("id").GetGuid();
        Assert.That((await consultant.PostAsJsonAsync($"/api/certificates/{certificateId}/revoke", new { reason = "Datos erróneos del titular" })).StatusCode,
            Is.EqualTo(HttpStatusCode.Forbidden));
        var cusco = await As("supervisor.cus");
        Assert.That((await cusco.PostAsJsonAsync($"/api/certificates/{certificateId}/revoke", new { reason = "Datos erróneos del titular" })).StatusCode,
            Is.EqualTo(HttpStatusCode.NotFound), "another office's supervisor does not see it");
        var supervisor = await As("supervisor.lim");
        Assert.That((await supervisor.PostAsJsonAsync($"/api/certificates/{certificateId}/revoke", new { reason = "corto" })).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var revoked = await supervisor.PostAsJsonAsync($"/api/certificates/{certificateId}/revoke", new { reason = "Datos erróneos del titular" });
        Assert.That(revoked.StatusCode, Is.EqualTo(HttpStatusCode.OK), await revoked.Content.ReadAsStringAsync());
        Assert.That((await supervisor.PostAsJsonAsync($"/api/certificates/{certificateId}/revoke", new { reason = "Datos erróneos del titular" })).StatusCode,
            Is.EqualTo(HttpStatusCode.Conflict));
        var after = await anonymous.GetFromJsonAsync<JsonElement>($"/api/public/certificates/{code}");
        Assert.That(after.GetProperty("standing").GetString(), Is.EqualTo("Revoked"));
        Assert.That(after.GetProperty("revocationReason").GetString(), Is.EqualTo("Datos erróneos del titular"));
        var trail = await (await As("auditor")).GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/audit");
        Assert.That(trail.EnumerateArray().Select(e => e.GetProperty("action").GetString()), Does.Contain("cul.issued").And.Contain("certificate.revoked"));
    }

    [Test]
    public async Task Criminal_records_are_for_supervisors_and_auditors_only()
    {
        var (caseId, _) = await RequestCulAsync(SimulatedDnis.PenalRecord);
        var consultant = await As("consultor.lim");
        var document = (await consultant.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/documents")).EnumerateArray().Single();
        Assert.That(document.GetProperty("restricted").GetBoolean(), Is.True);
        Assert.That(document.GetProperty("contentVisible").GetBoolean(), Is.False);
        var documentId = document.GetProperty("id").GetGuid();
        Assert.That((await consultant.GetAsync($"/api/cases/{caseId}/documents/{documentId}/content")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        var sections = await consultant.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/cul/sections");
        var penal = sections.EnumerateArray().Single(s => s.GetProperty("section").GetString() == "antecedentesPenales");
        Assert.That(penal.GetProperty("restricted").GetBoolean(), Is.True);
        Assert.That(penal.GetProperty("value").ValueKind, Is.EqualTo(JsonValueKind.Null));
        var education = sections.EnumerateArray().Single(s => s.GetProperty("section").GetString() == "trayectoriaEducativa");
        Assert.That(education.GetProperty("value").ValueKind, Is.EqualTo(JsonValueKind.Object));

        var supervisor = await As("supervisor.lim");
        var seen = await supervisor.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/cul/sections");
        Assert.That(seen.EnumerateArray().Single(s => s.GetProperty("section").GetString() == "antecedentesPenales").GetProperty("value").GetProperty("records").GetArrayLength(),
            Is.GreaterThan(0));
        Assert.That((await supervisor.GetAsync($"/api/cases/{caseId}/documents/{documentId}/content")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var trail = await (await As("auditor")).GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/audit");
        Assert.That(trail.EnumerateArray().Select(e => e.GetProperty("action").GetString()), Does.Contain("cul.records.read"));
    }

    [Test]
    public async Task A_citizen_without_an_account_gets_their_own_CUL_with_their_DNI_data_and_a_code_sent_to_their_verified_email()
    {
        const string dni = SimulatedDnis.LongEmploymentHistory;
        var reniec = new SimulatedIdentityRegistry(new SimulatorControl(), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<SimulatedIdentityRegistry>.Instance);
        var citizen = (await reniec.LookUpAsync(new Vupe.Connectors.ConnectorRequest(dni, "test"), default)).Value.Citizen!;
        var check = Vupe.Server.Parties.DocumentNumbers.DniCheck(dni).Digit.ToString();
        var anonymous = Factory.AnonymousClient();

        var wrongBirth = await anonymous.PostAsJsonAsync("/api/public/cul-requests/code", new { dni, checkCharacter = check, birthDate = citizen.BirthDate.AddDays(1) });
        Assert.That(wrongBirth.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ProblemOf(wrongBirth)).GetProperty("errors").GetProperty("identidad")[0].GetString(), Does.Contain("no coinciden"));
        var wrongCheck = await anonymous.PostAsJsonAsync("/api/public/cul-requests/code", new { dni, checkCharacter = check == "1" ? "2" : "1", birthDate = citizen.BirthDate });
        Assert.That(wrongCheck.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var consultant = await As("consultor.lim");
        Assert.That((await consultant.GetFromJsonAsync<JsonElement>($"/api/parties?document={dni}")).GetArrayLength(), Is.Zero, "a refused request registers nobody");

        // Right data, but no ficha with a verified contact: nobody could receive the code, so the citizen is sent to an office.
        var noFicha = await anonymous.PostAsJsonAsync("/api/public/cul-requests/code", new { dni, checkCharacter = check, birthDate = citizen.BirthDate });
        Assert.That(noFicha.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ProblemOf(noFicha)).GetProperty("errors").GetProperty("contacto")[0].GetString(), Does.Contain("oficina de la VUPE"));
        var partyId = (await CreatePersonAsync(dni: dni)).GetProperty("id").GetGuid();
        var unverified = await anonymous.PostAsJsonAsync("/api/public/cul-requests/code", new { dni, checkCharacter = check, birthDate = citizen.BirthDate });
        Assert.That((await ProblemOf(unverified)).GetProperty("title").GetString(), Does.Contain("no tiene un correo electrónico ni un teléfono verificado"));
        await SentCodes.VerifyContactAsync(Factory, consultant, partyId, "email", "persona@example.pe");

        var withoutCode = await anonymous.PostAsJsonAsync("/api/public/cul-requests", new { dni, checkCharacter = check, birthDate = citizen.BirthDate });
        Assert.That(withoutCode.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ProblemOf(withoutCode)).GetProperty("errors").GetProperty("code")[0].GetString(), Does.Contain("código de 6 dígitos"));

        var sent = await anonymous.PostAsJsonAsync("/api/public/cul-requests/code", new { dni, checkCharacter = check, birthDate = citizen.BirthDate });
        Assert.That(sent.StatusCode, Is.EqualTo(HttpStatusCode.OK), await sent.Content.ReadAsStringAsync());
        Assert.That((await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sentTo").GetString(), Is.EqualTo("p***@example.pe"));
        var code = SentCodes.LatestMailed(Factory, "persona@example.pe");
        var issued = await anonymous.PostAsJsonAsync("/api/public/cul-requests", new { dni, checkCharacter = check, birthDate = citizen.BirthDate, code });
        Assert.That(issued.StatusCode, Is.EqualTo(HttpStatusCode.Created), await issued.Content.ReadAsStringAsync());
        var answer = await issued.Content.ReadFromJsonAsync<JsonElement>();
        var pdf = Convert.FromBase64String(answer.GetProperty("pdf").GetString()!);
        Assert.That((await PdfTools.PdfSigAsync(pdf)).Output, Does.Contain("Signature is Valid"));
        var verified = await anonymous.GetFromJsonAsync<JsonElement>($"/api/public/certificates/{answer.GetProperty("verificationCode").GetString()}");
        Assert.That(verified.GetProperty("standing").GetString(), Is.EqualTo("Valid"));
        Assert.That(verified.GetProperty("holderName").GetString(), Is.EqualTo(citizen.FullName));

        // A code is good once: the same request again needs a new one, and gets a new certificate for the same ficha.
        var reused = await anonymous.PostAsJsonAsync("/api/public/cul-requests", new { dni, checkCharacter = check, birthDate = citizen.BirthDate, code });
        Assert.That(reused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ProblemOf(reused)).GetProperty("errors").GetProperty("code")[0].GetString(), Does.Contain("ya fue usado"));
        (await anonymous.PostAsJsonAsync("/api/public/cul-requests/code", new { dni, checkCharacter = check, birthDate = citizen.BirthDate })).EnsureSuccessStatusCode();
        var again = await anonymous.PostAsJsonAsync("/api/public/cul-requests",
            new { dni, checkCharacter = check, birthDate = citizen.BirthDate, code = SentCodes.LatestMailed(Factory, "persona@example.pe") });
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var fichas = await consultant.GetFromJsonAsync<JsonElement>($"/api/parties?document={dni}");
        Assert.That(fichas.GetArrayLength(), Is.EqualTo(1));
        var documents = await consultant.GetFromJsonAsync<JsonElement>($"/api/parties/{partyId}/documents");
        Assert.That(documents.GetArrayLength(), Is.EqualTo(2));
        Assert.That((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("certificateNumber").GetString(),
            Is.Not.EqualTo(answer.GetProperty("certificateNumber").GetString()));
        var trail = await (await As("auditor")).GetFromJsonAsync<JsonElement>($"/api/parties/{partyId}/audit");
        Assert.That(trail.EnumerateArray().Select(e => e.GetProperty("action").GetString()),
            Does.Contain("party.contact.verified").And.Contain("cul.code.sent").And.Contain("cul.code.refused"));
    }

    [Test]
    public async Task The_citizen_page_sends_a_code_to_the_verified_phone_and_downloads_the_signed_certificate()
    {
        const string dni = SimulatedDnis.JudicialRecord;
        var reniec = new SimulatedIdentityRegistry(new SimulatorControl(), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<SimulatedIdentityRegistry>.Instance);
        var birth = (await reniec.LookUpAsync(new Vupe.Connectors.ConnectorRequest(dni, "test"), default)).Value.Citizen!.BirthDate;
        var check = Vupe.Server.Parties.DocumentNumbers.DniCheck(dni).Letter.ToString();
        var partyId = (await CreatePersonAsync(dni: dni)).GetProperty("id").GetGuid();
        await SentCodes.VerifyContactAsync(Factory, await As("consultor.lim"), partyId, "phone", "987654321");
        using var browser = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        var iso = System.Globalization.CultureInfo.InvariantCulture;
        string page = await browser.GetStringAsync("/solicitar-cul");

        async Task<HttpResponseMessage> SubmitAsync(string handler, Dictionary<string, string> fields)
        {
            var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
            Assert.That(token, Is.Not.Empty, "the form carries an antiforgery token");
            fields["__RequestVerificationToken"] = token;
            var response = await browser.PostAsync("/solicitar-cul" + handler, new FormUrlEncodedContent(fields));
            if (response.Content.Headers.ContentType?.MediaType == "text/html") page = await response.Content.ReadAsStringAsync();
            return response;
        }

        await SubmitAsync("?handler=codigo", new() { ["Dni"] = dni, ["CheckCharacter"] = check, ["BirthDate"] = birth.AddYears(-1).ToString("yyyy-MM-dd", iso) });
        Assert.That(page, Does.Contain("no coinciden con los de RENIEC"));
        Assert.That(page, Does.Contain($"value=\"{dni}\""), "what was typed stays in the form");

        await SubmitAsync("?handler=codigo", new() { ["Dni"] = dni, ["CheckCharacter"] = check, ["BirthDate"] = birth.ToString("yyyy-MM-dd", iso) });
        Assert.That(page, Does.Contain("Enviamos un código de 6 dígitos a 9******21"));
        Assert.That(page, Does.Contain("autocomplete=\"one-time-code\""));
        var code = SentCodes.LatestTexted(Factory, "987654321");

        // The second step carries the data in hidden fields; a wrong code keeps the citizen on it.
        var wrong = code == "000000" ? "111111" : "000000";
        await SubmitAsync("", Hidden(page, "Code", wrong));
        Assert.That(page, Does.Contain("El código no es correcto. Le quedan 4 intentos."));
        var downloaded = await SubmitAsync("", Hidden(page, "Code", code));
        Assert.That(downloaded.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(downloaded.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/pdf"));
        Assert.That((await PdfTools.PdfSigAsync(await downloaded.Content.ReadAsByteArrayAsync())).Output, Does.Contain("Signature is Valid"));
    }

    /// <summary>The second step's hidden fields as the page rendered them, plus one typed field.</summary>
    private static Dictionary<string, string> Hidden(string page, string typed, string value)
    {
        var fields = new Dictionary<string, string>();
        foreach (var name in new[] { "Dni", "CheckCharacter", "BirthDate" })
        {
            var match = System.Text.RegularExpressions.Regex.Match(page, $"<input type=\"hidden\"[^>]*name=\"{name}\"[^>]*value=\"([^\"]*)\"|<input type=\"hidden\"[^>]*value=\"([^\"]*)\"[^>]*name=\"{name}\"");
            Assert.That(match.Success, Is.True, $"the second step carries {name}");
            fields[name] = match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value;
        }
        fields[typed] = value;
        return fields;
    }

    [Test]
    public async Task An_auditor_exports_a_case_history_as_JSON_and_as_a_signed_PDF_and_the_export_is_audited()
    {
        var (caseId, _) = await RequestCulAsync(NewDni());
        var auditor = await As("auditor");
        await AnchorAuditAsync();
        var json = await auditor.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/audit/export.json");
        Assert.That(json.GetProperty("chain").GetProperty("valid").GetBoolean(), Is.True);
        Assert.That(json.GetProperty("history").GetArrayLength(), Is.GreaterThan(5));
        Assert.That(json.GetProperty("audit").EnumerateArray().Select(e => e.GetProperty("action").GetString()), Does.Contain("case.opened"));
        var pdf = await auditor.GetByteArrayAsync($"/api/cases/{caseId}/audit/export.pdf");
        Assert.That((await PdfTools.PdfSigAsync(pdf)).Output, Does.Contain("Signature is Valid"));
        var trail = await auditor.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/audit");
        Assert.That(trail.EnumerateArray().Count(e => e.GetProperty("action").GetString() == "case.exported"), Is.EqualTo(2));
        Assert.That(trail.EnumerateArray().Select(e => e.GetProperty("action").GetString()!).Where(a => CaseNarrative.Action(a) == a), Is.Empty,
            "every audit action the case's trail holds reads in Spanish");
        Assert.That(System.Text.RegularExpressions.Regex.Replace(await PdfTools.TextAsync(pdf), @"\s+", " "), Does.Contain("Ana Quispe Mamani (consultor.lim) abrió el expediente"),
            "the PDF's history reads as sentences (cells wrap, so spaces are compared loosely)");
        Assert.That((await (await As("consultor.lim")).GetAsync($"/api/cases/{caseId}/audit/export.json")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Public_verification_rejects_malformed_codes_and_says_when_none_matches()
    {
        var anonymous = Factory.AnonymousClient();
        Assert.That((await anonymous.GetAsync("/api/public/certificates/no-es-un-codigo")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var unknown = await anonymous.GetFromJsonAsync<JsonElement>("/api/public/certificates/0000-0000-0000");
        Assert.That(unknown.GetProperty("standing").GetString(), Is.EqualTo("Unknown"));
        var page = await anonymous.GetStringAsync("/verificar/%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        Assert.That(page, Does.Not.Contain("<script>alert(1)</script>"), "what was typed comes back encoded");
    }

    private static async Task<JsonElement> VerifyFileAsync(HttpClient client, byte[] pdf, string? code)
    {
        using var form = new MultipartFormDataContent();
        if (code is not null) form.Add(new StringContent(code), "code");
        var file = new ByteArrayContent(pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "cul.pdf");
        var response = await client.PostAsync("/api/public/certificates/verify", form);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

/// <summary>The public verification is rate-limited per client address.</summary>
public sealed class PublicVerificationRateLimitTests
{
    [Test]
    public async Task Past_the_limit_verification_answers_429()
    {
        await using var factory = new VupeServerFactory();
        factory.Settings["Vupe:PublicVerificationPerMinute"] = "3";
        var anonymous = factory.AnonymousClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++) statuses.Add((await anonymous.GetAsync("/api/public/certificates/0000-0000-0000")).StatusCode);
        Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests }));
    }

    [Test]
    public async Task Page_views_never_count_and_a_refused_request_gets_a_Spanish_answer_with_Retry_After()
    {
        await using var factory = new VupeServerFactory();
        factory.Settings["Vupe:CitizenRequestsPerMinute"] = "2";
        factory.Settings["Vupe:PublicVerificationPerMinute"] = "2";
        var anonymous = factory.AnonymousClient();
        for (var i = 0; i < 6; i++)
        {
            Assert.That((await anonymous.GetAsync("/solicitar-cul")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "viewing the form is no request");
            Assert.That((await anonymous.GetAsync("/verificar")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
        HttpResponseMessage last = null!;
        for (var i = 0; i < 3; i++) last = await anonymous.PostAsJsonAsync("/api/public/cul-requests", new { dni = "12345678", checkCharacter = "1", birthDate = "1990-01-01" });
        Assert.That(last.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(last.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(60)));
        Assert.That((await last.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString(), Does.StartWith("Demasiadas solicitudes"));

        HttpResponseMessage page = null!;
        for (var i = 0; i < 3; i++) page = await anonymous.GetAsync("/verificar?codigo=0000-0000-0000");
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(page.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(await page.Content.ReadAsStringAsync(), Does.Contain("Demasiadas solicitudes"));
    }

    [Test]
    public async Task Error_pages_and_bodiless_API_errors_speak_Spanish()
    {
        await using var factory = new VupeServerFactory();
        var anonymous = factory.AnonymousClient();
        var signedIn = await factory.ClientForAsync("consultor.lim");
        var missing = await signedIn.GetAsync("/no-existe/en/absoluto");
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await missing.Content.ReadAsStringAsync(), Does.Contain("No encontramos lo que buscaba."));
        var api = await anonymous.GetAsync("/api/cases");
        Assert.That(api.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString(), Is.EqualTo("Debe iniciar sesión."));
    }
}

/// <summary>The verification link printed on a certificate comes from Vupe:PublicBaseUrl (or the issuing request's address), never a fixed host.</summary>
public sealed class CulLinkTests : ServerTestBase
{
    protected override void Configure(Dictionary<string, string?> settings) => settings["Vupe:PublicBaseUrl"] = "https://vupe.trabajo.gob.pe/";

    [Test]
    public async Task The_certificate_prints_the_configured_public_address()
    {
        var consultant = await As("consultor.lim");
        var caseId = (await OpenCaseAsync(procedure: "certificado-unico-laboral")).GetProperty("id").GetGuid();
        var document = (await consultant.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/documents")).EnumerateArray().Single();
        var pdf = await consultant.GetByteArrayAsync($"/api/cases/{caseId}/documents/{document.GetProperty("id").GetGuid()}/content");

        var text = await PdfTools.TextAsync(pdf);

        Assert.That(text, Does.Contain("https://vupe.trabajo.gob.pe/verificar/"));
        Assert.That(text, Does.Not.Contain("127.0.0.1"));
    }
}
