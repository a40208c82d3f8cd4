using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Vupe.Connectors;
using Vupe.Server.JobBank;
using Vupe.Server.Parties;
using Vupe.Server.Portal;

namespace Vupe.Server.Tests.Portal;

/// <summary>
/// "Mi ficha" on Mi VUPE: education, experience and skills corrected by the citizen (and reaching the job bank as a
/// consultant's change does), consents given and withdrawn with effect on every sharing, the download of all the data —
/// and a second citizen who can never read or change the first one's through any of these routes.
/// </summary>
public sealed class PortalFichaTests : ServerTestBase
{
    private const string Password = "Clave2026Segura";

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Vupe:CitizenRequestsPerMinute"] = "1000";
        settings["Vupe:CitizenRequestsPerDniPerHour"] = "50";
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Email(string dni) => $"ficha{dni}@example.pe";

    /// <summary>Registers the citizen's ficha at the Cusco office, then signs them up on Mi VUPE.</summary>
    private async Task<(PortalBrowser Browser, Guid PartyId, CitizenIdentity Citizen)> CitizenAsync(string office = "consultor.cus")
    {
        var citizen = Citizen(c => c.Status == IdentityStatus.Valid);
        var partyId = (await CreatePersonAsync(office, citizen.Dni)).GetProperty("id").GetGuid();
        var browser = new PortalBrowser(Factory);
        var email = Email(citizen.Dni);
        await browser.GetAsync("/mi-vupe/registro");
        var step1 = new Dictionary<string, string>
        {
            ["Dni"] = citizen.Dni, ["CheckCharacter"] = DocumentNumbers.DniCheck(citizen.Dni).Digit.ToString(), ["BirthDate"] = Iso(citizen.BirthDate), ["Contact"] = email,
        };
        await browser.PostFormAsync("/mi-vupe/registro?handler=codigo", new(step1));
        var step2 = new Dictionary<string, string>(step1) { ["Code"] = SentCodes.LatestMailed(Factory, email), ["Password"] = Password, ["PasswordAgain"] = Password };
        var created = await browser.PostFormAsync("/mi-vupe/registro", step2);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), browser.Html);
        return (browser, partyId, citizen);
    }

    private static long VersionIn(string html)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, "name=\"(?:version|Version)\" value=\"(\\d+)\"");
        Assert.That(match.Success, Is.True, "the page carries the version read");
        return long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private async Task<JsonElement> FichaAsync(Guid partyId) => await (await As("consultor.cus")).GetFromJsonAsync<JsonElement>($"/api/parties/{partyId}");

    private async Task<List<JsonElement>> TrailAsync(Guid partyId) =>
        [.. (await (await As("auditor")).GetFromJsonAsync<JsonElement>($"/api/parties/{partyId}/audit")).EnumerateArray()];

    private async Task AddEducationAsync(PortalBrowser browser, string level, string field, string year = "2019")
    {
        await browser.GetAsync("/mi-vupe/ficha/estudio");
        var saved = await browser.PostFormAsync("/mi-vupe/ficha/estudio", new()
        {
            ["Version"] = VersionIn(browser.Html).ToString(CultureInfo.InvariantCulture), ["Level"] = level, ["Field"] = field,
            ["Institution"] = "Instituto Khipu", ["Year"] = year, ["Completed"] = "true",
        });
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), browser.Html);
    }

    [Test]
    public async Task The_citizen_adds_corrects_and_removes_education_experience_and_skills_and_the_job_bank_follows()
    {
        var (browser, partyId, _) = await CitizenAsync();
        using var _b = browser;
        var cusco = await As("consultor.cus");
        (await cusco.PutAsJsonAsync($"/api/parties/{partyId}/jobseeker", new { occupations = new[] { "5120" }, mobility = "Nacional" })).EnsureSuccessStatusCode();

        await AddEducationAsync(browser, "tecnica", "Cocina");
        await browser.PostFormAsync("/mi-vupe/ficha/experiencia", new()
        {
            ["Version"] = VersionIn((await GetHtmlAsync(browser, "/mi-vupe/ficha/experiencia"))).ToString(CultureInfo.InvariantCulture),
            ["Employer"] = "Restaurante Inti", ["Position"] = "Cocinera", ["From"] = "2021-03-01", ["To"] = "2023-03-01",
        });
        await browser.GetAsync("/mi-vupe/ficha/habilidades");
        await browser.PostFormAsync("/mi-vupe/ficha/habilidades", new() { ["Version"] = VersionIn(browser.Html).ToString(CultureInfo.InvariantCulture), ["Skills"] = "Repostería\nCocina novoandina\nrepostería" });

        await browser.GetAsync("/mi-vupe/ficha?guardado=true");
        Assert.That(browser.Html, Does.Contain("Técnica").And.Contain("Cocina").And.Contain("Restaurante Inti").And.Contain("Cocina novoandina"));
        var person = (await FichaAsync(partyId)).GetProperty("person");
        Assert.That(person.GetProperty("education")[0].GetProperty("level").GetString(), Is.EqualTo("tecnica"));
        Assert.That(person.GetProperty("workExperience")[0].GetProperty("employer").GetString(), Is.EqualTo("Restaurante Inti"));
        Assert.That(person.GetProperty("skills").EnumerateArray().Select(s => s.GetString()), Is.EqualTo(new[] { "Repostería", "Cocina novoandina" }), "duplicates folded");

        var seeker = await cusco.GetFromJsonAsync<JsonElement>($"/api/parties/{partyId}/jobseeker");
        Assert.That(seeker.GetProperty("education").GetString(), Is.EqualTo("Técnica"), "the job bank's snapshot followed the citizen's change");
        Assert.That(seeker.GetProperty("experienceMonths").GetInt32(), Is.EqualTo(24));
        Assert.That(seeker.GetProperty("skills").EnumerateArray().Select(s => s.GetString()), Does.Contain("Cocina novoandina"));

        // Corrected, then removed.
        await browser.GetAsync("/mi-vupe/ficha/estudio?n=0");
        Assert.That(browser.Html, Does.Contain("value=\"Cocina\""), "the edit form shows the entry");
        await browser.PostFormAsync("/mi-vupe/ficha/estudio?n=0", new()
        {
            ["Version"] = VersionIn(browser.Html).ToString(CultureInfo.InvariantCulture), ["N"] = "0", ["Level"] = "universitaria", ["Field"] = "Gastronomía", ["Completed"] = "false",
        });
        person = (await FichaAsync(partyId)).GetProperty("person");
        Assert.That(person.GetProperty("education").GetArrayLength(), Is.EqualTo(1));
        Assert.That(person.GetProperty("education")[0].GetProperty("field").GetString(), Is.EqualTo("Gastronomía"));
        await browser.GetAsync("/mi-vupe/ficha");
        var removed = await browser.PostFormAsync("/mi-vupe/ficha?handler=quitarExperiencia", new() { ["version"] = VersionIn(browser.Html).ToString(CultureInfo.InvariantCulture), ["n"] = "0" });
        Assert.That(removed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), browser.Html);
        Assert.That((await FichaAsync(partyId)).GetProperty("person").GetProperty("workExperience").GetArrayLength(), Is.Zero);
        seeker = await cusco.GetFromJsonAsync<JsonElement>($"/api/parties/{partyId}/jobseeker");
        Assert.That(seeker.GetProperty("experienceMonths").GetInt32(), Is.Zero, "removing the job reached the matching's snapshot");

        var updates = (await TrailAsync(partyId)).Where(e => e.GetProperty("action").GetString() == "party.updated").ToList();
        Assert.That(updates, Has.Count.EqualTo(5));
        Assert.That(updates.Select(e => e.GetProperty("actorId").GetString()), Has.All.StartsWith("ciudadano:"), "the citizen is the actor of their changes");
    }

    private static async Task<string> GetHtmlAsync(PortalBrowser browser, string url)
    {
        await browser.GetAsync(url);
        return browser.Html;
    }

    [Test]
    public async Task Invalid_entries_are_refused_with_Spanish_messages_next_to_their_fields_and_a_stale_version_is_told()
    {
        var (browser, partyId, _) = await CitizenAsync();
        using var _b = browser;
        await browser.GetAsync("/mi-vupe/ficha/estudio");
        var version = VersionIn(browser.Html).ToString(CultureInfo.InvariantCulture);
        var refused = await browser.PostFormAsync("/mi-vupe/ficha/estudio", new() { ["Version"] = version, ["Level"] = "doctorado-en-magia", ["Year"] = "1850" });
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(browser.Html, Does.Match("data-valmsg-for=\"Level\"[^>]*>Elija su nivel de estudios."));
        Assert.That(browser.Html, Does.Match("data-valmsg-for=\"Year\"[^>]*>Escriba un año entre 1930"));
        await browser.PostFormAsync("/mi-vupe/ficha/estudio", new() { ["Version"] = version, ["Level"] = "primaria", ["Year"] = "dos mil" });
        Assert.That(browser.Html, Does.Match("data-valmsg-for=\"Year\"[^>]*>Escriba el año con 4 cifras"));

        await browser.GetAsync("/mi-vupe/ficha/experiencia");
        await browser.PostFormAsync("/mi-vupe/ficha/experiencia", new() { ["Version"] = version, ["Employer"] = "", ["From"] = "2023-05-01", ["To"] = "2022-01-01" });
        Assert.That(browser.Html, Does.Match("data-valmsg-for=\"Employer\"[^>]*>Este campo es obligatorio."));
        Assert.That(browser.Html, Does.Match("data-valmsg-for=\"To\"[^>]*>La fecha de fin es anterior a la de inicio."));
        Assert.That((await FichaAsync(partyId)).GetProperty("version").GetInt64().ToString(CultureInfo.InvariantCulture), Is.EqualTo(version), "nothing was saved");

        // The ficha changes after a page was read (another tab, or a consultant): the stale form is told so instead of removing the wrong entry.
        await AddEducationAsync(browser, "secundaria", "Ciencias");
        var stale = (await FichaAsync(partyId)).GetProperty("version").GetInt64();
        await AddEducationAsync(browser, "tecnica", "Electricidad");
        await browser.GetAsync("/mi-vupe/ficha");
        var conflict = await browser.PostFormAsync("/mi-vupe/ficha?handler=quitarEstudio", new() { ["version"] = stale.ToString(CultureInfo.InvariantCulture), ["n"] = "0" });
        Assert.That(conflict.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(WebUtility.HtmlDecode(browser.Html), Does.Contain(CitizenFicha.Conflict));
        Assert.That((await FichaAsync(partyId)).GetProperty("person").GetProperty("education").GetArrayLength(), Is.EqualTo(2));
    }

    /// <summary>A cook in Cusco who consented at the office, and a Lima vacancy that fits her.</summary>
    private async Task<(Guid Vacancy, Guid Company)> CookAndVacancyAsync(Guid partyId)
    {
        var cusco = await As("consultor.cus");
        var ficha = await FichaAsync(partyId);
        (await cusco.PutAsJsonAsync($"/api/parties/{partyId}/ficha", new
        {
            version = ficha.GetProperty("version").GetInt64(), ubigeo = "080101", email = ficha.GetProperty("person").GetProperty("email").GetString(),
            phone = ficha.GetProperty("person").GetProperty("phone").GetString(),
            education = new[] { new { level = "secundaria", completed = true } },
        })).EnsureSuccessStatusCode();
        (await cusco.PostAsJsonAsync($"/api/parties/{partyId}/consents", new { purpose = "intermediacion-laboral", granted = true, channel = "escrito", textVersion = "v1" })).EnsureSuccessStatusCode();
        (await cusco.PutAsJsonAsync($"/api/parties/{partyId}/jobseeker", new { occupations = new[] { "5120" }, mobility = "Nacional" })).EnsureSuccessStatusCode();
        var lima = await As("consultor.lim");
        var company = await JobBankRequests.CreateCompanyAsync(lima, "Hoteles del Sur SAC");
        var vacancy = (await JobBankRequests.PostVacancyAsync(lima, company, "Cocinera de hotel", "5120", "150122", positions: 3)).GetProperty("id").GetGuid();
        return (vacancy, company);
    }

    private async Task<bool> IsCandidateAsync(Guid vacancy, Guid partyId) =>
        (await (await As("consultor.lim")).GetFromJsonAsync<JsonElement>($"/api/vacancies/{vacancy}/candidates?top=50"))
        .EnumerateArray().Any(c => c.GetProperty("partyId").GetGuid() == partyId);

    private static async Task SetConsentAsync(PortalBrowser browser, string purpose, bool grant)
    {
        await browser.GetAsync("/mi-vupe/consentimientos");
        var answer = await browser.PostFormAsync("/mi-vupe/consentimientos", new() { ["purpose"] = purpose, ["grant"] = grant ? "true" : "false" });
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), browser.Html);
    }

    [Test]
    public async Task Withdrawing_the_job_bank_consent_stops_every_sharing_at_once_and_giving_it_again_restores_it_with_the_history_kept()
    {
        var (browser, partyId, _) = await CitizenAsync();
        using var _b = browser;
        var (vacancy, _) = await CookAndVacancyAsync(partyId);
        var lima = await As("consultor.lim");
        Assert.That(await IsCandidateAsync(vacancy, partyId), Is.True, "consenting: offered to the vacancy");
        var referred = await lima.PostAsJsonAsync($"/api/vacancies/{vacancy}/referrals", new { partyId });
        Assert.That(referred.StatusCode, Is.EqualTo(HttpStatusCode.Created), await referred.Content.ReadAsStringAsync());
        var name = (await FichaAsync(partyId)).GetProperty("displayName").GetString()!;

        await SetConsentAsync(browser, "intermediacion-laboral", grant: false);
        await browser.GetAsync("/mi-vupe/consentimientos?registrado=retirado");
        Assert.That(browser.Html, Does.Contain("Retirado").And.Contain("Usted, en Mi VUPE"));

        Assert.That(await IsCandidateAsync(vacancy, partyId), Is.False, "withdrawn: no longer offered to vacancies");
        var matching = Factory.Services.GetRequiredService<NationalMatching>();
        Assert.That(matching.Index.SeekersFor(NationalMatching.ProfileOf(new Vacancy
        {
            CompanyName = "x", OfficeCode = "LIM", Title = "x", Description = "x", OccupationCode = "5120", Ubigeo = "150122", RegionCode = "15", MinEducation = "secundaria",
            SearchText = "", CreatedBy = "x", ClosingDate = matching.Today.AddDays(5), Status = VacancyStatus.Open,
        }), 500).Select(r => r.Id), Does.Not.Contain(partyId), "out of the national index");
        var list = await lima.GetFromJsonAsync<JsonElement>($"/api/vacancies/{vacancy}/referrals");
        var row = list.EnumerateArray().Single(r => r.GetProperty("seekerPartyId").GetGuid() == partyId);
        Assert.That(row.GetProperty("seekerName").GetString(), Is.EqualTo(ReferralService.WithheldName), "the company's list no longer names her");
        Assert.That(row.GetProperty("withheld").GetBoolean(), Is.True);
        var second = await JobBankRequests.PostVacancyAsync(lima, await JobBankRequests.CreateCompanyAsync(lima, "Otra Cocina SAC"), "Ayudante de cocina", "5120", "150122");
        var refused = await lima.PostAsJsonAsync($"/api/vacancies/{second.GetProperty("id").GetGuid()}/referrals", new { partyId });
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "no new referral");
        Assert.That((await ProblemOf(refused)).ToString(), Does.Contain("29733"));

        var explained = await lima.GetAsync($"/api/vacancies/{vacancy}/match/{partyId}");
        Assert.That(explained.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "another office no longer reads her profile through the match's reasons");
        var ownOffice = await (await As("consultor.cus")).GetAsync($"/api/vacancies/{vacancy}/match/{partyId}");
        Assert.That(ownOffice.StatusCode, Is.EqualTo(HttpStatusCode.OK), "her own office still serves her");

        await SetConsentAsync(browser, "intermediacion-laboral", grant: true);
        Assert.That(await IsCandidateAsync(vacancy, partyId), Is.True, "given again: offered again");
        Assert.That((await lima.GetAsync($"/api/vacancies/{vacancy}/match/{partyId}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        list = await lima.GetFromJsonAsync<JsonElement>($"/api/vacancies/{vacancy}/referrals");
        Assert.That(list.EnumerateArray().Single(r => r.GetProperty("seekerPartyId").GetGuid() == partyId).GetProperty("seekerName").GetString(), Is.EqualTo(name));

        var consents = (await FichaAsync(partyId)).GetProperty("consents").EnumerateArray()
            .Where(c => c.GetProperty("purpose").GetString() == "intermediacion-laboral").ToList();
        Assert.That(consents.Select(c => c.GetProperty("granted").GetBoolean()), Is.EqualTo(new[] { true, false, true }), "every decision kept, none overwritten");
        Assert.That(consents.Skip(1).Select(c => c.GetProperty("channel").GetString()), Has.All.EqualTo("digital"));
        var trail = await TrailAsync(partyId);
        Assert.That(trail.Where(e => e.GetProperty("action").GetString() is "consent.withdrawn" or "consent.granted" && e.GetProperty("actorId").GetString()!.StartsWith("ciudadano:", StringComparison.Ordinal)).Count(),
            Is.EqualTo(2), "both decisions audited with the citizen as actor");
    }

    [Test]
    public async Task Withdrawing_the_general_consent_also_takes_the_seeker_out_of_the_job_bank()
    {
        var (browser, partyId, _) = await CitizenAsync();
        using var _b = browser;
        var (vacancy, _) = await CookAndVacancyAsync(partyId);
        Assert.That(await IsCandidateAsync(vacancy, partyId), Is.True);
        await SetConsentAsync(browser, "tratamiento-datos", grant: false);
        Assert.That(await IsCandidateAsync(vacancy, partyId), Is.False, "the intermediacion-laboral grant alone does not share once the general consent is withdrawn");
        await SetConsentAsync(browser, "tratamiento-datos", grant: true);
        Assert.That(await IsCandidateAsync(vacancy, partyId), Is.True);
    }

    [Test]
    public async Task Withdrawing_the_sensitive_data_consent_hides_disability_from_other_offices_but_not_from_the_office_that_serves_her()
    {
        var (browser, partyId, _) = await CitizenAsync(office: "consultor.cus");
        using var _b = browser;
        var cusco = await As("consultor.cus");
        var ficha = await FichaAsync(partyId);
        (await cusco.PutAsJsonAsync($"/api/parties/{partyId}/ficha", new
        {
            version = ficha.GetProperty("version").GetInt64(), email = ficha.GetProperty("person").GetProperty("email").GetString(),
            disability = new { hasDisability = true, kind = "visual", conadisNumber = "123456" },
        })).EnsureSuccessStatusCode();
        var lima = await As("consultor.lim");
        Assert.That((await lima.GetFromJsonAsync<JsonElement>($"/api/parties/{partyId}")).GetProperty("person").GetProperty("disability").GetProperty("hasDisability").GetBoolean(), Is.True);

        await SetConsentAsync(browser, "datos-sensibles", grant: false);
        var fromLima = await lima.GetFromJsonAsync<JsonElement>($"/api/parties/{partyId}");
        Assert.That(fromLima.GetProperty("person").GetProperty("disability").GetProperty("hasDisability").GetBoolean(), Is.False, "another office no longer sees it");
        Assert.That(fromLima.GetProperty("person").GetProperty("disability").GetProperty("conadisNumber").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(fromLima.GetProperty("sensitiveNotice").GetString(), Does.Contain("29733"));
        var fromCusco = await cusco.GetFromJsonAsync<JsonElement>($"/api/parties/{partyId}");
        Assert.That(fromCusco.GetProperty("person").GetProperty("disability").GetProperty("conadisNumber").GetString(), Is.EqualTo("123456"), "the registering office keeps it for its legal duties");

        // Lima opens a case for her: serving her, it sees what it needs.
        await OpenCaseAsync("consultor.lim", partyId: partyId);
        fromLima = await lima.GetFromJsonAsync<JsonElement>($"/api/parties/{partyId}");
        Assert.That(fromLima.GetProperty("person").GetProperty("disability").GetProperty("hasDisability").GetBoolean(), Is.True);
    }

    [Test]
    public async Task Download_my_data_gives_everything_as_JSON_and_a_signed_PDF_attachment_and_is_audited()
    {
        var (browser, partyId, citizen) = await CitizenAsync();
        using var _b = browser;
        var caseNumber = (await OpenCaseAsync("consultor.cus", partyId: partyId)).GetProperty("caseNumber").GetString()!;
        await AddEducationAsync(browser, "universitaria", "Contabilidad");
        await SetConsentAsync(browser, "comunicaciones", grant: true);
        await SetConsentAsync(browser, "comunicaciones", grant: false);

        var json = await browser.GetAsync("/mi-vupe/mis-datos?handler=json");
        Assert.That(json.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(json.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("attachment"));
        Assert.That(json.Content.Headers.ContentDisposition?.FileName, Does.StartWith("mis-datos-vupe-").And.EndWith(".json").And.Not.Contain(citizen.Dni));
        Assert.That(json.Headers.CacheControl?.NoStore, Is.True);
        var data = JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement;
        Assert.That(data.GetProperty("ficha").GetProperty("documentNumber").GetString(), Is.EqualTo(citizen.Dni));
        Assert.That(data.GetProperty("ficha").GetProperty("person").GetProperty("education")[0].GetProperty("field").GetString(), Is.EqualTo("Contabilidad"));
        var comms = data.GetProperty("consents").EnumerateArray().Single(c => c.GetProperty("purpose").GetString() == "comunicaciones");
        Assert.That(comms.GetProperty("history").GetArrayLength(), Is.EqualTo(2), "the consent's history, not just its state");
        Assert.That(comms.GetProperty("granted").GetBoolean(), Is.False);
        Assert.That(data.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("caseNumber").GetString()), Does.Contain(caseNumber));
        Assert.That(data.GetProperty("cases")[0].GetProperty("status").GetString(), Is.EqualTo("Abierto"));
        Assert.That(data.GetProperty("accesses").EnumerateArray().Select(a => a.GetProperty("action").GetString()), Does.Contain("party.created"), "who read or changed the ficha");
        Assert.That(data.TryGetProperty("documents", out _) && data.TryGetProperty("certificates", out _), Is.True);

        var pdf = await browser.GetAsync("/mi-vupe/mis-datos?handler=pdf");
        Assert.That(pdf.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/pdf"));
        Assert.That(pdf.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("attachment"));
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        var text = await PdfTools.TextAsync(bytes);
        Assert.That(text, Does.Contain("MIS DATOS PERSONALES").And.Contain("Contabilidad").And.Contain(caseNumber).And.Contain("Comunicaciones"));
        var (exit, output) = await PdfTools.PdfSigAsync(bytes);
        Assert.That(output, Does.Contain("Signature #1"), $"signed ({exit})");

        var exports = (await TrailAsync(partyId)).Where(e => e.GetProperty("action").GetString() == "portal.data.exported").ToList();
        Assert.That(exports, Has.Count.EqualTo(2), "each download is an audited read");
        Assert.That(exports.Select(e => e.GetProperty("actorId").GetString()), Has.All.StartsWith("ciudadano:"));
    }

    [Test]
    public async Task A_second_citizen_never_reads_or_changes_the_first_ones_data_through_any_Mi_ficha_route()
    {
        var (first, firstParty, firstCitizen) = await CitizenAsync();
        using var _f = first;
        await AddEducationAsync(first, "posgrado", "Maestría en Economía Andina");
        var firstName = (await FichaAsync(firstParty)).GetProperty("displayName").GetString()!;
        var (second, secondParty, _) = await CitizenAsync();
        using var _s = second;
        var firstVersion = (await FichaAsync(firstParty)).GetProperty("version").GetInt64();

        foreach (var url in new[] { "/mi-vupe/ficha", "/mi-vupe/ficha/estudio?n=0", "/mi-vupe/ficha/experiencia?n=0", "/mi-vupe/ficha/habilidades", "/mi-vupe/consentimientos",
                     $"/mi-vupe/ficha?partyId={firstParty}", $"/mi-vupe/consentimientos?id={firstParty}" })
        {
            await second.GetAsync(url);
            Assert.That(second.Html, Does.Not.Contain("Maestría en Economía Andina").And.Not.Contain(firstName), url);
        }
        foreach (var handler in new[] { "json", "pdf" })
        {
            var download = await second.GetAsync($"/mi-vupe/mis-datos?handler={handler}&partyId={firstParty}");
            var content = handler == "json" ? await download.Content.ReadAsStringAsync() : await PdfTools.TextAsync(await download.Content.ReadAsByteArrayAsync());
            Assert.That(content, Does.Not.Contain(firstCitizen.Dni).And.Not.Contain("Economía Andina"), handler);
        }

        // Posting with the first one's version and index changes only the second's own ficha (here: refused, nothing at that index).
        await second.GetAsync("/mi-vupe/ficha");
        await second.PostFormAsync("/mi-vupe/ficha?handler=quitarEstudio", new() { ["version"] = firstVersion.ToString(CultureInfo.InvariantCulture), ["n"] = "0", ["partyId"] = firstParty.ToString() });
        await second.GetAsync("/mi-vupe/consentimientos");
        await second.PostFormAsync($"/mi-vupe/consentimientos?partyId={firstParty}", new() { ["purpose"] = "tratamiento-datos", ["grant"] = "false", ["partyId"] = firstParty.ToString() });
        var firstNow = await FichaAsync(firstParty);
        Assert.That(firstNow.GetProperty("version").GetInt64(), Is.EqualTo(firstVersion), "the first citizen's ficha is untouched");
        Assert.That(firstNow.GetProperty("person").GetProperty("education").GetArrayLength(), Is.EqualTo(1));
        Assert.That(firstNow.GetProperty("consents").EnumerateArray().Count(c => c.GetProperty("purpose").GetString() == "tratamiento-datos"), Is.EqualTo(1));
        var secondNow = await FichaAsync(secondParty);
        Assert.That(secondNow.GetProperty("consents").EnumerateArray().Last().GetProperty("granted").GetBoolean(), Is.False, "the withdrawal went to the second's own ficha");
    }

    [Test]
    public async Task Anonymous_visitors_and_staff_sessions_are_sent_to_the_citizens_sign_in()
    {
        var anonymous = new PortalBrowser(Factory);
        using var _a = anonymous;
        foreach (var url in new[] { "/mi-vupe/ficha", "/mi-vupe/ficha/estudio", "/mi-vupe/ficha/experiencia", "/mi-vupe/ficha/habilidades", "/mi-vupe/consentimientos",
                     "/mi-vupe/mis-datos", "/mi-vupe/mis-datos?handler=json", "/mi-vupe/mis-datos?handler=pdf" })
        {
            var answer = await anonymous.GetAsync(url);
            Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), url);
            Assert.That(answer.Headers.Location?.OriginalString, Does.Contain("/mi-vupe/ingresar"), url);
        }
        var token = (await Factory.ClientForAsync("auditor")).DefaultRequestHeaders.Authorization!.Parameter;
        var staff = await anonymous.GetAsync("/mi-vupe/mis-datos?handler=json", token);
        Assert.That(staff.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "a staff bearer is not a citizen");
    }
}
