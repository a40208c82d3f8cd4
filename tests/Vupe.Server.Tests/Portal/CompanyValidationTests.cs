using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Vupe.Connectors;
using Vupe.Connectors.Simulation;
using Vupe.Server.Portal.Companies;

namespace Vupe.Server.Tests.Portal;

/// <summary>
/// A company signing up online is checked with SUNAT (ACTIVO and HABIDO; the legal name is SUNAT's), and one whose email
/// the VUPE did not know starts «En validación»: its vacancies are held out of search and matching until a supervisor
/// approves it (published) or rejects it (closed), with a reason mailed to the company and audited.
/// </summary>
public sealed class CompanyValidationTests : ServerTestBase
{
    private const string Password = "Clave2026Segura";

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Vupe:CitizenRequestsPerMinute"] = "1000";
        settings["Vupe:CitizenRequestsPerDniPerHour"] = "50";
    }

    private SimulatorControl Sunat => Factory.Services.GetRequiredService<SimulatorControl>();

    private static Task<HttpResponseMessage> AskCodeAsync(PortalBrowser browser, string ruc, string email, string? typedName = null)
    {
        var form = new Dictionary<string, string> { ["Ruc"] = ruc, ["Email"] = email };
        if (typedName is not null) form["LegalName"] = typedName;
        return browser.PostFormAsync("/empresas/registro?handler=codigo", form);
    }

    /// <summary>Signs up a RUC the VUPE does not know, with <paramref name="legalName"/> as SUNAT's name; the account is «En validación».</summary>
    private async Task<(PortalBrowser Browser, string Ruc, string Email)> UnknownCompanyAsync(string legalName)
    {
        var ruc = JobBankRequests.FreshRuc();
        var email = $"v{ruc}@example.pe";
        Sunat.SetTaxpayer(ruc, new Taxpayer(ruc, legalName, TaxpayerState.Active, TaxpayerCondition.Located));
        var browser = new PortalBrowser(Factory);
        await browser.GetAsync("/empresas/registro");
        await AskCodeAsync(browser, ruc, email, typedName: "Nombre Escrito Por Quien Sea S.A.C.");
        Assert.That(browser.Html, Does.Contain("Enviamos un código").And.Contain(legalName).And.Contain("aviso-validacion"), browser.Html);
        var done = await browser.PostFormAsync("/empresas/registro", new()
        {
            ["Ruc"] = ruc, ["Email"] = email, ["LegalName"] = "Nombre Escrito Por Quien Sea S.A.C.", ["Code"] = SentCodes.LatestMailed(Factory, email),
            ["Password"] = Password, ["PasswordAgain"] = Password,
        });
        Assert.That(done.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), browser.Html);
        return (browser, ruc, email);
    }

    private static async Task<Guid> DraftVacancyAsync(PortalBrowser company, string title)
    {
        await company.GetAsync("/empresas/vacantes/publicar");
        var posted = await company.PostFormAsync("/empresas/vacantes/publicar", new()
        {
            ["Title"] = title, ["Description"] = $"{title} para nuestra sede", ["OccupationCode"] = "5120", ["Ubigeo"] = "150101", ["MinEducation"] = "secundaria",
            ["MinExperienceMonths"] = "0", ["Skills"] = "atención", ["SalaryMin"] = "1500", ["SalaryMax"] = "2200", ["Positions"] = "1",
            ["ClosingDate"] = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), company.Html);
        return Guid.Parse(posted.Headers.Location!.OriginalString.Split('/')[^1]);
    }

    private async Task<PortalBrowser> StaffPagesAsync(string user)
    {
        var staff = new PortalBrowser(Factory);
        await staff.GetAsync("/ingresar");
        var signedIn = await staff.PostFormAsync("/ingresar", new() { ["Usuario"] = user, ["Clave"] = VupeServerFactory.Password });
        Assert.That(signedIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        return staff;
    }

    private async Task<Guid> AccountIdOfAsync(string ruc)
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Vupe.Server.Data.VupeDbContext>();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.CompanyAccounts.Where(a => a.Ruc == ruc).Select(a => a.Id));
    }

    private async Task<JsonElement> PartyOfRucAsync(string ruc)
    {
        var staff = await As("supervisor.lim");
        var found = await staff.GetFromJsonAsync<JsonElement>($"/api/parties?document={ruc}");
        return found.EnumerateArray().Single();
    }

    private List<MimeKit.MimeMessage> MailsTo(string address) =>
        [.. Directory.GetFiles(Path.Combine(Factory.DataDirectory, "correo"), "*.eml").Select(f => MimeKit.MimeMessage.Load(f))
            .Where(m => m.To.Mailboxes.Any(b => b.Address.Equals(address, StringComparison.OrdinalIgnoreCase)))];

    [Test]
    public async Task Sign_up_refuses_a_RUC_SUNAT_does_not_know_or_holds_other_than_active_and_located_saying_why()
    {
        using var browser = new PortalBrowser(Factory);
        await browser.GetAsync("/empresas/registro");
        var cases = new (string Ruc, string Expected)[]
        {
            (SimulatedRucs.NotInSunat, "SUNAT no tiene registrado este RUC"),
            (SimulatedRucs.Deregistered, "con estado «BAJA DEFINITIVA»"),
            (SimulatedRucs.Suspended, "con estado «SUSPENSION TEMPORAL»"),
            (SimulatedRucs.NotLocated, "con condición «NO HABIDO»"),
        };
        foreach (var (ruc, expected) in cases)
        {
            await AskCodeAsync(browser, ruc, "alguien@example.pe");
            Assert.That(browser.Html, Does.Contain(expected).And.Not.Contain("Enviamos un código"), ruc);
        }
        Assert.That(Directory.Exists(Path.Combine(Factory.DataDirectory, "correo")) ? MailsTo("alguien@example.pe") : [], Is.Empty, "no code is sent for a refused RUC");

        Sunat.SetDown(ConnectorNames.Taxpayers);
        try
        {
            await AskCodeAsync(browser, JobBankRequests.FreshRuc(), "alguien@example.pe");
            Assert.That(browser.Html, Does.Contain("No pudimos consultar a SUNAT"));
        }
        finally
        {
            Sunat.SetUp(ConnectorNames.Taxpayers);
        }
    }

    [Test]
    public async Task An_unknown_company_takes_SUNATs_name_and_its_vacancies_wait_unpublished_until_a_supervisor_approves_it()
    {
        var (company, ruc, email) = await UnknownCompanyAsync("Panadería Los Olivos S.A.C.");
        var party = await PartyOfRucAsync(ruc);
        Assert.That(party.GetProperty("displayName").GetString(), Is.EqualTo("Panadería Los Olivos S.A.C."), "the ficha carries SUNAT's name, not the typed one");
        await company.GetAsync("/empresas");
        Assert.That(company.Html, Does.Contain("id=\"validacion\"").And.Contain("en validación"));

        var title = $"Panadero {Guid.NewGuid().ToString("N")[..6]}";
        var vacancyId = await DraftVacancyAsync(company, title);
        await company.GetAsync($"/empresas/vacantes/{vacancyId}");
        Assert.That(company.Html, Does.Contain("Sin publicar: la empresa está en validación"));

        // Not published: no national search finds it, a citizen cannot open it, the staff's open list does not show it.
        var staff = await As("consultor.lim");
        var open = await staff.GetFromJsonAsync<JsonElement>($"/api/vacancies?q={Uri.EscapeDataString(title.Split(' ')[1])}");
        Assert.That(open.GetProperty("total").GetInt32(), Is.Zero);
        using var citizen = new PortalBrowser(Factory);
        Assert.That((await citizen.GetAsync($"/mi-vupe/empleos/{vacancyId}")).StatusCode, Is.Not.EqualTo(HttpStatusCode.OK));
        var referral = await staff.PostAsJsonAsync($"/api/vacancies/{vacancyId}/referrals", new { partyId = Guid.NewGuid() });
        Assert.That(referral.IsSuccessStatusCode, Is.False, "nobody is referred to a held vacancy");

        // The supervisor approves it, with a reason.
        using var supervisor = await StaffPagesAsync("supervisor.cus");
        await supervisor.GetAsync("/bolsa/empresas");
        Assert.That(supervisor.Html, Does.Contain(ruc).And.Contain(email));
        var account = await AccountIdOfAsync(ruc);
        var noReason = await supervisor.PostFormAsync("/bolsa/empresas", new() { ["cuenta"] = account.ToString(), ["decision"] = "validar", ["motivo"] = "" });
        Assert.That(noReason.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(supervisor.Html, Does.Contain("Escriba el motivo"));
        var approved = await supervisor.PostFormAsync("/bolsa/empresas", new() { ["cuenta"] = account.ToString(), ["decision"] = "validar", ["motivo"] = "Confirmado por teléfono con la gerencia" });
        Assert.That(approved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), supervisor.Html);
        await supervisor.GetAsync("/bolsa/empresas");
        Assert.That(supervisor.Html, Does.Not.Contain(ruc));

        open = await staff.GetFromJsonAsync<JsonElement>($"/api/vacancies?q={Uri.EscapeDataString(title.Split(' ')[1])}");
        Assert.That(open.GetProperty("total").GetInt32(), Is.EqualTo(1), "approval publishes the held vacancy");
        await company.GetAsync($"/empresas/vacantes/{vacancyId}");
        Assert.That(company.Html, Does.Contain("Abierta"));
        await company.GetAsync("/empresas");
        Assert.That(company.Html, Does.Not.Contain("id=\"validacion\""));
        var mail = MailsTo(email).Single(m => m.Subject == "Su empresa fue validada en la VUPE");
        Assert.That(mail.TextBody, Does.Contain("Confirmado por teléfono con la gerencia").And.Contain("ya están publicadas"));
        var trail = await (await As("auditor")).GetFromJsonAsync<JsonElement>($"/api/parties/{party.GetProperty("id").GetGuid()}/audit");
        var actions = trail.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.That(actions, Does.Contain("empresa.account.created").And.Contain("empresa.validation.approved").And.Contain("empresa.validation.listed"));

        // Decided once: a second decision is refused.
        await supervisor.GetAsync("/bolsa/empresas");
        await supervisor.PostFormAsync("/bolsa/empresas", new() { ["cuenta"] = account.ToString(), ["decision"] = "rechazar", ["motivo"] = "tarde" });
        Assert.That(supervisor.Html, Does.Contain("ya fue validada o rechazada"));
    }

    [Test]
    public async Task A_rejected_company_has_its_held_vacancies_closed_is_told_why_and_posts_nothing_more()
    {
        var (company, ruc, email) = await UnknownCompanyAsync("Importadora Dudosa S.A.C.");
        var vacancyId = await DraftVacancyAsync(company, "Vendedor de campo");
        using var supervisor = await StaffPagesAsync("supervisor.lim");
        await supervisor.GetAsync("/bolsa/empresas");
        var rejected = await supervisor.PostFormAsync("/bolsa/empresas", new()
        {
            ["cuenta"] = (await AccountIdOfAsync(ruc)).ToString(), ["decision"] = "rechazar", ["motivo"] = "La empresa no reconoce este correo",
        });
        Assert.That(rejected.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), supervisor.Html);

        var vacancy = await (await As("consultor.lim")).GetFromJsonAsync<JsonElement>($"/api/vacancies/{vacancyId}");
        Assert.That(vacancy.GetProperty("status").GetString(), Is.EqualTo("Closed"));
        Assert.That(MailsTo(email).Single(m => m.Subject == "Su empresa no fue validada en la VUPE").TextBody, Does.Contain("La empresa no reconoce este correo"));
        await company.GetAsync("/empresas");
        Assert.That(company.Html, Does.Contain("no validó a su empresa").And.Contain("La empresa no reconoce este correo"));
        await company.GetAsync("/empresas/vacantes/publicar");
        await company.PostFormAsync("/empresas/vacantes/publicar", new()
        {
            ["Title"] = "Otro puesto", ["Description"] = "x", ["OccupationCode"] = "5120", ["Ubigeo"] = "150101", ["MinEducation"] = "secundaria",
            ["MinExperienceMonths"] = "0", ["Positions"] = "1", ["ClosingDate"] = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
        Assert.That(company.Html, Does.Contain("no puede publicar vacantes"));
    }

    [Test]
    public async Task Only_a_supervisor_validates_companies_neither_a_consultant_an_auditor_nor_the_company_itself()
    {
        var (company, ruc, _) = await UnknownCompanyAsync("Servicios Propios S.A.C.");
        var account = (await AccountIdOfAsync(ruc)).ToString();

        // The company's own session is no staff session: it is sent to the staff sign-in, and its POST does nothing.
        var own = await company.GetAsync("/bolsa/empresas");
        Assert.That(own.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(own.Headers.Location?.OriginalString, Does.Contain("/ingresar"));
        await company.GetAsync("/empresas");
        var selfApproval = await company.PostFormAsync("/bolsa/empresas", new() { ["cuenta"] = account, ["decision"] = "validar", ["motivo"] = "yo mismo" });
        Assert.That(selfApproval.StatusCode, Is.Not.EqualTo(HttpStatusCode.OK));

        foreach (var user in new[] { "consultor.lim", "auditor" })
        {
            using var staff = await StaffPagesAsync(user);
            // Refused before the form's token is even looked at.
            var post = await staff.PostFormAsync("/bolsa/empresas", new() { ["cuenta"] = account, ["decision"] = "validar", ["motivo"] = "intento" });
            Assert.That(post.Headers.Location?.OriginalString, Does.Contain("/sin-permiso"), $"{user}: {post.StatusCode}");
            Assert.That((await staff.GetAsync("/bolsa/empresas")).Headers.Location?.OriginalString, Does.Contain("/sin-permiso"), user);
        }
        // Still waiting.
        await company.GetAsync("/empresas");
        Assert.That(company.Html, Does.Contain("en validación"));
        Assert.That(Factory.Services.CreateScope().ServiceProvider.GetRequiredService<Vupe.Server.Data.VupeDbContext>().CompanyAccounts.Single(a => a.Ruc == ruc).Validation,
            Is.EqualTo(CompanyValidation.Pending));
    }
}
