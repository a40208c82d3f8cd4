using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vupe.Connectors;
using Vupe.Server.Parties;
using Vupe.Server.Portal;

namespace Vupe.Server.Tests.Portal;

/// <summary>
/// Mi VUPE through its pages: sign-up (RENIEC data, a code to the contact, a password), sign-in with lockout, sign-out
/// that ends the cookie everywhere, the home with the ficha and the citizen's cases — and the wall between the
/// citizens' scheme and the staff's, both ways.
/// </summary>
public sealed class PortalTests : ServerTestBase
{
    public const string Password = "Clave2026Segura";

    // The tests sign up many citizens from one address; the limits themselves are tested on their own.
    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Vupe:CitizenRequestsPerMinute"] = "1000";
        settings["Vupe:CitizenRequestsPerDniPerHour"] = "50";
    }

    private static string Check(string dni) => DocumentNumbers.DniCheck(dni).Digit.ToString();

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static CitizenIdentity ValidCitizen() => Citizen(c => c.Status == IdentityStatus.Valid);

    private static Dictionary<string, string> StepOne(CitizenIdentity c, string contact, string? check = null, DateOnly? birth = null) => new()
    {
        ["Dni"] = c.Dni, ["CheckCharacter"] = check ?? Check(c.Dni), ["BirthDate"] = Iso(birth ?? c.BirthDate), ["Contact"] = contact,
    };

    private static Dictionary<string, string> StepTwo(CitizenIdentity c, string contact, string code, string password = Password, string? again = null) => new()
    {
        ["Dni"] = c.Dni, ["CheckCharacter"] = Check(c.Dni), ["BirthDate"] = Iso(c.BirthDate), ["Contact"] = contact,
        ["Code"] = code, ["Password"] = password, ["PasswordAgain"] = again ?? password,
    };

    /// <summary>Walks the sign-up as a citizen does; the browser ends signed in (or the assertion says why not).</summary>
    private async Task<PortalBrowser> SignUpAsync(CitizenIdentity citizen, string contact)
    {
        var browser = new PortalBrowser(Factory);
        await browser.GetAsync("/mi-vupe/registro");
        var sent = await browser.PostFormAsync("/mi-vupe/registro?handler=codigo", StepOne(citizen, contact));
        Assert.That(browser.Html, Does.Contain("Enviamos un código de 6 dígitos"), browser.Html);
        Assert.That(sent.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var code = contact.Contains('@', StringComparison.Ordinal) ? SentCodes.LatestMailed(Factory, contact) : SentCodes.LatestTexted(Factory, contact);
        var created = await browser.PostFormAsync("/mi-vupe/registro", StepTwo(citizen, contact, code));
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), browser.Html);
        Assert.That(created.Headers.Location?.OriginalString, Is.EqualTo("/mi-vupe?bienvenida=1"));
        Assert.That(browser.Cookies.ContainsKey(PortalAuthentication.CookieName), Is.True);
        return browser;
    }

    /// <summary>An address of the citizen's own that does not spell the DNI (the home page must not show it whole).</summary>
    private static string Email(CitizenIdentity c) =>
        $"c{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(c.Dni)))[..10]}@example.pe";

    [Test]
    public async Task A_citizen_without_a_ficha_signs_up_and_the_ficha_is_registered_from_RENIEC_with_the_contact_verified()
    {
        var citizen = ValidCitizen();
        using var browser = await SignUpAsync(citizen, Email(citizen));

        var home = await browser.GetAsync("/mi-vupe");
        Assert.That(home.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(browser.Html, Does.Contain(citizen.GivenNames.Split(' ')[0]), "Razor writes accents as themselves");
        Assert.That(browser.Html, Does.Contain("*****" + citizen.Dni[^3..]).And.Not.Contain(citizen.Dni), "the DNI is masked except its last 3 digits");
        Assert.That(browser.Html, Does.Contain(Email(citizen)).And.Contain("verificado"));
        Assert.That(browser.Html, Does.Contain("Todavía no tiene expedientes"));

        var consultant = await As("consultor.lim");
        var found = await consultant.GetFromJsonAsync<JsonElement>($"/api/parties?document={citizen.Dni}");
        Assert.That(found.GetArrayLength(), Is.EqualTo(1), "the sign-up registered the ficha");
        var partyId = found[0].GetProperty("id").GetGuid();
        var ficha = await consultant.GetFromJsonAsync<JsonElement>($"/api/parties/{partyId}");
        Assert.That(ficha.GetProperty("person").GetProperty("email").GetString(), Is.EqualTo(Email(citizen)));
        Assert.That(ficha.GetProperty("person").GetProperty("emailVerifiedAt").ValueKind, Is.EqualTo(JsonValueKind.String));
        Assert.That(ficha.GetProperty("person").GetProperty("identityVerifiedAt").ValueKind, Is.EqualTo(JsonValueKind.String), "RENIEC confirmed the identity");

        var trail = await (await As("auditor")).GetFromJsonAsync<JsonElement>($"/api/parties/{partyId}/audit");
        var actions = trail.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.That(actions, Does.Contain("party.created").And.Contain("party.contact.verified").And.Contain("portal.account.created")
            .And.Contain("portal.ficha.read").And.Contain("portal.cases.read"));
        Assert.That(trail.ToString(), Does.Not.Contain(Password), "no password in the trail");
    }

    [Test]
    public async Task A_citizen_with_a_ficha_and_a_case_sees_the_case_in_Spanish_and_never_another_citizens_case()
    {
        var citizen = ValidCitizen();
        var partyId = (await CreatePersonAsync(dni: citizen.Dni)).GetProperty("id").GetGuid();
        var mine = (await OpenCaseAsync(partyId: partyId)).GetProperty("caseNumber").GetString()!;
        var other = ValidCitizen();
        var othersParty = (await CreatePersonAsync(dni: other.Dni)).GetProperty("id").GetGuid();
        var theirs = (await OpenCaseAsync(partyId: othersParty)).GetProperty("caseNumber").GetString()!;

        using var browser = await SignUpAsync(citizen, Email(citizen));
        await browser.GetAsync("/mi-vupe");
        Assert.That(browser.Html, Does.Contain(mine));
        Assert.That(browser.Html, Does.Contain("Orientación vocacional").And.Contain("Abierto"));
        Assert.That(browser.Html, Does.Not.Contain(theirs), "another citizen's case");
        using var otherBrowser = await SignUpAsync(other, Email(other));
        await otherBrowser.GetAsync("/mi-vupe");
        Assert.That(otherBrowser.Html, Does.Contain(theirs).And.Not.Contain(mine));
    }

    [Test]
    public async Task Sign_up_refuses_bad_data_with_Spanish_messages_and_creates_nothing()
    {
        var citizen = ValidCitizen();
        var contact = Email(citizen);
        using var browser = new PortalBrowser(Factory);
        await browser.GetAsync("/mi-vupe/registro");

        var wrongCheck = Check(citizen.Dni) == "1" ? "2" : "1";
        await browser.PostFormAsync("/mi-vupe/registro?handler=codigo", StepOne(citizen, contact, check: wrongCheck));
        Assert.That(browser.Html, Does.Contain("El carácter de verificación no corresponde al DNI."));
        await browser.PostFormAsync("/mi-vupe/registro?handler=codigo", StepOne(citizen, contact, birth: citizen.BirthDate.AddDays(1)));
        Assert.That(browser.Html, Does.Contain("no coinciden con los de RENIEC"));
        await browser.PostFormAsync("/mi-vupe/registro?handler=codigo", StepOne(citizen, "no-es-un-correo@"));
        Assert.That(browser.Html, Does.Contain("El correo electrónico no es válido"));

        await browser.PostFormAsync("/mi-vupe/registro?handler=codigo", StepOne(citizen, contact));
        var code = SentCodes.LatestMailed(Factory, contact);
        var wrongCode = code == "000000" ? "111111" : "000000";
        await browser.PostFormAsync("/mi-vupe/registro", StepTwo(citizen, contact, wrongCode));
        Assert.That(browser.Html, Does.Contain("El código no es correcto. Le quedan 4 intentos."));
        await browser.PostFormAsync("/mi-vupe/registro", StepTwo(citizen, contact, code, password: "corta"));
        Assert.That(browser.Html, Does.Contain("La contraseña necesita al menos 10 caracteres, un número (0-9) y una letra mayúscula."));
        await browser.PostFormAsync("/mi-vupe/registro", StepTwo(citizen, contact, code, again: Password + "x"));
        Assert.That(browser.Html, Does.Contain("Las dos contraseñas no son iguales."));
        Assert.That(browser.Cookies.ContainsKey(PortalAuthentication.CookieName), Is.False);
        var consultant = await As("consultor.lim");
        Assert.That((await consultant.GetFromJsonAsync<JsonElement>($"/api/parties?document={citizen.Dni}")).GetArrayLength(), Is.Zero, "no ficha was registered");

        // The password problems did not spend the code: the same code with a good password creates the account.
        var created = await browser.PostFormAsync("/mi-vupe/registro", StepTwo(citizen, contact, code));
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), browser.Html);

        using var again = new PortalBrowser(Factory);
        await again.GetAsync("/mi-vupe/registro");
        await again.PostFormAsync("/mi-vupe/registro?handler=codigo", StepOne(citizen, "otra" + contact));
        Assert.That(again.Html, Does.Contain(WebUtility.HtmlEncode(CitizenAccounts.AlreadyHasAccount)).Or.Contain(CitizenAccounts.AlreadyHasAccount));
    }

    [Test]
    public async Task A_ficha_with_a_verified_contact_only_takes_that_contact_for_the_sign_up()
    {
        var citizen = ValidCitizen();
        var partyId = (await CreatePersonAsync(dni: citizen.Dni)).GetProperty("id").GetGuid();
        await SentCodes.VerifyContactAsync(Factory, await As("consultor.lim"), partyId, "phone", "987654321");
        using var browser = new PortalBrowser(Factory);
        await browser.GetAsync("/mi-vupe/registro");
        await browser.PostFormAsync("/mi-vupe/registro?handler=codigo", StepOne(citizen, "intruso@example.pe"));
        Assert.That(browser.Html, Does.Contain("ya tiene un contacto verificado (9******21)"));
        using var owner = await SignUpAsync(citizen, "987654321");
        await owner.GetAsync("/mi-vupe");
        Assert.That(owner.Html, Does.Contain("987654321").And.Contain("verificado"));
    }

    [Test]
    public async Task Five_wrong_passwords_lock_the_account_for_15_minutes_and_every_failure_reads_the_same()
    {
        var citizen = ValidCitizen();
        (await SignUpAsync(citizen, Email(citizen))).Dispose();
        using var browser = new PortalBrowser(Factory);
        await browser.GetAsync("/mi-vupe/ingresar");
        for (var i = 0; i < 5; i++)
        {
            var failed = await browser.PostFormAsync("/mi-vupe/ingresar", new() { ["Dni"] = citizen.Dni, ["Clave"] = "Equivocada123" });
            Assert.That(failed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(browser.Html, Does.Contain("No pudimos ingresar con esos datos."));
        }
        var locked = await browser.PostFormAsync("/mi-vupe/ingresar", new() { ["Dni"] = citizen.Dni, ["Clave"] = Password });
        Assert.That(locked.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the right password does not open a locked account");
        var lockedText = browser.Html;
        Assert.That(browser.Cookies.ContainsKey(PortalAuthentication.CookieName), Is.False);

        var nobody = ValidCitizen();
        await browser.PostFormAsync("/mi-vupe/ingresar", new() { ["Dni"] = nobody.Dni, ["Clave"] = Password });
        Assert.That(Message(browser.Html), Is.EqualTo(Message(lockedText)), "a DNI without an account reads exactly like a locked one");

        // Fifteen minutes later (the lockout is stored, so the test moves it back instead of waiting).
        using (var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(Factory.Services))
        {
            var db = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Data.VupeDbContext>(scope.ServiceProvider);
            var account = db.CitizenAccounts.Single(a => a.Dni == citizen.Dni);
            Assert.That(account.LockoutEnd, Is.GreaterThan(DateTimeOffset.UtcNow.AddMinutes(14)).And.LessThan(DateTimeOffset.UtcNow.AddMinutes(16)));
            account.LockoutEnd = DateTimeOffset.UtcNow.AddSeconds(-1);
            await db.SaveChangesAsync();
        }
        var signedIn = await browser.PostFormAsync("/mi-vupe/ingresar", new() { ["Dni"] = citizen.Dni, ["Clave"] = Password });
        Assert.That(signedIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(signedIn.Headers.Location?.OriginalString, Is.EqualTo("/mi-vupe"));
    }

    private static string Message(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "No pudimos ingresar[^<]*").Value;

    [Test]
    public async Task Signing_out_ends_the_cookie_everywhere_even_a_copy_of_it()
    {
        var citizen = ValidCitizen();
        using var browser = await SignUpAsync(citizen, Email(citizen));
        using var copy = new PortalBrowser(Factory);
        foreach (var (name, value) in browser.Cookies) copy.Cookies[name] = value;
        Assert.That((await copy.GetAsync("/mi-vupe")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the copied cookie works before signing out");

        await browser.GetAsync("/mi-vupe");
        var signedOut = await browser.PostFormAsync("/mi-vupe/salir", []);
        Assert.That(signedOut.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(signedOut.Headers.Location?.OriginalString, Is.EqualTo("/mi-vupe/ingresar"));

        var stale = await copy.GetAsync("/mi-vupe");
        Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "the old cookie no longer opens Mi VUPE");
        Assert.That(stale.Headers.Location?.OriginalString, Does.StartWith("http://localhost/mi-vupe/ingresar").Or.StartWith("/mi-vupe/ingresar"));
    }

    [Test]
    public async Task A_citizen_session_is_nobody_on_staff_routes_and_a_staff_session_is_nobody_on_Mi_VUPE()
    {
        var citizen = ValidCitizen();
        using var browser = await SignUpAsync(citizen, Email(citizen));
        foreach (var api in new[] { "/api/cases", $"/api/parties?document={citizen.Dni}", "/api/tasks", "/api/offices", "/api/figures" })
            Assert.That((await browser.GetAsync(api)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), api);
        foreach (var page in new[] { "/bandeja", "/expedientes", "/atender", "/tablero", "/administracion" })
        {
            var response = await browser.GetAsync(page);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), page);
            Assert.That(response.Headers.Location?.OriginalString, Does.Contain("/ingresar?").And.Not.Contain("/mi-vupe"), page);
        }
        var write = await browser.PostFormAsync("/api/parties/persons", new() { ["documentType"] = "Dni" });
        Assert.That(write.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));

        // Staff, with a bearer token or a cookie of their own, are not citizens.
        using var staff = new PortalBrowser(Factory);
        var token = await TokenAsync("consultor.lim");
        var bearer = await staff.GetAsync("/mi-vupe", bearer: token);
        Assert.That(bearer.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(bearer.Headers.Location?.OriginalString, Does.Contain("/mi-vupe/ingresar"));
        await staff.GetAsync("/ingresar");
        var signedIn = await staff.PostFormAsync("/ingresar", new() { ["Usuario"] = "consultor.lim", ["Clave"] = VupeServerFactory.Password });
        Assert.That(signedIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await staff.GetAsync("/bandeja")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the staff cookie works on staff pages");
        var cookie = await staff.GetAsync("/mi-vupe");
        Assert.That(cookie.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(cookie.Headers.Location?.OriginalString, Does.Contain("/mi-vupe/ingresar"));
        Assert.That((await staff.GetAsync("/mi-vupe/contacto")).StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
    }

    private async Task<string> TokenAsync(string user)
    {
        using var client = Factory.AnonymousClient();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { userName = user, password = VupeServerFactory.Password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    [Test]
    public async Task A_new_contact_is_saved_verified_only_with_the_code_sent_to_it()
    {
        var citizen = ValidCitizen();
        using var browser = await SignUpAsync(citizen, Email(citizen));
        await browser.GetAsync("/mi-vupe/contacto");
        await browser.PostFormAsync("/mi-vupe/contacto?handler=codigo", new() { ["Contact"] = "912345678" });
        Assert.That(browser.Html, Does.Contain("Enviamos un código de 6 dígitos a 9******78"));
        var code = SentCodes.LatestTexted(Factory, "912345678");
        await browser.PostFormAsync("/mi-vupe/contacto", new() { ["Contact"] = "912345678", ["Code"] = code == "000000" ? "111111" : "000000" });
        Assert.That(browser.Html, Does.Contain("El código no es correcto"));
        await browser.GetAsync("/mi-vupe");
        Assert.That(browser.Html, Does.Not.Contain("912345678"), "nothing saved before the right code");

        await browser.GetAsync("/mi-vupe/contacto");
        await browser.PostFormAsync("/mi-vupe/contacto?handler=codigo", new() { ["Contact"] = "912345678" });
        var saved = await browser.PostFormAsync("/mi-vupe/contacto", new() { ["Contact"] = "912345678", ["Code"] = SentCodes.LatestTexted(Factory, "912345678") });
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), browser.Html);
        await browser.GetAsync("/mi-vupe");
        Assert.That(browser.Html, Does.Contain("912345678"));
        var partyId = (await (await As("consultor.lim")).GetFromJsonAsync<JsonElement>($"/api/parties?document={citizen.Dni}"))[0].GetProperty("id").GetGuid();
        var ficha = await (await As("consultor.lim")).GetFromJsonAsync<JsonElement>($"/api/parties/{partyId}");
        Assert.That(ficha.GetProperty("person").GetProperty("phone").GetString(), Is.EqualTo("912345678"));
        Assert.That(ficha.GetProperty("person").GetProperty("phoneVerifiedAt").ValueKind, Is.EqualTo(JsonValueKind.String));
    }
}
