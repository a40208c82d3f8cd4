using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vupe.Server.Data;

namespace Vupe.Server.Tests;

/// <summary>Sessions end with logout and lockout (cookies and bearer tokens alike); every answer carries the security headers.</summary>
public sealed partial class SessionsAndHeadersTests : ServerTestBase
{
    private const string Proxy = "10.9.8.7";

    private static readonly TimeSpan Recheck = TimeSpan.FromSeconds(1);

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Vupe:Security:KnownProxies:0"] = Proxy;
        settings["Vupe:Security:SessionRecheckInterval"] = Recheck.ToString();
    }

    // TestServer has no client address: the header X-Test-Remote plays the connection's address.
    protected override void ConfigureServices(VupeServerFactory factory) =>
        factory.ServiceChanges = services => services.AddSingleton<IStartupFilter, RemoteAddressFromHeader>();

    private sealed class RemoteAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                if (context.Request.Headers.TryGetValue("X-Test-Remote", out var remote)) context.Connection.RemoteIpAddress = IPAddress.Parse(remote.ToString());
                return following(context);
            });
            next(app);
        };
    }

    private async Task<HttpClient> TokenClientAsync(string userName) => await Factory.ClientForAsync(userName);

    private async Task<HttpClient> CookieClientAsync(string userName)
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password = VupeServerFactory.Password });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        return client;
    }

    private static async Task<HttpStatusCode> MeAsync(HttpClient client) => (await client.GetAsync("/api/auth/me")).StatusCode;

    [Test]
    public async Task Logout_ends_every_cookie_and_bearer_token_of_the_user_and_a_new_sign_in_works()
    {
        var tokenA = await TokenClientAsync("consultor2.lim");
        var tokenB = await TokenClientAsync("consultor2.lim");
        var cookie = await CookieClientAsync("consultor2.lim");
        var other = await TokenClientAsync("consultor.cus");
        Assert.That(new[] { await MeAsync(tokenA), await MeAsync(tokenB), await MeAsync(cookie) }, Has.All.EqualTo(HttpStatusCode.OK));

        Assert.That((await tokenB.PostAsync("/api/auth/logout", null)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        Assert.That(await MeAsync(tokenA), Is.EqualTo(HttpStatusCode.Unauthorized), "another token of the user");
        Assert.That(await MeAsync(tokenB), Is.EqualTo(HttpStatusCode.Unauthorized), "the token that signed out");
        Assert.That(await MeAsync(cookie), Is.EqualTo(HttpStatusCode.Unauthorized), "the user's cookie");
        Assert.That(await MeAsync(other), Is.EqualTo(HttpStatusCode.OK), "other users keep their sessions");
        Assert.That(await MeAsync(await TokenClientAsync("consultor2.lim")), Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_sign_out_saved_by_another_node_ends_the_sessions_here_within_the_recheck_interval()
    {
        var token = await TokenClientAsync("proteccion.lim");
        var other = await TokenClientAsync("consultor.cus");
        Assert.That(await MeAsync(token), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await MeAsync(other), Is.EqualTo(HttpStatusCode.OK));

        // Another node's sign-out: a new stamp written to the shared database, not through this node's writer.
        await using (var db = await Factory.Services.GetRequiredService<IDbContextFactory<VupeDbContext>>().CreateDbContextAsync())
            Assert.That(await db.Users.Where(u => u.UserName == "proteccion.lim").ExecuteUpdateAsync(u => u.SetProperty(x => x.SecurityStamp, Guid.NewGuid().ToString("N"))), Is.EqualTo(1));
        await Task.Delay(Recheck + TimeSpan.FromMilliseconds(100));

        Assert.That(await MeAsync(token), Is.EqualTo(HttpStatusCode.Unauthorized), "the stamp read again after the interval");
        Assert.That(await MeAsync(other), Is.EqualTo(HttpStatusCode.OK), "other users keep their sessions");
    }

    [Test]
    public async Task A_lockout_ends_the_users_sessions_and_unlocking_does_not_bring_them_back()
    {
        var token = await TokenClientAsync("supervisor.cus");
        var cookie = await CookieClientAsync("supervisor.cus");
        var anonymous = Factory.AnonymousClient();
        for (var i = 0; i < 5; i++)
            await anonymous.PostAsJsonAsync("/api/auth/token", new { userName = "supervisor.cus", password = "incorrecta-" + i });
        Assert.That(await MeAsync(token), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await MeAsync(cookie), Is.EqualTo(HttpStatusCode.Unauthorized));

        var admin = await As("admin");
        (await admin.PostAsync("/api/admin/users/supervisor.cus/unlock", null)).EnsureSuccessStatusCode();
        Assert.That(await MeAsync(token), Is.EqualTo(HttpStatusCode.Unauthorized), "a session from before the lockout stays ended");
        Assert.That(await MeAsync(await TokenClientAsync("supervisor.cus")), Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Pages_carry_a_nonce_policy_and_every_script_its_nonce_and_api_answers_and_errors_the_same_headers()
    {
        var client = await As("supervisor.lim");
        var first = await client.GetAsync("/tablero");
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var csp = string.Join(";", first.Headers.GetValues("Content-Security-Policy"));
        var nonce = Nonce().Match(csp).Groups[1].Value;
        Assert.That(nonce, Is.Not.Empty, csp);
        Assert.That(csp, Does.Contain("frame-ancestors 'none'").And.Contain("object-src 'none'").And.Not.Contain("unsafe-eval"));
        var html = await first.Content.ReadAsStringAsync();
        var scripts = Regex.Matches(html, "<script[^>]*>").Select(m => m.Value).ToList();
        Assert.That(scripts, Is.Not.Empty);
        Assert.That(scripts, Has.All.Contain($"nonce=\"{nonce}\""));
        Assert.That(html, Does.Not.Contain(" onclick=").And.Not.Contain(" onsubmit="));
        var second = await client.GetAsync("/tablero");
        Assert.That(Nonce().Match(string.Join(";", second.Headers.GetValues("Content-Security-Policy"))).Groups[1].Value, Is.Not.EqualTo(nonce), "a new nonce per request");

        foreach (var response in new[] { first, await client.GetAsync("/api/auth/me"), await client.GetAsync("/api/cases/" + Guid.NewGuid()),
                     await Factory.AnonymousClient().GetAsync("/no-existe"), await Factory.AnonymousClient().GetAsync("/ingresar") })
        {
            var where = response.RequestMessage!.RequestUri!.AbsolutePath;
            Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }), where);
            Assert.That(response.Headers.GetValues("Referrer-Policy").Single(), Is.EqualTo("same-origin"), where);
            Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("frame-ancestors 'none'"), where);
            Assert.That(response.Headers.Contains("Strict-Transport-Security"), Is.False, $"{where}: plain HTTP gets no HSTS");
            if (where.StartsWith("/api/", StringComparison.Ordinal))
                Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.StartWith("default-src 'none'").And.Not.Contain("nonce-"),
                    $"{where}: JSON carries no script, so its policy allows nothing");
        }
    }

    [Test]
    public async Task Hsts_is_sent_over_https_directly_or_through_a_known_proxy_but_not_on_an_unknown_clients_word()
    {
        var direct = Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        Assert.That((await direct.GetAsync("/ingresar")).Headers.GetValues("Strict-Transport-Security").Single(), Does.StartWith("max-age=31536000"));

        var anonymous = Factory.AnonymousClient();
        async Task<HttpResponseMessage> Through(string remote)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/ingresar");
            request.Headers.Add("X-Test-Remote", remote);
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-For", "203.0.113.9");
            return await anonymous.SendAsync(request);
        }
        Assert.That((await Through(Proxy)).Headers.Contains("Strict-Transport-Security"), Is.True, "the configured proxy says HTTPS");
        Assert.That((await Through("198.51.100.1")).Headers.Contains("Strict-Transport-Security"), Is.False, "a client that is no known proxy cannot claim HTTPS");
    }

    [Test]
    public async Task Control_and_bidi_characters_are_refused_in_names_and_in_uploaded_file_names()
    {
        var client = await As("consultor.lim");
        var citizen = Citizen();
        foreach (var bad in new[] { "\u202E", "\u2066", "\u0007", "\n" })
        {
            var response = await client.PostAsJsonAsync("/api/parties/persons", new
            {
                documentType = "Dni", documentNumber = citizen.Dni, givenNames = citizen.GivenNames + bad + "x", paternalSurname = citizen.PaternalSurname,
                maternalSurname = citizen.MaternalSurname, birthDate = citizen.BirthDate,
                consent = new { purpose = "tratamiento-datos", granted = true, channel = "digital", textVersion = "v1" },
            });
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), $"U+{(int)bad[0]:X4}");
            var errors = (await ProblemOf(response)).GetProperty("errors").GetProperty("givenNames")[0].GetString();
            Assert.That(errors, Does.Contain("dirección del texto"));
        }
        var admin = await As("admin");
        var user = await admin.PostAsJsonAsync("/api/admin/users", new { userName = "nuevo.lim", fullName = "Ana\u202Eanó", role = "consultor", officeCode = "LIM", password = "Clave.Segura.2026" });
        Assert.That(user.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));

        var caseId = (await OpenCaseAsync()).GetProperty("id").GetGuid();
        var form = new MultipartFormDataContent();
        form.Add(new StringContent("dni-copia"), "kind");
        var file = new ByteArrayContent(Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="));
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "file", "foto\u202Egnp.exe");
        var upload = await client.PostAsync($"/api/cases/{caseId}/documents", form);
        Assert.That(upload.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await upload.Content.ReadAsStringAsync());
        var problem = await ProblemOf(upload);
        Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo("unsafe-file-name"));
        Assert.That(problem.GetProperty("title").GetString(), Does.Contain("nombre del archivo"));
        var documents = (await client.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}")).GetProperty("documents");
        Assert.That(documents.GetArrayLength(), Is.Zero, "nothing stored");
    }

    [Test]
    public async Task A_party_search_writes_one_audit_entry_naming_the_fichas_it_listed()
    {
        var client = await As("consultor.lim");
        var created = new List<JsonElement>();
        for (var i = 0; i < 3; i++) created.Add(await CreatePersonAsync());
        // A letter in all three names: one search lists the three (and whoever else has it).
        var letter = created.Select(p => Parties.TextFolding.Fold(p.GetProperty("displayName").GetString()!).Where(char.IsLetter).ToHashSet())
            .Aggregate((a, b) => { a.IntersectWith(b); return a; }).Order().First();
        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<VupeDbContext>>().CreateDbContextAsync();
        var before = await db.AuditEntries.CountAsync();

        var found = (await client.GetFromJsonAsync<JsonElement>($"/api/parties?q={letter}")).EnumerateArray().Select(p => p.GetProperty("id").GetGuid()).ToList();
        Assert.That(found, Is.SupersetOf(created.Select(p => p.GetProperty("id").GetGuid())));

        var written = await db.AuditEntries.OrderBy(e => e.Id).Skip(before).ToListAsync();
        Assert.That(written.Select(e => (e.Trail, e.Action)), Is.EqualTo(new[] { ("party-searches", "party.searched") }), "one entry, not one per result");
        foreach (var id in found) Assert.That(written[0].Data, Does.Contain(id.ToString()));
        Assert.That(written[0].Data, Does.Contain("\"results\":" + found.Count));
    }

    [Test]
    public void A_production_host_on_simulated_connectors_refuses_to_start_naming_the_keys()
    {
        using var factory = new VupeServerFactory();
        using var production = factory.WithWebHostBuilder(b => b.UseEnvironment("Production"));
        var error = Assert.Catch(() => _ = production.Server)!;
        var message = error is OptionsValidationException ? error.Message : error.ToString();
        Assert.That(message, Does.Contain("simuladores").And.Contain("Vupe:Connectors:Identity:Mode=Http").And.Contain("Vupe:Connectors:Employment:Mode=Http"));
    }

    [Test]
    public async Task Every_rate_limited_refusal_says_when_to_retry()
    {
        var anonymous = Factory.AnonymousClient();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 200 && refused is null; i++)
        {
            var response = await anonymous.GetAsync("/api/public/certificates/NOEXISTE" + i);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) refused = response;
        }
        Assert.That(refused, Is.Not.Null, "the public verification is rate limited");
        Assert.That(refused!.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
        Assert.That((await ProblemOf(refused)).GetProperty("title").GetString(), Does.Contain("Demasiadas solicitudes"));
    }

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex Nonce();
}
