using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace Vupe.Server.Portal.Companies;

/// <summary>
/// The companies' sign-in: a cookie scheme of its own ("Empresa"), built like the citizens' (<see cref="PortalAuthentication"/>)
/// and for the same reason — a separate scheme, not a role on the citizens' one. No staff policy names it, so a
/// company's cookie is never read on a staff page or API route, and the citizens' policy never reads it either; the
/// companies' pages ask for <see cref="Policy"/>, which authenticates with this scheme only. A role on the citizens'
/// scheme would put both kinds of account behind one cookie and one stamp check, and every citizen page would then
/// have to remember to refuse a company.
/// </summary>
public static class CompanyAuthentication
{
    public const string Scheme = "Empresa";
    public const string Policy = "empresa";
    public const string CookieName = "vupe.empresa";

    /// <summary>The account's id (<see cref="CompanyAccount.Id"/>).</summary>
    public const string AccountClaim = "vupe:empresa";
    public const string StampClaim = "vupe:empresa-sello";

    public static ClaimsPrincipal PrincipalFor(CompanyAccount account) => new(new ClaimsIdentity(
    [
        new Claim(AccountClaim, account.Id.ToString()),
        // Antiforgery tokens are bound to a unique id of the user; prefixed so it never reads as a staff or citizen id.
        new Claim(ClaimTypes.NameIdentifier, $"empresa:{account.Id}"),
        new Claim(StampClaim, account.SecurityStamp),
    ], Scheme));

    /// <summary>The signed-in company's account id, or null when the principal is not a company's.</summary>
    public static Guid? AccountOf(ClaimsPrincipal? principal) =>
        principal?.Identities.FirstOrDefault(i => i.IsAuthenticated && i.AuthenticationType == Scheme)?.FindFirst(AccountClaim)?.Value is { } id
        && Guid.TryParse(id, out var parsed) ? parsed : null;

    public static IServiceCollection AddCompanyAuthentication(this IServiceCollection services, PortalOptions options)
    {
        services.AddAuthentication().AddCookie(Scheme, o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = options.SessionLifetime;
            o.SlidingExpiration = true;
            o.LoginPath = "/empresas/ingresar";
            o.LogoutPath = "/empresas/salir";
            o.AccessDeniedPath = "/empresas/ingresar";
            o.ReturnUrlParameter = "volver";
            o.Events.OnValidatePrincipal = async context =>
            {
                if (context.Principal is { } principal
                    && !await context.HttpContext.RequestServices.GetRequiredService<CompanyAccounts>().IsCurrentAsync(principal, context.HttpContext.RequestAborted))
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
