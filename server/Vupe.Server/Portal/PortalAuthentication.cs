using System.Security.Claims;

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

    /// <summary>The scheme's cookie, pages, claims and policy, built as the companies' (<see cref="PortalCookieScheme"/>).</summary>
    internal static readonly PortalCookieScheme Cookie = new(Scheme, Policy, CookieName, AccountClaim, StampClaim, "ciudadano", "/mi-vupe");

    public static ClaimsPrincipal PrincipalFor(CitizenAccount account) => Cookie.PrincipalFor(account);

    /// <summary>The signed-in citizen's account id, or null when the principal is not a citizen's.</summary>
    public static Guid? AccountOf(ClaimsPrincipal? principal) => Cookie.AccountOf(principal);

    public static IServiceCollection AddPortalAuthentication(this IServiceCollection services, PortalOptions options) => Cookie.AddTo<CitizenAccounts>(services, options);
}
