using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace Vupe.Server.Portal;

/// <summary>
/// One of the portal's cookie schemes — the citizens' (<see cref="PortalAuthentication"/>) or the companies'
/// (<see cref="Companies.CompanyAuthentication"/>): its cookie, its sign-in pages under <paramref name="PagesPath"/>, the
/// claims of its principal, the policy that reads this scheme only, and the check on every request that the account
/// still exists with the stamp the cookie was issued with.
/// </summary>
/// <param name="IdPrefix">Prefixes the principal's unique id (antiforgery tokens are bound to it), so it never reads as a staff id or the other kind's.</param>
internal sealed record PortalCookieScheme(string Scheme, string Policy, string CookieName, string AccountClaim, string StampClaim, string IdPrefix, string PagesPath)
{
    public ClaimsPrincipal PrincipalFor(IPortalAccount account) => new(new ClaimsIdentity(
    [
        new Claim(AccountClaim, account.Id.ToString()),
        new Claim(ClaimTypes.NameIdentifier, $"{IdPrefix}:{account.Id}"),
        new Claim(StampClaim, account.SecurityStamp),
    ], Scheme));

    /// <summary>The signed-in account's id, or null when the principal is not one of this scheme's.</summary>
    public Guid? AccountOf(ClaimsPrincipal? principal) =>
        principal?.Identities.FirstOrDefault(i => i.IsAuthenticated && i.AuthenticationType == Scheme)?.FindFirst(AccountClaim)?.Value is { } id
        && Guid.TryParse(id, out var parsed) ? parsed : null;

    /// <summary>The cookie scheme and its policy; <typeparamref name="TSessions"/> checks the stamp on every request.</summary>
    public IServiceCollection AddTo<TSessions>(IServiceCollection services, PortalOptions options) where TSessions : class, IPortalSessions
    {
        services.AddAuthentication().AddCookie(Scheme, o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            // Lax, not Strict: someone following a link from their email lands signed in.
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = options.SessionLifetime;
            o.SlidingExpiration = true;
            o.LoginPath = $"{PagesPath}/ingresar";
            o.LogoutPath = $"{PagesPath}/salir";
            o.AccessDeniedPath = $"{PagesPath}/ingresar";
            o.ReturnUrlParameter = "volver";
            o.Events.OnValidatePrincipal = async context =>
            {
                if (context.Principal is { } principal
                    && !await context.HttpContext.RequestServices.GetRequiredService<TSessions>().IsCurrentAsync(principal, context.HttpContext.RequestAborted))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(Scheme);
                }
            };
        });
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireClaim(AccountClaim));
        return services;
    }
}
