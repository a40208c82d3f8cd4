using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Vupe.Connectors;
using Vupe.Server.Parties;
using Vupe.Server.Portal;

namespace Vupe.Server.Tests.Portal;

/// <summary>
/// The «comunicaciones» consent takes effect: the daily mail of new recommended vacancies goes only to a citizen who gave
/// it and has not withdrawn it, at most once a day, and its link withdraws the consent (recorded and audited as any other).
/// </summary>
public sealed partial class VacancyDigestTests : ServerTestBase
{
    private const string Password = "Clave2026Segura";

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Vupe:CitizenRequestsPerMinute"] = "1000";
        settings["Vupe:CitizenRequestsPerDniPerHour"] = "50";
    }

    /// <summary>A cook of Cusco with a job-seeker profile and a Mi VUPE account with a verified email; <paramref name="communications"/> the consent's history.</summary>
    private async Task<(Guid PartyId, string Email)> CookAsync(params bool[] communications)
    {
        var citizen = Citizen(c => c.Status == IdentityStatus.Valid);
        var cusco = await As("consultor.cus");
        var person = await (await cusco.PostAsJsonAsync("/api/parties/persons", new
        {
            documentType = "Dni", documentNumber = citizen.Dni, givenNames = citizen.GivenNames, paternalSurname = citizen.PaternalSurname,
            maternalSurname = citizen.MaternalSurname, birthDate = citizen.BirthDate, ubigeo = "080101",
            consent = new { purpose = "tratamiento-datos", granted = true, channel = "digital", textVersion = "v1" },
        })).Content.ReadFromJsonAsync<JsonElement>();
        var partyId = person.GetProperty("id").GetGuid();
        (await cusco.PutAsJsonAsync($"/api/parties/{partyId}/ficha", new
        {
            version = person.GetProperty("version").GetInt64(), ubigeo = "080101",
            education = new[] { new { level = "secundaria", completed = true } },
            workExperience = new[] { new { employer = "Restaurante Inti", position = "Cocinera", from = "2022-01-01", to = "2024-01-01", certified = true } },
            skills = new[] { "Cocina novoandina" },
        })).EnsureSuccessStatusCode();
        (await cusco.PutAsJsonAsync($"/api/parties/{partyId}/jobseeker", new { occupations = new[] { "5120" }, mobility = "Nacional" })).EnsureSuccessStatusCode();
        foreach (var granted in communications)
            (await cusco.PostAsJsonAsync($"/api/parties/{partyId}/consents", new { purpose = "comunicaciones", granted, channel = "escrito", textVersion = "v1" })).EnsureSuccessStatusCode();

        var email = $"d{citizen.Dni}@example.pe";
        using var browser = new PortalBrowser(Factory);
        var check = DocumentNumbers.DniCheck(citizen.Dni).Digit.ToString();
        var birth = citizen.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await browser.GetAsync("/mi-vupe/registro");
        await browser.PostFormAsync("/mi-vupe/registro?handler=codigo", new() { ["Dni"] = citizen.Dni, ["CheckCharacter"] = check, ["BirthDate"] = birth, ["Contact"] = email });
        var done = await browser.PostFormAsync("/mi-vupe/registro", new()
        {
            ["Dni"] = citizen.Dni, ["CheckCharacter"] = check, ["BirthDate"] = birth, ["Contact"] = email,
            ["Code"] = SentCodes.LatestMailed(Factory, email), ["Password"] = Password, ["PasswordAgain"] = Password,
        });
        Assert.That(done.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), browser.Html);
        return (partyId, email);
    }

    private async Task<VacancyDigestResult> RunDigestAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<VacancyDigestScan>().RunAsync(CancellationToken.None);
    }

    private List<MimeKit.MimeMessage> DigestsTo(string address) =>
        [.. Directory.GetFiles(Path.Combine(Factory.DataDirectory, "correo"), "*.eml").Select(f => MimeKit.MimeMessage.Load(f))
            .Where(m => m.To.Mailboxes.Any(b => b.Address.Equals(address, StringComparison.OrdinalIgnoreCase)) && m.Subject?.Contains("para usted", StringComparison.Ordinal) == true)];

    [GeneratedRegex(@"/mi-vupe/comunicaciones/baja\?t=(\S+)")]
    private static partial Regex UnsubscribeLink();

    [Test]
    public async Task Only_a_citizen_who_gave_the_communications_consent_gets_the_vacancies_once_a_day_and_its_link_withdraws_it()
    {
        var (consenting, consentingEmail) = await CookAsync(true);
        var (_, neverAskedEmail) = await CookAsync();
        var (_, withdrewEmail) = await CookAsync(true, false);
        var staff = await As("consultor.lim");
        var company = await JobBankRequests.CreateCompanyAsync(staff, "Hoteles del Pacífico SAC");
        var title = $"Cocinero de hotel {Guid.NewGuid().ToString("N")[..6]}";
        await JobBankRequests.PostVacancyAsync(staff, company, title, "5120", "150122");

        var first = await RunDigestAsync();
        Assert.That(first.Sent, Is.GreaterThanOrEqualTo(1));
        var mail = DigestsTo(consentingEmail).Single();
        Assert.That(mail.TextBody, Does.Contain(title).And.Contain("Hoteles del Pacífico SAC").And.Contain("/mi-vupe/empleos/"));
        Assert.That(DigestsTo(neverAskedEmail), Is.Empty, "no consent, no information about vacancies");
        Assert.That(DigestsTo(withdrewEmail), Is.Empty, "a withdrawn consent sends nothing");

        await JobBankRequests.PostVacancyAsync(staff, company, $"Ayudante de cocina {Guid.NewGuid().ToString("N")[..6]}", "5120", "150122");
        await RunDigestAsync();
        Assert.That(DigestsTo(consentingEmail), Has.Count.EqualTo(1), "at most one mail a day");

        // The link: a GET only asks; an altered token is refused; the POST withdraws the consent, audited.
        var token = WebUtility.UrlDecode(UnsubscribeLink().Match(mail.TextBody).Groups[1].Value);
        Assert.That(token, Is.Not.Empty);
        using var browser = new PortalBrowser(Factory);
        await browser.GetAsync($"/mi-vupe/comunicaciones/baja?t={Uri.EscapeDataString(token[..^3] + "AAA")}");
        Assert.That(browser.Html, Does.Contain("baja-invalida"));
        await browser.GetAsync($"/mi-vupe/comunicaciones/baja?t={Uri.EscapeDataString(token)}");
        Assert.That(browser.Html, Does.Contain("Dejar de recibir información"));
        var consents = await staff.GetFromJsonAsync<JsonElement>($"/api/parties/{consenting}");
        var before = consents.GetProperty("consents").GetArrayLength();
        await browser.PostFormAsync("/mi-vupe/comunicaciones/baja", new() { ["t"] = token });
        Assert.That(browser.Html, Does.Contain("baja-hecha"));

        var after = await staff.GetFromJsonAsync<JsonElement>($"/api/parties/{consenting}");
        var latest = after.GetProperty("consents").EnumerateArray().Where(c => c.GetProperty("purpose").GetString() == "comunicaciones")
            .OrderByDescending(c => c.GetProperty("recordedAt").GetDateTimeOffset()).First();
        Assert.That(latest.GetProperty("granted").GetBoolean(), Is.False);
        Assert.That(after.GetProperty("consents").GetArrayLength(), Is.EqualTo(before + 1));
        var trail = await (await As("auditor")).GetFromJsonAsync<JsonElement>($"/api/parties/{consenting}/audit");
        var actions = trail.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.That(actions, Does.Contain("consent.withdrawn").And.Contain("portal.comunicaciones.sent"));
    }

    [Test]
    public async Task The_unsubscribe_page_without_a_token_of_ours_changes_nothing()
    {
        using var browser = new PortalBrowser(Factory);
        Assert.That((await browser.GetAsync("/mi-vupe/comunicaciones/baja")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(browser.Html, Does.Contain("baja-invalida"));
        await browser.GetAsync("/mi-vupe/ingresar"); // a form's token: the invalid page has no form
        await browser.PostFormAsync("/mi-vupe/comunicaciones/baja", new() { ["t"] = Guid.NewGuid().ToString("N") });
        Assert.That(browser.Html, Does.Contain("baja-invalida").And.Not.Contain("baja-hecha"));
    }
}
