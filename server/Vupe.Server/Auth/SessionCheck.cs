using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Vupe.Server.Auth;

/// <summary>
/// A session (cookie or bearer token) is good only while its user exists, is not locked out and still has the
/// security stamp it was issued with. Signing out changes the stamp (<see cref="EndEverywhereAsync"/>), so every
/// cookie and token of the user stops working at its next request, not when it expires; so does a lockout. Checked on
/// each request: one read of the user by key.
/// </summary>
public sealed class SessionCheck(UserManager<VupeUser> users, IOptions<IdentityOptions> identity)
{
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal)
    {
        if (users.GetUserId(principal) is not { } id || await users.FindByIdAsync(id) is not { } user) return false;
        if (await users.IsLockedOutAsync(user)) return false;
        var stamp = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        return stamp is not null && string.Equals(stamp, await users.GetSecurityStampAsync(user), StringComparison.Ordinal);
    }

    /// <summary>Ends every session of the signed-in user: a new security stamp invalidates their cookies and bearer tokens.</summary>
    public async Task EndEverywhereAsync(ClaimsPrincipal principal)
    {
        if (users.GetUserId(principal) is { } id && await users.FindByIdAsync(id) is { } user) await users.UpdateSecurityStampAsync(user);
    }

    internal static void AddVupeSessionCheck(IServiceCollection services)
    {
        services.AddScoped<SessionCheck>();
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, o =>
        {
            var previous = o.Events.OnValidatePrincipal;
            o.Events.OnValidatePrincipal = async context =>
            {
                await previous(context);
                if (context.Principal is { } principal && !await context.HttpContext.RequestServices.GetRequiredService<SessionCheck>().IsCurrentAsync(principal))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                }
            };
        });
    }
}

public static class SessionCheckMiddleware
{
    /// <summary>
    /// After authentication: a bearer token whose user signed out, was locked out or no longer exists is treated as no
    /// token at all (401). The bearer handler has no validation event of its own; cookies are checked by theirs.
    /// </summary>
    public static IApplicationBuilder UseVupeSessionCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.Identity?.IsAuthenticated == true
            && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && !await context.RequestServices.GetRequiredService<SessionCheck>().IsCurrentAsync(context.User))
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
        await next(context);
    });
}
