using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Vupe.Server.Data;
using Vupe.Server.Parties;
using Vupe.Server.Trust;

namespace Vupe.Server.Tests;

/// <summary>
/// One-time codes and what uses them — a ficha's email and phone verified at the desk, the citizen's online CUL request —
/// on a clock the tests move: wrong, expired, reused and over-tried codes, and the per-DNI limit across addresses.
/// </summary>
[TestFixture(TestStore.Sqlite)]
[TestFixture(TestStore.Postgres)]
public sealed class OneTimeCodeTests(TestStore store) : ServerTestBase(store)
{
    private const int PerDniPerHour = 8;
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Vupe:CitizenRequestsPerMinute"] = "100";
        settings["Vupe:CitizenRequestsPerDniPerHour"] = PerDniPerHour.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    // TestServer has no client address: the header X-Test-Remote plays the connection's address.
    protected override void ConfigureServices(VupeServerFactory factory) => factory.ServiceChanges = services =>
    {
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(_clock));
        services.AddSingleton<IStartupFilter, RemoteAddressFromHeader>();
    };

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

    private sealed record Applicant(Guid PartyId, string Dni, string Check, DateOnly BirthDate)
    {
        public object Data(string? code = null) => new { dni = Dni, checkCharacter = Check, birthDate = BirthDate, code };
    }

    /// <summary>A fresh citizen with a ficha whose email (persona@example.pe) is verified.</summary>
    private async Task<Applicant> CitizenWithVerifiedEmailAsync()
    {
        var party = await CreatePersonAsync();
        var dni = party.GetProperty("documentNumber").GetString()!;
        var citizen = new Applicant(party.GetProperty("id").GetGuid(), dni, DocumentNumbers.DniCheck(dni).Digit.ToString(),
            DateOnly.Parse(party.GetProperty("person").GetProperty("birthDate").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        await SentCodes.VerifyContactAsync(Factory, await As("consultor.lim"), citizen.PartyId, "email", "persona@example.pe");
        return citizen;
    }

    private async Task<HttpResponseMessage> PostAsync(string url, object body, string remote = "198.51.100.1")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Test-Remote", remote);
        return await Factory.AnonymousClient().SendAsync(request);
    }

    private async Task<string> SendCulCodeAsync(Applicant citizen)
    {
        var sent = await PostAsync("/api/public/cul-requests/code", citizen.Data());
        Assert.That(sent.StatusCode, Is.EqualTo(HttpStatusCode.OK), await sent.Content.ReadAsStringAsync());
        return SentCodes.LatestMailed(Factory, "persona@example.pe");
    }

    private static async Task<string> CodeErrorAsync(HttpResponseMessage response)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await response.Content.ReadAsStringAsync());
        return (await ProblemOf(response)).GetProperty("errors").GetProperty("code")[0].GetString()!;
    }

    [Test]
    public async Task A_code_is_six_digits_kept_only_as_a_salted_hash_and_spent_by_its_first_right_answer()
    {
        var codes = Factory.Services.GetRequiredService<OneTimeCodes>();
        var subject = Guid.NewGuid().ToString();
        var sent = await codes.SendAsync("prueba", subject, ContactChannel.Email, "ana.quispe@correo.pe", "Ana Quispe", "probar", CancellationToken.None);
        Assert.That(sent.MaskedDestination, Is.EqualTo("a***@correo.pe"));
        Assert.That(sent.ExpiresAt, Is.EqualTo(_clock.GetUtcNow() + TimeSpan.FromMinutes(10)));
        var code = SentCodes.LatestMailed(Factory, "ana.quispe@correo.pe");
        Assert.That(code, Does.Match("^[0-9]{6}$"));

        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var row = await scope.ServiceProvider.GetRequiredService<VupeDbContext>().OneTimeCodes.AsNoTracking().SingleAsync(c => c.Subject == subject);
            Assert.That(row.CodeHash, Does.Not.Contain(code).And.Length.EqualTo(64), "only a keyed hash is stored");
            // Keyed by the server's pepper, not by what the row holds: the salt alone does not let a reader of the database try the million codes.
            Assert.That(row.CodeHash, Is.Not.EqualTo(Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(row.Salt, System.Text.Encoding.ASCII.GetBytes(code)))));
            var pepper = Factory.Services.GetRequiredService<CodePepper>().Key;
            Assert.That(row.CodeHash, Is.EqualTo(Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(pepper, (byte[])[.. row.Salt, .. System.Text.Encoding.ASCII.GetBytes(code)]))));
            Assert.That(pepper, Has.Length.GreaterThanOrEqualTo(32));
            Assert.That(row.DestinationHash, Does.Not.Contain("correo"));
        }
        var wrong = code == "000000" ? "111111" : "000000";
        var first = await codes.VerifyAsync("prueba", subject, null, wrong, CancellationToken.None);
        Assert.That((first.Verdict, first.AttemptsLeft), Is.EqualTo((CodeVerdict.Wrong, 4)));
        Assert.That(first.Message, Is.EqualTo("El código no es correcto. Le quedan 4 intentos."));
        Assert.That((await codes.VerifyAsync("otro-fin", subject, null, code, CancellationToken.None)).Verdict, Is.EqualTo(CodeVerdict.NoneSent),
            "a code answers only its own purpose");
        Assert.That((await codes.VerifyAsync("prueba", subject, null, code, CancellationToken.None)).Verdict, Is.EqualTo(CodeVerdict.Accepted));
        Assert.That((await codes.VerifyAsync("prueba", subject, null, code, CancellationToken.None)).Verdict, Is.EqualTo(CodeVerdict.Spent));

        // A newer code replaces the older: the first one no longer works.
        await codes.SendAsync("prueba", subject, ContactChannel.Phone, "987654321", "Ana Quispe", "probar", CancellationToken.None);
        var older = SentCodes.LatestTexted(Factory, "987654321");
        await codes.SendAsync("prueba", subject, ContactChannel.Phone, "987654321", "Ana Quispe", "probar", CancellationToken.None);
        var newer = SentCodes.LatestTexted(Factory, "987654321");
        if (older != newer)
            Assert.That((await codes.VerifyAsync("prueba", subject, null, older, CancellationToken.None)).Verdict, Is.EqualTo(CodeVerdict.Wrong));
        Assert.That((await codes.VerifyAsync("prueba", subject, "912345678", newer, CancellationToken.None)).Verdict, Is.EqualTo(CodeVerdict.ContactChanged),
            "a code counts only for the contact it went to");
        Assert.That((await codes.VerifyAsync("prueba", subject, "987654321", newer, CancellationToken.None)).Verdict, Is.EqualTo(CodeVerdict.Accepted));
    }

    [Test]
    public async Task A_ficha_contact_is_verified_by_the_code_sent_there_and_a_change_clears_the_verification()
    {
        var consultant = await As("consultor.lim");
        var party = await CreatePersonAsync();
        var partyId = party.GetProperty("id").GetGuid();
        Assert.That(party.GetProperty("person").GetProperty("emailVerifiedAt").ValueKind, Is.EqualTo(JsonValueKind.Null));

        var sent = await consultant.PostAsync($"/api/parties/{partyId}/contacts/phone/code", null);
        Assert.That(sent.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That((await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sentTo").GetString(), Is.EqualTo("9******21"));
        var code = SentCodes.LatestTexted(Factory, "987654321");
        var wrong = await consultant.PostAsJsonAsync($"/api/parties/{partyId}/contacts/phone/verify", new { code = code == "000000" ? "111111" : "000000" });
        Assert.That(await CodeErrorAsync(wrong), Does.Contain("no es correcto"));
        var verified = await consultant.PostAsJsonAsync($"/api/parties/{partyId}/contacts/phone/verify", new { code });
        Assert.That(verified.StatusCode, Is.EqualTo(HttpStatusCode.OK), await verified.Content.ReadAsStringAsync());
        var ficha = await verified.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(ficha.GetProperty("person").GetProperty("phoneVerifiedAt").GetDateTimeOffset(), Is.EqualTo(_clock.GetUtcNow()));
        Assert.That(ficha.GetProperty("person").GetProperty("emailVerifiedAt").ValueKind, Is.EqualTo(JsonValueKind.Null), "only the phone was proved");

        ficha = await SentCodes.VerifyContactAsync(Factory, consultant, partyId, "email", "persona@example.pe");
        Assert.That(ficha.GetProperty("person").GetProperty("emailVerifiedAt").ValueKind, Is.Not.EqualTo(JsonValueKind.Null));
        var updated = await consultant.PutAsJsonAsync($"/api/parties/{partyId}/ficha",
            new { version = ficha.GetProperty("version").GetInt64(), phone = "987654321", email = "nuevo@example.pe" });
        Assert.That(updated.StatusCode, Is.EqualTo(HttpStatusCode.OK), await updated.Content.ReadAsStringAsync());
        var person = (await updated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("person");
        Assert.That(person.GetProperty("emailVerifiedAt").ValueKind, Is.EqualTo(JsonValueKind.Null), "a new address must be proved again");
        Assert.That(person.GetProperty("phoneVerifiedAt").ValueKind, Is.Not.EqualTo(JsonValueKind.Null), "the unchanged phone stays verified");

        var trail = await (await As("auditor")).GetFromJsonAsync<JsonElement>($"/api/parties/{partyId}/audit");
        var actions = trail.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.That(actions.Count(a => a == "party.contact.verified"), Is.EqualTo(2));
        Assert.That(actions, Does.Contain("party.contact.codeSent").And.Contain("party.contact.refused"));
        Assert.That(actions.Where(a => a!.StartsWith("party.contact", StringComparison.Ordinal)).Select(a => Vupe.Server.Cases.CaseNarrative.Action(a!)),
            Has.None.StartsWith("party."), "every new action reads in Spanish");
    }

    [Test]
    public async Task A_wrong_code_is_refused_and_a_right_one_issues_the_CUL_once()
    {
        var citizen = await CitizenWithVerifiedEmailAsync();
        var code = await SendCulCodeAsync(citizen);
        var wrong = code == "000000" ? "111111" : "000000";
        Assert.That(await CodeErrorAsync(await PostAsync("/api/public/cul-requests", citizen.Data(wrong))), Does.Contain("Le quedan 4 intentos"));
        var issued = await PostAsync("/api/public/cul-requests", citizen.Data(code));
        Assert.That(issued.StatusCode, Is.EqualTo(HttpStatusCode.Created), await issued.Content.ReadAsStringAsync());
        Assert.That(await CodeErrorAsync(await PostAsync("/api/public/cul-requests", citizen.Data(code))), Does.Contain("ya fue usado"));
        var certificates = await (await As("consultor.lim")).GetFromJsonAsync<JsonElement>($"/api/parties/{citizen.PartyId}/documents");
        Assert.That(certificates.GetArrayLength(), Is.EqualTo(1), "a reused code issues nothing");
    }

    [Test]
    public async Task A_code_typed_after_ten_minutes_has_expired()
    {
        var citizen = await CitizenWithVerifiedEmailAsync();
        var code = await SendCulCodeAsync(citizen);
        _clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        Assert.That(await CodeErrorAsync(await PostAsync("/api/public/cul-requests", citizen.Data(code))), Is.EqualTo("El código venció. Pida uno nuevo."));
        SignOutAll();
    }

    [Test]
    public async Task Five_wrong_answers_spend_the_code_so_even_the_right_one_is_then_refused()
    {
        var citizen = await CitizenWithVerifiedEmailAsync();
        var code = await SendCulCodeAsync(citizen);
        var wrong = code == "000000" ? "111111" : "000000";
        var answers = new List<string>();
        for (var i = 0; i < 5; i++) answers.Add(await CodeErrorAsync(await PostAsync("/api/public/cul-requests", citizen.Data(wrong))));
        Assert.That(answers[3], Is.EqualTo("El código no es correcto. Le queda 1 intento."));
        Assert.That(answers[4], Does.StartWith("Demasiados intentos con un código equivocado"));
        Assert.That(await CodeErrorAsync(await PostAsync("/api/public/cul-requests", citizen.Data(code))), Does.StartWith("Demasiados intentos"));
    }

    [Test]
    public async Task One_DNI_gets_a_limited_number_of_attempts_an_hour_from_any_address()
    {
        var citizen = await CitizenWithVerifiedEmailAsync();
        var wrongBirth = citizen with { BirthDate = citizen.BirthDate.AddDays(1) };
        for (var i = 0; i < PerDniPerHour; i++)
        {
            var answer = await PostAsync(i % 2 == 0 ? "/api/public/cul-requests/code" : "/api/public/cul-requests", wrongBirth.Data("123456"),
                remote: i % 2 == 0 ? "198.51.100.1" : "203.0.113.7");
            Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), $"attempt {i + 1}");
        }
        _clock.Advance(TimeSpan.FromMinutes(20));
        var refused = await PostAsync("/api/public/cul-requests/code", citizen.Data(), remote: "192.0.2.99");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests), "a third address, with the right data, is still refused");
        Assert.That(refused.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromMinutes(40)), "until the first counted attempt is an hour old");
        Assert.That((await ProblemOf(refused)).GetProperty("title").GetString(), Does.StartWith("Demasiados intentos para este DNI"));
        Assert.That((await PostAsync("/api/public/cul-requests/code", (await CitizenWithVerifiedEmailAsync()).Data(), remote: "192.0.2.99")).StatusCode,
            Is.EqualTo(HttpStatusCode.OK), "another DNI from the same address is not affected");

        // The page answers the same refusal in Spanish, with Retry-After.
        using var browser = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        var form = await browser.GetStringAsync("/solicitar-cul");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var page = await browser.PostAsync("/solicitar-cul?handler=codigo", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Dni"] = citizen.Dni, ["CheckCharacter"] = citizen.Check, ["BirthDate"] = citizen.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["__RequestVerificationToken"] = token,
        }));
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(page.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromMinutes(40)));
        Assert.That(await page.Content.ReadAsStringAsync(), Does.Contain("Demasiados intentos para este DNI"));

        _clock.Advance(TimeSpan.FromMinutes(40));
        SignOutAll();
        Assert.That((await PostAsync("/api/public/cul-requests/code", citizen.Data(), remote: "192.0.2.99")).StatusCode, Is.EqualTo(HttpStatusCode.OK),
            "an hour after the first attempt the DNI may try again");
    }
}

/// <summary>Codes sent into a folder nobody reads would lock citizens out: production refuses the SMS simulator.</summary>
public sealed class SmsProductionTests
{
    [Test]
    public void A_production_host_without_the_one_time_codes_pepper_refuses_to_start_naming_the_setting()
    {
        using var factory = new VupeServerFactory();
        factory.Settings["Vupe:Sms:Mode"] = "Http";
        factory.Settings["Vupe:Sms:BaseUrl"] = "http://127.0.0.1:9/";
        using var production = factory.WithWebHostBuilder(b => b.UseEnvironment("Production"));
        var error = Assert.Catch(() => _ = production.Server)!;
        Assert.That(error.ToString(), Does.Contain("Vupe:OneTimeCodes:Pepper").And.Contain("fuera de la base de datos"));
    }

    [Test]
    public void A_pepper_shorter_than_32_characters_is_refused_in_any_environment()
    {
        using var factory = new VupeServerFactory();
        factory.Settings["Vupe:OneTimeCodes:Pepper"] = "corto";
        var error = Assert.Catch(() => _ = factory.Server)!;
        Assert.That(error.ToString(), Does.Contain("Pepper debe tener al menos 32 caracteres"));
    }

    [Test]
    public void A_production_host_with_every_connector_real_but_the_SMS_simulator_refuses_to_start()
    {
        using var factory = new VupeServerFactory();
        foreach (var connector in Vupe.Connectors.ConnectorNames.All)
        {
            factory.Settings[$"Vupe:Connectors:{connector}:Mode"] = "Http";
            factory.Settings[$"Vupe:Connectors:{connector}:BaseUrl"] = "http://127.0.0.1:9/";
        }
        using var production = factory.WithWebHostBuilder(b => b.UseEnvironment("Production"));
        var error = Assert.Catch(() => _ = production.Server)!;
        Assert.That(error.ToString(), Does.Contain("Vupe:Sms:Mode=Http").And.Contain("simulador"));
    }
}
