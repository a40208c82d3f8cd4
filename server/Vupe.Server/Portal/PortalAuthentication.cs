using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;

namespace Vupe.Server.Portal;

/// <summary>
/// How citizens are signed in to Mi VUPE: a cookie scheme of their own (<see cref="Scheme"/>), never part of the staff's
/// SmartScheme, so a citizen's cookie is not even read on a staff page or API route (there the request is anonymous:
/// 401 or a redirect to the staff sign-in), and a staff cookie or bearer token is not read on the portal's pages. The
/// portal's pages ask for <see cref="Policy"/>, which authenticates with this scheme only and wants the account claim.
/// </summary>
public static class PortalAuthentication
{
    public const string Scheme = "Ciudadano";
    public const string Policy = "ciudadano";
    public const string CookieName = "vupe.ciudadano";

    /// <summary>The account's id (<see cref="CitizenAccount.Id"/>).</summary>
    public const string AccountClaim = "vupe:ciudadano";
    /// <summary>The account's security stamp when the cookie was issued (<see cref="CitizenAccount.SecurityStamp"/>).</summary>
    public const string StampClaim = "vupe:ciudadano-sello";

    public static ClaimsPrincipal PrincipalFor(CitizenAccount account) => new(new ClaimsIdentity(
    [
        new Claim(AccountClaim, account.Id.ToString()),
        // Antiforgery tokens are bound to a unique id of the user; it is the account, prefixed so it never reads as a staff id.
        new Claim(ClaimTypes.NameIdentifier, $"ciudadano:{account.Id}"),
        new Claim(StampClaim, account.SecurityStamp),
    ], Scheme));

    /// <summary>The signed-in citizen's account id, or null when the principal is not a citizen's.</summary>
    public static Guid? AccountOf(ClaimsPrincipal? principal) =>
        principal?.Identities.FirstOrDefault(i => i.IsAuthenticated && i.AuthenticationType == Scheme)?.FindFirst(AccountClaim)?.Value is { } id
        && Guid.TryParse(id, out var parsed) ? parsed : null;

    public static IServiceCollection AddPortalAuthentication(this IServiceCollection services, PortalOptions options)
    {
        services.AddAuthentication().AddCookie(Scheme, o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            // Lax, not Strict: a citizen following a link from their email lands signed in.
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = options.SessionLifetime;
            o.SlidingExpiration = true;
            o.LoginPath = "/mi-vupe/ingresar";
            o.LogoutPath = "/mi-vupe/salir";
            o.AccessDeniedPath = "/mi-vupe/ingresar";
            o.ReturnUrlParameter = "volver";
            o.Events.OnValidatePrincipal = async context =>
            {
                if (context.Principal is { } principal
                    && !await context.HttpContext.RequestServices.GetRequiredService<CitizenAccounts>().IsCurrentAsync(principal, context.HttpContext.RequestAborted))
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
