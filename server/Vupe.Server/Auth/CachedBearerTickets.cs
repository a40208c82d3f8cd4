using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;

namespace Vupe.Server.Auth;

/// <summary>
/// The bearer handler unprotects the token on every request — a key derivation, an HMAC and an AES decryption, then
/// the ticket's deserialisation: about a fiftieth of the server's CPU under the consultants' loop (docs/benchmarks.md).
/// A session sends the same token with each request, so the ticket it decrypted to is kept for a while, bounded in
/// number, and each request gets its own copy. Only tokens that did decrypt are kept: a forged one pays the full check
/// every time. Whether the session is still good (sign-out, lockout) is not cached here: <see cref="SessionCheck"/>
/// decides that on every request, and the handler checks the ticket's expiry on the copy as before.
/// </summary>
internal sealed class CachedBearerTickets(ISecureDataFormat<AuthenticationTicket> inner, BearerTicketCache cache) : ISecureDataFormat<AuthenticationTicket>
{
    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (string.IsNullOrEmpty(protectedText)) return inner.Unprotect(protectedText, purpose);
        var key = (protectedText, purpose);
        if (cache.Tickets.TryGetValue(key, out AuthenticationTicket? known) && known is not null) return known.Clone();
        var ticket = inner.Unprotect(protectedText, purpose);
        if (ticket is not null) cache.Tickets.Set(key, ticket.Clone(), new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = BearerTicketCache.KeptFor });
        return ticket;
    }

    /// <summary>Wraps the bearer scheme's token format, whichever the framework (or configuration) chose.</summary>
    internal static void AddTo(IServiceCollection services)
    {
        services.AddSingleton<BearerTicketCache>();
        services.AddOptions<BearerTokenOptions>(IdentityConstants.BearerScheme)
            .PostConfigure<BearerTicketCache>((o, cache) => o.BearerTokenProtector = new CachedBearerTickets(o.BearerTokenProtector, cache));
    }
}

/// <summary>The node's decrypted bearer tickets by token (<see cref="CachedBearerTickets"/>).</summary>
internal sealed class BearerTicketCache : IDisposable
{
    /// <summary>Tokens kept at most; beyond it the cache drops some (a compaction) and they are decrypted again.</summary>
    public const int Capacity = 10_000;

    /// <summary>How long a decrypted ticket is kept after it was last used.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(10);

    public MemoryCache Tickets { get; } = new(new MemoryCacheOptions { SizeLimit = Capacity });

    public void Dispose() => Tickets.Dispose();
}
