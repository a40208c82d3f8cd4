using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Vupe.Connectors;
using Vupe.Server.Notifications;
using Vupe.Server.Parties;

namespace Vupe.Server.Tests.Portal;

/// <summary>
/// Mi VUPE's services online through its pages: the CUL requested by a signed-in citizen and downloaded from the case
/// (still verifying publicly), a service the catalogue lets start online opened at the chosen office, the document the
/// office waits for uploaded from the case page, the emails of each change — and a second citizen who can reach none of it.
/// </summary>
public sealed partial class PortalOnlineTests : ServerTestBase
{
    private const string Password = "Clave2026Segura";

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Vupe:CitizenRequestsPerMinute"] = "1000";
        settings["Vupe:CitizenRequestsPerDniPerHour"] = "50";
        // Each scan here runs after the last one's changes committed: no second read of them (the lag has its own test).
        settings["Vupe:CitizenNotices:CommitLag"] = "00:00:00";
        // Pages of two: the scans here cross pages of cases and of tasks.
        settings["Vupe:CitizenNotices:BatchSize"] = "2";
    }

    /// <summary>An address of the citizen's own that does not spell the DNI (the mails must not carry it).</summary>
    private static string Email(CitizenIdentity c) =>
        $"o{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(c.Dni)))[..10]}@example.pe";

    /// <summary>A citizen RENIEC knows as valid signs up with an email; the browser ends signed in.</summary>
    private async Task<(PortalBrowser Browser, CitizenIdentity Citizen)> SignUpAsync()
    {
        var citizen = Citizen(c => c.Status == IdentityStatus.Valid);
        var email = Email(citizen);
        var browser = new PortalBrowser(Factory);
        await browser.GetAsync("/mi-vupe/registro");
        var data = new Dictionary<string, string>
        {
            ["Dni"] = citizen.Dni, ["CheckCharacter"] = DocumentNumbers.DniCheck(citizen.Dni).Digit.ToString(),
            ["BirthDate"] = citizen.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["Contact"] = email,
        };
        await browser.PostFormAsync("/mi-vupe/registro?handler=codigo", new(data));
        data["Code"] = SentCodes.LatestMailed(Factory, email);
        data["Password"] = Password;
        data["PasswordAgain"] = Password;
        var created = await browser.PostFormAsync("/mi-vupe/registro", data);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), browser.Html);
        return (browser, citizen);
    }

    /// <summary>Posts a portal form (read first, for its antiforgery and request tokens) and returns the case number it went to.</summary>
    private static async Task<(HttpResponseMessage Response, string? CaseNumber)> SubmitAsync(PortalBrowser browser, string page, Dictionary<string, string> fields, string? token = null)
    {
        await browser.GetAsync(page);
        fields["Token"] = token ?? TokenOf(browser.Html);
        var response = await browser.PostFormAsync(page, fields);
        var location = response.Headers.Location?.OriginalString;
        return (response, location is null ? null : Uri.UnescapeDataString(CaseOf().Match(location).Groups[1].Value));
    }

    private static string TokenOf(string html) => WebUtility.HtmlDecode(FormToken().Match(html).Groups[1].Value);

    private async Task<JsonElement> CaseByNumberAsync(CitizenIdentity citizen, string caseNumber) =>
        (await CasesOfAsync(citizen)).Single(c => c.GetProperty("caseNumber").GetString() == caseNumber);

    private async Task<List<JsonElement>> CasesOfAsync(CitizenIdentity citizen)
    {
        var auditor = await As("auditor");
        var party = (await auditor.GetFromJsonAsync<JsonElement>($"/api/parties?document={citizen.Dni}"))[0].GetProperty("id").GetGuid();
        var found = await auditor.GetFromJsonAsync<JsonElement>($"/api/cases?partyId={party}");
        var items = found.ValueKind == JsonValueKind.Array ? found : found.GetProperty("items");
        return [.. items.EnumerateArray()];
    }

    private async Task<CitizenNoticeScanResult> ScanAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CitizenNoticeScan>().RunAsync(CancellationToken.None);
    }

    private List<MimeKit.MimeMessage> MailsTo(string address)
    {
        var folder = Path.Combine(Factory.DataDirectory, "correo");
        return [.. Directory.GetFiles(folder, "*.eml").Select(f => MimeKit.MimeMessage.Load(f))
            .Where(m => m.To.Mailboxes.Any(b => b.Address.Equals(address, StringComparison.OrdinalIgnoreCase)) && (m.Subject ?? "").StartsWith("Mi VUPE:", StringComparison.Ordinal))];
    }

    [Test]
    public async Task A_signed_in_citizen_requests_the_CUL_downloads_it_from_the_case_and_it_verifies_and_nobody_else_can_read_it()
    {
        var (browser, citizen) = await SignUpAsync();
        using var _ = browser;

        var (response, caseNumber) = await SubmitAsync(browser, "/mi-vupe/cul", []);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), browser.Html);
        Assert.That(caseNumber, Is.Not.Empty);
        // A double tap (the same form sent again) opens no second case.
        var token = TokenOf(browser.Html);
        var again = await browser.PostFormAsync("/mi-vupe/cul", new() { ["Token"] = token });
        Assert.That(again.Headers.Location?.OriginalString, Does.Contain(Uri.EscapeDataString(caseNumber!)));

        var page = await browser.GetAsync($"/mi-vupe/expedientes/{caseNumber}");
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(browser.Html, Does.Contain("Certificado Único Laboral").And.Contain("Cerrado").And.Contain("Su trámite concluyó"));
        var link = DocumentLink().Match(browser.Html);
        Assert.That(link.Success, Is.True, "the case page offers the certificate");
        var download = await browser.GetAsync(WebUtility.HtmlDecode(link.Groups[0].Value.Split('"')[1]));
        Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(download.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/pdf"));
        var pdf = await download.Content.ReadAsByteArrayAsync();

        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "cul.pdf");
        var verified = await Factory.AnonymousClient().PostAsync("/api/public/certificates/verify", form);
        var answer = await verified.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(answer.GetProperty("bytesMatchIssued").GetBoolean(), Is.True, answer.ToString());
        Assert.That(answer.GetProperty("standing").GetString(), Is.EqualTo("Valid"), answer.ToString());

        // One case for two submits; the engine's entry of the opening names the citizen, not "system".
        var caseFile = await CaseByNumberAsync(citizen, caseNumber!);
        var caseId = caseFile.GetProperty("id").GetGuid();
        var trail = await (await As("auditor")).GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/audit");
        var opened = trail.EnumerateArray().Single(e => e.GetProperty("action").GetString() == "case.opened");
        Assert.That(opened.GetProperty("actorId").GetString(), Does.StartWith("ciudadano:"));
        Assert.That(trail.EnumerateArray().Count(e => e.GetProperty("action").GetString() == "document.read"), Is.EqualTo(1), "the download is audited");

        // A second citizen: the case and its document answer as if they did not exist.
        var (other, _) = await SignUpAsync();
        using var __ = other;
        Assert.That((await other.GetAsync($"/mi-vupe/expedientes/{caseNumber}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await other.GetAsync(WebUtility.HtmlDecode(link.Groups[0].Value.Split('"')[1]))).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        await other.GetAsync("/mi-vupe");
        Assert.That(other.Html, Does.Not.Contain(caseNumber!));
    }

    [Test]
    public async Task A_scan_reads_only_what_changed_since_the_last_one_and_mails_each_change_once()
    {
        var (browser, citizen) = await SignUpAsync();
        using var _ = browser;
        var email = Email(citizen);
        var party = (await (await As("auditor")).GetFromJsonAsync<JsonElement>($"/api/parties?document={citizen.Dni}"))[0].GetProperty("id").GetGuid();
        await ScanAsync(); // whatever other tests changed is behind the mark now
        Assert.That(await ScanAsync(), Is.EqualTo(new CitizenNoticeScanResult(0, 0, 0)), "nothing changed since the last scan: nothing read");

        var caseNumber = (await OpenCaseAsync("consultor.lim", partyId: party)).GetProperty("caseNumber").GetString()!;
        var first = await ScanAsync();
        Assert.That(first.Examined, Is.GreaterThanOrEqualTo(1));
        Assert.That(first.Sent, Is.GreaterThanOrEqualTo(1));
        List<string> Mails() => [.. MailsTo(email).Where(m => m.Subject!.Contains(caseNumber, StringComparison.Ordinal)).Select(m => m.TextBody ?? "")];
        Assert.That(Mails().Count(b => b.Contains("fue abierto", StringComparison.Ordinal)), Is.EqualTo(1));
        var mailed = Mails().Count;

        Assert.That(await ScanAsync(), Is.EqualTo(new CitizenNoticeScanResult(0, 0, 0)), "the opening is behind the mark: not read again");
        var second = (await OpenCaseAsync("consultor.lim", partyId: party)).GetProperty("caseNumber").GetString()!;
        var next = await ScanAsync();
        Assert.That(next.Sent, Is.GreaterThanOrEqualTo(1), "a change after the mark is still seen");
        Assert.That(MailsTo(email).Count(m => m.Subject!.Contains(second, StringComparison.Ordinal) && (m.TextBody ?? "").Contains("fue abierto", StringComparison.Ordinal)), Is.EqualTo(1));
        Assert.That(Mails(), Has.Count.EqualTo(mailed), "the first case is not mailed again");
    }

    [Test]
    public void The_scan_mark_only_moves_forward_and_never_reaches_back_further_than_the_lookback()
    {
        var mark = new CitizenNoticeWatermark();
        var t0 = new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
        Assert.That(mark.Since(t0), Is.EqualTo(t0), "no scan yet: the lookback");
        mark.Advance(t0.AddMinutes(5));
        Assert.That(mark.Since(t0), Is.EqualTo(t0.AddMinutes(5)));
        mark.Advance(t0.AddMinutes(2));
        Assert.That(mark.Since(t0), Is.EqualTo(t0.AddMinutes(5)), "a slow scan ending late does not move it back");
        Assert.That(mark.Since(t0.AddMinutes(40)), Is.EqualTo(t0.AddMinutes(40)), "after a long stop, no further back than the lookback");
    }

    [Test]
    public async Task A_change_committed_within_the_lag_of_the_last_scan_is_read_again_and_still_mailed_once()
    {
        // The scan marks its start less the lag: a change stamped before the last scan but committed after is read again.
        var (browser, citizen) = await SignUpAsync();
        using var _ = browser;
        var party = (await (await As("auditor")).GetFromJsonAsync<JsonElement>($"/api/parties?document={citizen.Dni}"))[0].GetProperty("id").GetGuid();
        var caseNumber = (await OpenCaseAsync("consultor.lim", partyId: party)).GetProperty("caseNumber").GetString()!;
        await using var scope = Factory.Services.CreateAsyncScope();
        CitizenNoticeScan ScanWithLag(TimeSpan lag, CitizenNoticeWatermark mark) => ActivatorUtilities.CreateInstance<CitizenNoticeScan>(scope.ServiceProvider,
            Microsoft.Extensions.Options.Options.Create(new CitizenNoticeOptions { CommitLag = lag }), mark);

        var lagging = ScanWithLag(TimeSpan.FromMinutes(10), new CitizenNoticeWatermark());
        var first = await lagging.RunAsync(CancellationToken.None);
        Assert.That(first.Sent, Is.GreaterThanOrEqualTo(1));
        var again = await lagging.RunAsync(CancellationToken.None);
        Assert.That(again.Examined, Is.GreaterThanOrEqualTo(1), "within the lag the change is read again");
        Assert.That(again.Sent, Is.Zero);
        Assert.That(MailsTo(Email(citizen)).Count(m => m.Subject!.Contains(caseNumber, StringComparison.Ordinal) && (m.TextBody ?? "").Contains("fue abierto", StringComparison.Ordinal)),
            Is.EqualTo(1), "read twice, mailed once");

        var prompt = ScanWithLag(TimeSpan.Zero, new CitizenNoticeWatermark());
        await prompt.RunAsync(CancellationToken.None);
        Assert.That((await prompt.RunAsync(CancellationToken.None)).Examined, Is.Zero, "without a lag the next scan starts where the last one did");
    }

    [Test]
    public async Task A_citizen_applies_online_at_the_office_chosen_uploads_the_CV_the_office_waits_for_and_is_mailed_once_per_change()
    {
        var (browser, citizen) = await SignUpAsync();
        using var _ = browser;
        await browser.GetAsync("/mi-vupe/servicios");
        Assert.That(browser.Html, Does.Contain("Asesoría para la búsqueda de empleo").And.Contain("Orientación vocacional e información ocupacional"));
        Assert.That(browser.Html, Does.Not.Contain("value=\"empleo-temporal\""), "a service the catalogue does not mark as online is not offered");

        // Not a service that starts online: not offered by its address, refused when posted, nothing opened.
        await browser.GetAsync("/mi-vupe/servicios?servicio=empleo-temporal");
        Assert.That(browser.Html, Does.Contain(Vupe.Server.Portal.CitizenServices.NotOnline).And.Not.Contain("id=\"solicitar-servicio\""));
        const string Step = "/mi-vupe/servicios?servicio=asesoria-busqueda-empleo";
        var (refused, _) = await SubmitAsync(browser, Step, new() { ["Service"] = "empleo-temporal", ["Office"] = "CUS" });
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(browser.Html, Does.Contain(Vupe.Server.Portal.CitizenServices.NotOnline));

        // The service's start form (vupe:formKey on its start event): drawn as plain fields, its required answers checked.
        var stepTwo = await browser.GetAsync(Step);
        Assert.That(stepTwo.StatusCode, Is.EqualTo(HttpStatusCode.OK), await stepTwo.Content.ReadAsStringAsync());
        Assert.That(browser.Html, Does.Contain("name=\"r.objetivoLaboral\"").And.Contain("¿Hace cuánto busca empleo?").And.Contain("Redes sociales"));
        var (unanswered, none) = await SubmitAsync(browser, Step, new() { ["Service"] = "asesoria-busqueda-empleo", ["Office"] = "CUS", ["r.objetivoLaboral"] = "  " });
        Assert.That((unanswered.StatusCode, none), Is.EqualTo((HttpStatusCode.OK, (string?)null)), "nothing opened");
        Assert.That(browser.Html, Does.Contain("id=\"r-objetivoLaboral-error\">Este campo es obligatorio."));
        Assert.That(browser.Html, Does.Contain("id=\"r-tiempoBuscando-error\">Este campo es obligatorio."));
        Assert.That(await CasesOfAsync(citizen), Is.Empty, "a refused request opens no case");

        Dictionary<string, string> Answered(string token) => new()
        {
            ["Service"] = "asesoria-busqueda-empleo", ["Office"] = "CUS", ["Reason"] = "Quiero mejorar mi hoja de vida", ["Token"] = token,
            ["r.objetivoLaboral"] = "Auxiliar contable", ["r.tiempoBuscando"] = "1-3-meses", ["r.modalidadPreferida"] = "presencial", ["r.tieneCv"] = "true",
        };
        await browser.GetAsync(Step);
        var token = TokenOf(browser.Html);
        var response = await browser.PostFormAsync(Step, Answered(token));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), browser.Html);
        var caseNumber = Uri.UnescapeDataString(CaseOf().Match(response.Headers.Location!.OriginalString).Groups[1].Value);
        var twice = await browser.PostFormAsync(Step, Answered(token));
        Assert.That(twice.Headers.Location?.OriginalString, Does.Contain(Uri.EscapeDataString(caseNumber)), "a double tap goes to the same case");

        var caseFile = await CaseByNumberAsync(citizen, caseNumber);
        Assert.That(caseFile.GetProperty("officeCode").GetString(), Is.EqualTo("CUS"));
        var caseId = caseFile.GetProperty("id").GetGuid();
        var consultant = await As("consultor.cus");
        var detail = await consultant.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        Assert.That(detail.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("elementId").GetString()), Is.EqualTo(new[] { "recibirCv" }));
        var variables = detail.GetProperty("variables");
        Assert.That((variables.GetProperty("objetivoLaboral").GetString(), variables.GetProperty("tiempoBuscando").GetString(), variables.GetProperty("tieneCv").GetBoolean()),
            Is.EqualTo(("Auxiliar contable", "1-3-meses", true)), "the start form's answers are the case's first variables");
        Assert.That(variables.GetProperty("canalesUsados").GetArrayLength(), Is.Zero, "an unticked checklist is an empty answer");
        Assert.That(variables.GetProperty("servicio").GetString(), Is.EqualTo("asesoria-busqueda-empleo"));

        await browser.GetAsync($"/mi-vupe/expedientes/{caseNumber}");
        Assert.That(browser.Html, Does.Contain("Asesoría para la búsqueda de empleo").And.Contain("necesita que suba: Currículum vitae"));

        // Mails: the opening and the document the office waits for, once each whatever the number of scans.
        var email = Email(citizen);
        var first = await ScanAsync();
        Assert.That(first.Sent, Is.GreaterThanOrEqualTo(2));
        var mails = MailsTo(email).Where(m => m.Subject!.Contains(caseNumber!, StringComparison.Ordinal)).ToList();
        Assert.That(mails, Has.Count.EqualTo(2));
        Assert.That(mails.Select(m => m.TextBody), Has.Some.Contain("fue abierto").And.Some.Contain("suba un documento"));
        foreach (var mail in mails)
        {
            Assert.That(mail.TextBody ?? "", Does.Contain("/mi-vupe/expedientes/" + Uri.EscapeDataString(caseNumber!)).And.Contain("Asesoría para la búsqueda de empleo"));
            Assert.That(mail.TextBody ?? "", Does.Not.Contain(citizen.GivenNames).And.Not.Contain(citizen.Dni), "no personal data in the mail");
        }
        await ScanAsync();
        Assert.That(MailsTo(email).Count(m => m.Subject!.Contains(caseNumber!, StringComparison.Ordinal)), Is.EqualTo(2), "a second scan mails nothing again");

        // A second citizen can neither read nor upload to the first one's case.
        var (other, _) = await SignUpAsync();
        using var __ = other;
        Assert.That((await other.GetAsync($"/mi-vupe/expedientes/{caseNumber}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        await other.GetAsync("/mi-vupe");
        var stolen = await other.PostFileAsync($"/mi-vupe/expedientes/{caseNumber}?handler=subir", new() { ["tipo"] = "cv" }, "archivo", "cv.pdf", Pdf(), "application/pdf");
        Assert.That(stolen.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        // A file that is not what it says is refused by the same checks as a staff upload.
        await browser.GetAsync($"/mi-vupe/expedientes/{caseNumber}");
        var fake = await browser.PostFileAsync($"/mi-vupe/expedientes/{caseNumber}?handler=subir", new() { ["tipo"] = "cv" }, "archivo", "cv.pdf",
            System.Text.Encoding.ASCII.GetBytes("MZ esto no es un PDF"), "application/pdf");
        Assert.That(fake.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), browser.Html);
        var uploaded = await browser.PostFileAsync($"/mi-vupe/expedientes/{caseNumber}?handler=subir", new() { ["tipo"] = "cv" }, "archivo", "mi-cv.pdf", Pdf(), "application/pdf");
        Assert.That(uploaded.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), browser.Html);
        await browser.GetAsync($"/mi-vupe/expedientes/{caseNumber}");
        Assert.That(browser.Html, Does.Not.Contain("necesita que suba"));

        var documents = await consultant.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/documents");
        Assert.That(documents.EnumerateArray().Select(d => d.GetProperty("kind").GetString()), Is.EqualTo(new[] { "cv" }));
        var trail = await (await As("auditor")).GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/audit");
        var added = trail.EnumerateArray().Single(e => e.GetProperty("action").GetString() == "document.added");
        Assert.That(added.GetProperty("actorId").GetString(), Does.StartWith("ciudadano:"));
        Assert.That(trail.EnumerateArray().Single(e => e.GetProperty("action").GetString() == "case.opened").GetProperty("actorId").GetString(), Does.StartWith("ciudadano:"),
            "the engine command that opened the case acted for the citizen");
        Assert.That(trail.EnumerateArray().Count(e => e.GetProperty("action").GetString() == "portal.notice.sent"), Is.EqualTo(2));

        // With the CV in the case a consultant of the service at Cusco completes the step, and the procedure goes on as at the desk.
        var admin = await As("admin");
        var worker = $"abe{Guid.NewGuid():N}"[..16];
        (await admin.PostAsJsonAsync("/api/admin/users", new
        {
            userName = worker, fullName = "Rosa Huamán Quispe", role = "consultant", officeCode = "CUS", password = VupeServerFactory.Password,
            services = new[] { "asesoria-busqueda-empleo" },
        })).EnsureSuccessStatusCode();
        consultant = await As(worker);
        await CompleteStepAsync(consultant, caseId, "recibirCv", new { });
        await CompleteStepAsync(consultant, caseId, "revisionCv", new { asistencia = "asistio", objetivoLaboral = "Cajero(a)", mejorasCv = new[] { "perfil" }, cvActualizado = true });
    }

    private static byte[] Pdf() => System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

    [GeneratedRegex("id=\"Token\" name=\"Token\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    [GeneratedRegex("/mi-vupe/expedientes/([^?\"]+)")]
    private static partial Regex CaseOf();

    [GeneratedRegex("href=\"/mi-vupe/expedientes/[^\"]+/documentos/[0-9a-f-]{36}\"")]
    private static partial Regex DocumentLink();
}
