using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vupe.Connectors;
using Vupe.Server.Parties;
using Vupe.Server.Portal.Companies;

namespace Vupe.Server.Tests.Portal;

/// <summary>
/// The job bank online: a company signs up with its RUC and a mailed code, posts a vacancy, sees who applied and answers;
/// a citizen finds it, applies once (also under a double tap) with the consent, and follows the answer. And the walls:
/// a company reaches only its own vacancies and candidates, a citizen only their own applications.
/// </summary>
public sealed class JobBankPortalTests : ServerTestBase
{
    private const string Password = "Clave2026Segura";

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Vupe:CitizenRequestsPerMinute"] = "1000";
        settings["Vupe:CitizenRequestsPerDniPerHour"] = "50";
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string EmailOf(string key) => $"j{key}@example.pe";

    /// <summary>A citizen registered at the Cusco office (living in Cusco), signed up to Mi VUPE.</summary>
    private async Task<(PortalBrowser Browser, Guid PartyId, string Name, string Dni)> CitizenInCuscoAsync()
    {
        var citizen = Citizen(c => c.Status == IdentityStatus.Valid);
        var cusco = await As("consultor.cus");
        var created = await cusco.PostAsJsonAsync("/api/parties/persons", new
        {
            documentType = "Dni", documentNumber = citizen.Dni, givenNames = citizen.GivenNames, paternalSurname = citizen.PaternalSurname,
            maternalSurname = citizen.MaternalSurname, birthDate = citizen.BirthDate, ubigeo = "080101",
            consent = new { purpose = "tratamiento-datos", granted = true, channel = "digital", textVersion = "v1" },
        });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var party = await created.Content.ReadFromJsonAsync<JsonElement>();
        var browser = new PortalBrowser(Factory);
        var email = EmailOf(citizen.Dni);
        await browser.GetAsync("/mi-vupe/registro");
        await browser.PostFormAsync("/mi-vupe/registro?handler=codigo", new()
        {
            ["Dni"] = citizen.Dni, ["CheckCharacter"] = DocumentNumbers.DniCheck(citizen.Dni).Digit.ToString(), ["BirthDate"] = Iso(citizen.BirthDate), ["Contact"] = email,
        });
        var done = await browser.PostFormAsync("/mi-vupe/registro", new()
        {
            ["Dni"] = citizen.Dni, ["CheckCharacter"] = DocumentNumbers.DniCheck(citizen.Dni).Digit.ToString(), ["BirthDate"] = Iso(citizen.BirthDate), ["Contact"] = email,
            ["Code"] = SentCodes.LatestMailed(Factory, email), ["Password"] = Password, ["PasswordAgain"] = Password,
        });
        Assert.That(done.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), browser.Html);
        return (browser, party.GetProperty("id").GetGuid(), party.GetProperty("displayName").GetString()!, citizen.Dni);
    }

    /// <summary>
    /// A company signed up online with a fresh RUC that the VUPE already had, with its email (so it publishes at once;
    /// the sign-up of an unknown company, «En validación», is CompanyValidationTests').
    /// </summary>
    private async Task<(PortalBrowser Browser, string Ruc, string Email)> CompanyAsync(string legalName)
    {
        var ruc = JobBankRequests.FreshRuc();
        var email = EmailOf(ruc);
        var staff = await As("consultor.lim");
        (await staff.PostAsJsonAsync("/api/parties/companies", new { ruc, legalName, ubigeo = "150101", contactEmail = email })).EnsureSuccessStatusCode();
        var browser = new PortalBrowser(Factory);
        await browser.GetAsync("/empresas/registro");
        await browser.PostFormAsync("/empresas/registro?handler=codigo", new() { ["Ruc"] = ruc, ["Email"] = email });
        Assert.That(browser.Html, Does.Contain("Enviamos un código de 6 dígitos"), browser.Html);
        Assert.That(browser.Html, Does.Not.Contain("aviso-validacion"), "a company whose email the VUPE knew needs no validation");
        var done = await browser.PostFormAsync("/empresas/registro", new()
        {
            ["Ruc"] = ruc, ["Email"] = email, ["Code"] = SentCodes.LatestMailed(Factory, email), ["Password"] = Password, ["PasswordAgain"] = Password,
        });
        Assert.That(done.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), browser.Html);
        Assert.That(done.Headers.Location?.OriginalString, Is.EqualTo("/empresas?bienvenida=1"));
        Assert.That(browser.Cookies.ContainsKey(CompanyAuthentication.CookieName), Is.True);
        return (browser, ruc, email);
    }

    private static async Task<Guid> PostVacancyAsync(PortalBrowser company, string title, string ubigeo = "150101")
    {
        await company.GetAsync("/empresas/vacantes/publicar");
        var posted = await company.PostFormAsync("/empresas/vacantes/publicar", new()
        {
            ["Title"] = title, ["Description"] = $"{title} para nuestra sede", ["OccupationCode"] = "5120", ["Ubigeo"] = ubigeo, ["MinEducation"] = "secundaria",
            ["MinExperienceMonths"] = "0", ["Skills"] = "cocina criolla, higiene", ["SalaryMin"] = "1500", ["SalaryMax"] = "2200", ["Positions"] = "1",
            ["ClosingDate"] = Iso(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(20)),
        });
        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), company.Html);
        return Guid.Parse(posted.Headers.Location!.OriginalString.Split('/')[^1]);
    }

    private static Task<HttpResponseMessage> ApplyAsync(PortalBrowser citizen, Guid vacancyId, bool consent) =>
        citizen.PostFormAsync($"/mi-vupe/empleos/{vacancyId}", consent ? new() { ["Consent"] = "true" } : new());

    private List<MimeKit.MimeMessage> MailsTo(string address)
    {
        var folder = Path.Combine(Factory.DataDirectory, "correo");
        return [.. Directory.GetFiles(folder, "*.eml").Select(f => MimeKit.MimeMessage.Load(f))
            .Where(m => m.To.Mailboxes.Any(b => b.Address.Equals(address, StringComparison.OrdinalIgnoreCase)))];
    }

    [Test]
    public async Task A_company_in_Lima_posts_a_citizen_in_Cusco_applies_once_the_company_hires_and_both_are_told()
    {
        var (company, _, companyEmail) = await CompanyAsync("Restaurantes Miraflores S.A.C.");
        var title = $"Cocinero de línea {Guid.NewGuid().ToString("N")[..6]}";
        var vacancyId = await PostVacancyAsync(company, title);
        var staff = await As("consultor.lim");
        var vacancy = await staff.GetFromJsonAsync<JsonElement>($"/api/vacancies/{vacancyId}");
        Assert.That(vacancy.GetProperty("officeCode").GetString(), Is.EqualTo("LIM"), "a vacancy in Lima Metropolitana is the LIM office's");
        Assert.That(vacancy.GetProperty("companyName").GetString(), Is.EqualTo("Restaurantes Miraflores S.A.C."));

        var (citizen, partyId, name, dni) = await CitizenInCuscoAsync();
        await citizen.GetAsync($"/mi-vupe/empleos?q={Uri.EscapeDataString(title.Split(' ')[^1])}&region=15");
        Assert.That(citizen.Html, Does.Contain(title), "the national search finds the Lima vacancy from Cusco");

        // Without the consent there is no application; the page says what to do.
        await citizen.GetAsync($"/mi-vupe/empleos/{vacancyId}");
        await ApplyAsync(citizen, vacancyId, consent: false);
        Assert.That(citizen.Html, Does.Contain("marque la autorización"));
        Assert.That((await staff.GetFromJsonAsync<JsonElement>($"/api/vacancies/{vacancyId}/referrals")).GetArrayLength(), Is.Zero);

        // A double tap: two posts at once, and a third later — one application.
        var taps = await Task.WhenAll(ApplyAsync(citizen, vacancyId, consent: true), ApplyAsync(citizen, vacancyId, consent: true));
        Assert.That(taps.Select(t => t.StatusCode), Is.All.EqualTo(HttpStatusCode.Redirect));
        await citizen.GetAsync($"/mi-vupe/empleos/{vacancyId}");
        Assert.That(citizen.Html, Does.Contain("Ya postuló a esta vacante"));
        var referrals = await staff.GetFromJsonAsync<JsonElement>($"/api/vacancies/{vacancyId}/referrals");
        Assert.That(referrals.GetArrayLength(), Is.EqualTo(1));
        Assert.That(referrals[0].GetProperty("channel").GetString(), Is.EqualTo("Application"));
        Assert.That(referrals[0].GetProperty("seekerPartyId").GetGuid(), Is.EqualTo(partyId));

        // The consultant of the vacancy's office sees it on the staff vacancy page.
        var page = await staff.GetStringAsync($"/bolsa/vacante/{vacancyId}");
        Assert.That(page, Does.Contain(name).And.Contain("Postulación en línea"));

        // The company sees the candidate with only what is shared, and hires.
        await company.GetAsync($"/empresas/vacantes/{vacancyId}");
        Assert.That(company.Html, Does.Contain(name).And.Contain("Postulación recibida").And.Contain("Cusco"));
        Assert.That(company.Html, Does.Not.Contain(dni), "the company never sees the DNI");
        var start = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7);
        var hired = await company.PostFormAsync($"/empresas/vacantes/{vacancyId}?handler=responder", new()
        {
            ["referralId"] = referrals[0].GetProperty("id").GetGuid().ToString(), ["respuesta"] = "Hired", ["fechaInicio"] = Iso(start),
            ["version"] = referrals[0].GetProperty("version").GetInt64().ToString(CultureInfo.InvariantCulture),
        });
        Assert.That(hired.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), company.Html);

        var after = await staff.GetFromJsonAsync<JsonElement>($"/api/vacancies/{vacancyId}");
        Assert.That(after.GetProperty("positionsFilled").GetInt32(), Is.EqualTo(1));
        Assert.That(after.GetProperty("status").GetString(), Is.EqualTo("Filled"));
        await citizen.GetAsync("/mi-vupe/postulaciones");
        Assert.That(citizen.Html, Does.Contain(title).And.Contain("Contratado").And.Contain($"Inicio: {start:dd/MM/yyyy}"));

        Assert.That(MailsTo(companyEmail).Any(m => (m.Subject ?? "").Contains(title, StringComparison.Ordinal) && (m.TextBody ?? "").Contains("Contratado", StringComparison.Ordinal)), Is.True,
            "the company is told its answer was recorded");
        Assert.That(MailsTo(EmailOf(dni)).Any(m => (m.Subject ?? "").StartsWith("La empresa respondió", StringComparison.Ordinal) && (m.TextBody ?? "").Contains("Contratado", StringComparison.Ordinal)),
            Is.True, "the citizen is told the company's answer");
    }

    [Test]
    public async Task A_company_reaches_only_its_own_vacancies_and_candidates_and_a_citizen_only_their_own_applications()
    {
        var (owner, _, _) = await CompanyAsync("Constructora Andina S.A.C.");
        var (other, _, _) = await CompanyAsync("Minera del Sur S.A.C.");
        var title = $"Maestro de obra {Guid.NewGuid().ToString("N")[..6]}";
        var vacancyId = await PostVacancyAsync(owner, title);
        var othersVacancy = await PostVacancyAsync(other, "Operario de planta");
        var (citizen, _, name, _) = await CitizenInCuscoAsync();
        await citizen.GetAsync($"/mi-vupe/empleos/{vacancyId}");
        await ApplyAsync(citizen, vacancyId, consent: true);
        var staff = await As("consultor.lim");
        var referralId = (await staff.GetFromJsonAsync<JsonElement>($"/api/vacancies/{vacancyId}/referrals"))[0].GetProperty("id").GetGuid();

        // The other company: the vacancy, its edit form and its candidates do not exist for it; nor do answers or closing.
        Assert.That((await other.GetAsync($"/empresas/vacantes/{vacancyId}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await other.GetAsync($"/empresas/vacantes/publicar/{vacancyId}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        await other.GetAsync($"/empresas/vacantes/{othersVacancy}");
        Assert.That(other.Html, Does.Not.Contain(name));
        var answer = new Dictionary<string, string> { ["referralId"] = referralId.ToString(), ["respuesta"] = "Rejected", ["version"] = "0" };
        Assert.That((await other.PostFormAsync($"/empresas/vacantes/{othersVacancy}?handler=responder", new(answer))).StatusCode, Is.EqualTo(HttpStatusCode.NotFound),
            "another company's candidate, answered through one's own vacancy");
        await other.GetAsync($"/empresas/vacantes/{othersVacancy}");
        Assert.That((await other.PostFormAsync($"/empresas/vacantes/{vacancyId}?handler=responder", new(answer))).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        await other.GetAsync($"/empresas/vacantes/{othersVacancy}");
        Assert.That((await other.PostFormAsync($"/empresas/vacantes/{vacancyId}?handler=cerrar", new() { ["version"] = "0" })).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        await other.GetAsync("/empresas");
        Assert.That(other.Html, Does.Not.Contain(title));
        var state = await staff.GetFromJsonAsync<JsonElement>($"/api/vacancies/{vacancyId}/referrals");
        Assert.That(state[0].GetProperty("status").GetString(), Is.EqualTo("Referred"), "nothing the other company sent changed the application");

        // Another citizen sees none of the first one's applications.
        var (second, _, _, _) = await CitizenInCuscoAsync();
        await second.GetAsync("/mi-vupe/postulaciones");
        Assert.That(second.Html, Does.Not.Contain(title));
        await citizen.GetAsync("/mi-vupe/postulaciones");
        Assert.That(citizen.Html, Does.Contain(title));

        // Once closed, the vacancy stays readable to who applied, and does not exist for anyone else.
        await owner.GetAsync($"/empresas/vacantes/{vacancyId}");
        var version = (await staff.GetFromJsonAsync<JsonElement>($"/api/vacancies/{vacancyId}")).GetProperty("version").GetInt64();
        Assert.That((await owner.PostFormAsync($"/empresas/vacantes/{vacancyId}?handler=cerrar", new() { ["version"] = version.ToString(CultureInfo.InvariantCulture) })).StatusCode,
            Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await citizen.GetAsync($"/mi-vupe/empleos/{vacancyId}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await second.GetAsync($"/mi-vupe/empleos/{vacancyId}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        // The schemes do not mix: a company's cookie is no citizen's or staff's, and a citizen's is no company's.
        var companyAtCitizens = await owner.GetAsync("/mi-vupe/postulaciones");
        Assert.That(companyAtCitizens.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(companyAtCitizens.Headers.Location?.OriginalString, Does.Contain("/mi-vupe/ingresar"));
        var citizenAtCompanies = await citizen.GetAsync("/empresas");
        Assert.That(citizenAtCompanies.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(citizenAtCompanies.Headers.Location?.OriginalString, Does.Contain("/empresas/ingresar"));
        Assert.That((await owner.GetAsync("/api/vacancies")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task A_withdrawn_consent_hides_the_candidate_from_the_company()
    {
        var (company, _, _) = await CompanyAsync("Hospedajes Cusqueños S.A.C.");
        var vacancyId = await PostVacancyAsync(company, "Recepcionista bilingüe", ubigeo: "080101");
        var (citizen, partyId, name, _) = await CitizenInCuscoAsync();
        await citizen.GetAsync($"/mi-vupe/empleos/{vacancyId}");
        await ApplyAsync(citizen, vacancyId, consent: true);
        await company.GetAsync($"/empresas/vacantes/{vacancyId}");
        Assert.That(company.Html, Does.Contain(name));

        var cusco = await As("consultor.cus");
        var withdrawn = await cusco.PostAsJsonAsync($"/api/parties/{partyId}/consents", new { purpose = "intermediacion-laboral", granted = false, channel = "escrito", textVersion = "v1" });
        Assert.That((int)withdrawn.StatusCode, Is.InRange(200, 201), await withdrawn.Content.ReadAsStringAsync());
        await company.GetAsync($"/empresas/vacantes/{vacancyId}");
        Assert.That(company.Html, Does.Not.Contain(name));
        Assert.That(company.Html, Does.Contain("retiró su autorización"));
    }

    [Test]
    public async Task Company_sign_up_checks_the_RUC_and_allows_one_account_per_RUC()
    {
        using var browser = new PortalBrowser(Factory);
        await browser.GetAsync("/empresas/registro");
        var ruc = JobBankRequests.FreshRuc();
        var wrong = ruc[..10] + (ruc[10] == '9' ? '0' : (char)(ruc[10] + 1));
        await browser.PostFormAsync("/empresas/registro?handler=codigo", new() { ["Ruc"] = wrong, ["Email"] = "mala@example.pe" });
        Assert.That(browser.Html, Does.Not.Contain("Enviamos un código"));
        Assert.That(browser.Html, Does.Contain("RUC"));

        var (_, taken, _) = await CompanyAsync("Primera S.A.C.");
        await browser.PostFormAsync("/empresas/registro?handler=codigo", new() { ["Ruc"] = taken, ["Email"] = "segunda@example.pe" });
        Assert.That(browser.Html, Does.Contain("ya tiene una cuenta"));

        // A RUC the VUPE already knows with an email: the code goes only to that email.
        var staff = await As("consultor.lim");
        var known = JobBankRequests.FreshRuc();
        (await staff.PostAsJsonAsync("/api/parties/companies", new { ruc = known, legalName = "Conocida S.A.C.", ubigeo = "150101", contactEmail = "rrhh@conocida.pe" })).EnsureSuccessStatusCode();
        await browser.PostFormAsync("/empresas/registro?handler=codigo", new() { ["Ruc"] = known, ["Email"] = "otro@example.pe" });
        Assert.That(browser.Html, Does.Contain("Use el correo que la empresa registró"));
        await browser.PostFormAsync("/empresas/registro?handler=codigo", new() { ["Ruc"] = known, ["Email"] = "rrhh@conocida.pe" });
        Assert.That(browser.Html, Does.Contain("Enviamos un código"));
    }
}
