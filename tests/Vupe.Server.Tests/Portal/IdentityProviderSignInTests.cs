using System.Net;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vupe.Connectors;
using Vupe.Server.Audit;
using Vupe.Server.Data;
using Vupe.Server.Portal;

namespace Vupe.Server.Tests.Portal;

/// <summary>
/// Signing in to Mi VUPE with the national identity provider (OpenID Connect), against an in-process provider that
/// signs real ID tokens: the first sign-in creates the account on the citizen's ficha, the next finds it; a token without
/// a DNI, a replayed answer or a provider that refuses leave no session; a provider account has no password to guess.
/// </summary>
public sealed class IdentityProviderSignInTests : ServerTestBase
{
    private readonly TestIdentityProvider _provider = TestIdentityProvider.Start();

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Vupe:CitizenRequestsPerMinute"] = "1000";
        settings["Vupe:Portal:IdentityProvider:Authority"] = TestIdentityProvider.Issuer;
        settings["Vupe:Portal:IdentityProvider:ClientId"] = TestIdentityProvider.ClientId;
        settings["Vupe:Portal:IdentityProvider:ClientSecret"] = TestIdentityProvider.ClientSecret;
        settings["Vupe:Portal:IdentityProvider:DisplayName"] = "ID Perú de prueba";
    }

    protected override void ConfigureServices(VupeServerFactory factory)
    {
        factory.ServiceChanges = services =>
            services.Configure<OpenIdConnectOptions>(PortalIdentityProvider.Scheme, o => o.BackchannelHttpHandler = _provider.BackChannel);
    }

    [OneTimeTearDown]
    public async Task StopProvider() => await _provider.DisposeAsync();

    /// <summary>The round trip a browser makes: portal → provider → portal's callback → the portal's own session.</summary>
    private async Task<(HttpResponseMessage Callback, string CallbackUrl)> SignInAtProviderAsync(PortalBrowser browser, string? dni)
    {
        _provider.NextCitizen = dni;
        var start = await browser.GetAsync(PortalIdentityProvider.StartPath);
        Assert.That(start.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var authorize = start.Headers.Location!;
        Assert.That(authorize.GetLeftPart(UriPartial.Path), Is.EqualTo($"{TestIdentityProvider.Issuer}/authorize"));
        Assert.That(authorize.Query, Does.Contain("code_challenge=").And.Contain("code_challenge_method=S256").And.Contain("nonce="));
        using var providerBrowser = _provider.Browser();
        var answer = await providerBrowser.GetAsync(authorize);
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await answer.Content.ReadAsStringAsync());
        var callback = answer.Headers.Location!;
        Assert.That(callback.AbsolutePath, Is.EqualTo(PortalIdentityProvider.CallbackPath));
        return (await browser.GetAsync(callback.PathAndQuery), callback.PathAndQuery);
    }

    private async Task<List<AuditEntry>> TrailAsync(Guid partyId)
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<VupeDbContext>();
        return await db.AuditEntries.AsNoTracking().Where(e => e.Trail == AuditTrails.ForParty(partyId)).OrderBy(e => e.Sequence).ToListAsync();
    }

    private async Task<List<CitizenAccount>> AccountsOfAsync(string dni)
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<VupeDbContext>();
        return await db.CitizenAccounts.AsNoTracking().Where(a => a.Dni == dni).ToListAsync();
    }

    [Test]
    public async Task The_first_sign_in_creates_the_account_on_the_ficha_from_RENIEC_and_the_next_finds_it()
    {
        var citizen = Citizen(c => c.Status == IdentityStatus.Valid);
        using var browser = new PortalBrowser(Factory);
        await browser.GetAsync("/mi-vupe/ingresar");
        Assert.That(browser.Html, Does.Contain("Ingresar con ID Perú de prueba").And.Contain($"href=\"{PortalIdentityProvider.StartPath}\""));

        var (callback, _) = await SignInAtProviderAsync(browser, citizen.Dni);
        Assert.That(callback.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(callback.Headers.Location?.OriginalString, Does.EndWith(PortalIdentityProvider.CompletePath));
        var done = await browser.GetAsync(PortalIdentityProvider.CompletePath);
        Assert.That(done.Headers.Location?.OriginalString, Is.EqualTo("/mi-vupe"));
        Assert.That(browser.Cookies.ContainsKey(PortalAuthentication.CookieName), Is.True);
        Assert.That(browser.Cookies.Keys.Where(k => k.StartsWith(".AspNetCore.Correlation", StringComparison.Ordinal)), Is.Empty, "the correlation cookie is spent");

        var home = await browser.GetAsync("/mi-vupe");
        Assert.That(home.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(browser.Html, Does.Contain(citizen.GivenNames), "the ficha was registered with RENIEC's names");

        var accounts = await AccountsOfAsync(citizen.Dni);
        Assert.That(accounts, Has.Count.EqualTo(1));
        Assert.That(accounts[0].PasswordHash, Is.Empty, "no password was chosen");
        var trail = await TrailAsync(accounts[0].PartyId);
        var created = trail.Single(e => e.Action == "portal.account.created");
        Assert.That(created.Data, Does.Contain("proveedor de identidad").And.Contain("sujeto-" + citizen.Dni));

        // A second sign-in, from another device: the same account, a new session, one more audit line.
        using var other = new PortalBrowser(Factory);
        await SignInAtProviderAsync(other, citizen.Dni);
        Assert.That((await other.GetAsync(PortalIdentityProvider.CompletePath)).Headers.Location?.OriginalString, Is.EqualTo("/mi-vupe"));
        Assert.That(await AccountsOfAsync(citizen.Dni), Has.Count.EqualTo(1));
        Assert.That((await TrailAsync(accounts[0].PartyId)).Count(e => e.Action == "portal.signin"), Is.EqualTo(1));

        // Nobody can sign in to that account with a password: there is none to guess.
        using var guesser = new PortalBrowser(Factory);
        await guesser.GetAsync("/mi-vupe/ingresar");
        await guesser.PostFormAsync("/mi-vupe/ingresar", new() { ["Dni"] = citizen.Dni, ["Clave"] = "" });
        var guessed = await guesser.PostFormAsync("/mi-vupe/ingresar", new() { ["Dni"] = citizen.Dni, ["Clave"] = "Clave2026Segura" });
        Assert.That(guessed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(guesser.Cookies.ContainsKey(PortalAuthentication.CookieName), Is.False);
    }

    [Test]
    public async Task A_ficha_registered_at_an_office_gets_its_account_linked_not_a_second_ficha()
    {
        var partyId = (await CreatePersonAsync(who: c => c.Status == IdentityStatus.Valid)).GetProperty("id").GetGuid();
        string dni;
        using (var scope = Factory.Services.CreateScope())
            dni = await scope.ServiceProvider.GetRequiredService<VupeDbContext>().Parties.Where(p => p.Id == partyId).Select(p => p.DocumentNumber).SingleAsync();

        using var browser = new PortalBrowser(Factory);
        await SignInAtProviderAsync(browser, dni);
        await browser.GetAsync(PortalIdentityProvider.CompletePath);
        Assert.That((await AccountsOfAsync(dni)).Single().PartyId, Is.EqualTo(partyId));
    }

    [Test]
    public async Task A_token_without_a_DNI_leaves_no_session_and_says_why()
    {
        using var browser = new PortalBrowser(Factory);
        await SignInAtProviderAsync(browser, null);
        var done = await browser.GetAsync(PortalIdentityProvider.CompletePath);
        Assert.That(done.Headers.Location?.OriginalString, Is.EqualTo("/mi-vupe/ingresar?proveedor=sin-dni"));
        Assert.That(browser.Cookies.ContainsKey(PortalAuthentication.CookieName), Is.False);
        await browser.GetAsync(done.Headers.Location!.OriginalString);
        Assert.That(browser.Html, Does.Contain("no nos envió su DNI"));
    }

    [Test]
    public async Task A_replayed_or_forged_answer_is_refused()
    {
        var citizen = Citizen(c => c.Status == IdentityStatus.Valid);
        using var browser = new PortalBrowser(Factory);
        var (_, callbackUrl) = await SignInAtProviderAsync(browser, citizen.Dni);
        var issued = _provider.TokensIssued;

        // The same answer again, from another browser (someone who read it in a log): no correlation cookie, no session.
        using var thief = new PortalBrowser(Factory);
        var replay = await thief.GetAsync(callbackUrl);
        Assert.That(replay.Headers.Location?.OriginalString, Is.EqualTo("/mi-vupe/ingresar?proveedor=fallo"));
        Assert.That(thief.Cookies.ContainsKey(PortalAuthentication.CookieName), Is.False);
        Assert.That((await thief.GetAsync(PortalIdentityProvider.CompletePath)).Headers.Location?.OriginalString, Is.EqualTo("/mi-vupe/ingresar?proveedor=fallo"));

        // A state the portal did not issue.
        using var forger = new PortalBrowser(Factory);
        await forger.GetAsync(PortalIdentityProvider.StartPath);
        var forged = await forger.GetAsync($"{PortalIdentityProvider.CallbackPath}?code=inventado&state=inventado");
        Assert.That(forged.Headers.Location?.OriginalString, Is.EqualTo("/mi-vupe/ingresar?proveedor=fallo"));
        Assert.That(_provider.TokensIssued, Is.EqualTo(issued), "no code was exchanged for the replay or the forgery");
        Assert.That(await AccountsOfAsync(citizen.Dni), Has.Count.EqualTo(0), "the first browser never finished, so no account yet");
    }
}
