using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Vupe.Server.Auth;

namespace Vupe.Server.Tests;

/// <summary>The bearer tickets kept by token: decrypted once, handed out as copies, a forged token never kept.</summary>
public sealed class CachedBearerTicketsTests
{
    private sealed class CountingFormat(ISecureDataFormat<AuthenticationTicket> inner) : ISecureDataFormat<AuthenticationTicket>
    {
        public int Unprotects { get; private set; }
        public string Protect(AuthenticationTicket data) => inner.Protect(data);
        public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);
        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);
        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Unprotects++;
            return inner.Unprotect(protectedText, purpose);
        }
    }

    private static CountingFormat Format() =>
        new(new TicketDataFormat(new EphemeralDataProtectionProvider().CreateProtector("tests")));

    private static AuthenticationTicket Ticket(string user) =>
        new(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user)], "Bearer")),
            new AuthenticationProperties { ExpiresUtc = DateTimeOffset.UtcNow.AddHours(1) }, "Bearer");

    [Test]
    public void A_token_is_decrypted_once_and_each_request_gets_its_own_copy_of_the_ticket()
    {
        var inner = Format();
        using var cache = new BearerTicketCache();
        var cached = new CachedBearerTickets(inner, cache);
        var token = cached.Protect(Ticket("consultor.lim"));

        var first = cached.Unprotect(token)!;
        ((ClaimsIdentity)first.Principal.Identity!).AddClaim(new Claim("added-by-this-request", "x"));
        first.Properties.Items["changed"] = "by this request";
        var second = cached.Unprotect(token)!;

        Assert.That(inner.Unprotects, Is.EqualTo(1));
        Assert.That(second.Principal.Identity!.Name, Is.EqualTo("consultor.lim"));
        Assert.That(second.Principal.HasClaim(c => c.Type == "added-by-this-request"), Is.False, "a change to one request's ticket stays in it");
        Assert.That(second.Properties.Items.ContainsKey("changed"), Is.False);
        Assert.That(second.Properties.ExpiresUtc, Is.EqualTo(first.Properties.ExpiresUtc), "the handler still checks the expiry");
        Assert.That(cached.Unprotect(cached.Protect(Ticket("supervisor.lim")))!.Principal.Identity!.Name, Is.EqualTo("supervisor.lim"), "another token, another ticket");
    }

    [Test]
    public void A_token_that_does_not_decrypt_is_checked_again_every_time()
    {
        var inner = Format();
        using var cache = new BearerTicketCache();
        var cached = new CachedBearerTickets(inner, cache);
        var forged = cached.Protect(Ticket("consultor.lim"))[..^4] + "AAAA";

        Assert.That(cached.Unprotect(forged), Is.Null);
        Assert.That(cached.Unprotect(forged), Is.Null);
        Assert.That(inner.Unprotects, Is.EqualTo(2));
    }
}
