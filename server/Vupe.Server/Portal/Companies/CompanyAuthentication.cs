using System.Security.Claims;

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

    /// <summary>The scheme's cookie, pages, claims and policy, built as the citizens' (<see cref="PortalCookieScheme"/>).</summary>
    internal static readonly PortalCookieScheme Cookie = new(Scheme, Policy, CookieName, AccountClaim, StampClaim, "empresa", "/empresas");

    public static ClaimsPrincipal PrincipalFor(CompanyAccount account) => Cookie.PrincipalFor(account);

    /// <summary>The signed-in company's account id, or null when the principal is not a company's.</summary>
    public static Guid? AccountOf(ClaimsPrincipal? principal) => Cookie.AccountOf(principal);

    public static IServiceCollection AddCompanyAuthentication(this IServiceCollection services, PortalOptions options) => Cookie.AddTo<CompanyAccounts>(services, options);
}
