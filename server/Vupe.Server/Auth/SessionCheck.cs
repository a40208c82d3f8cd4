using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vupe.Server.Data;

namespace Vupe.Server.Auth;

/// <summary>
/// A session (cookie or bearer token) is good only while its user exists, is not locked out and still has the
/// security stamp it was issued with. Signing out changes the stamp (<see cref="EndEverywhereAsync"/>), so every
/// cookie and token of the user stops working at its next request, not when it expires; so does a lockout. Checked on
/// each request, on what this node last read of the user (<see cref="SessionStates"/>) or one read of the user by key.
/// </summary>
public sealed class SessionCheck(UserManager<VupeUser> users, IOptions<IdentityOptions> identity, IDbContextFactory<VupeDbContext> contexts, SessionStates states)
{
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        var stamp = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        if (stamp is null || users.GetUserId(principal) is not { } id) return false;
        // Three columns by key, untracked: loading the whole user through UserManager cost about a tenth of the server's
        // CPU under the consultants' loop (docs/deployment.md, Sizing), for a check every request makes. (Not
        // EF.CompileAsyncQuery: a compiled query keeps the first context's model, and the tests run both providers.)
        if (!states.TryGet(id, out var state))
        {
            var generation = states.Generation;
            await using (var db = await contexts.CreateDbContextAsync(ct))
                state = await db.Users.AsNoTracking().Where(u => u.Id == id)
                    .Select(u => new SessionState(u.SecurityStamp, u.LockoutEnabled, u.LockoutEnd)).FirstOrDefaultAsync(ct);
            if (state is null) return false;
            states.Remember(id, state, generation);
        }
        // Locked out exactly as UserManager.IsLockedOutAsync decides it (on the system clock, like Identity's lockouts).
        return !(state.LockoutEnabled && state.LockoutEnd >= DateTimeOffset.UtcNow)
            && string.Equals(stamp, state.SecurityStamp, StringComparison.Ordinal);
    }

    /// <summary>Ends every session of the signed-in user: a new security stamp invalidates their cookies and bearer tokens.</summary>
    public async Task EndEverywhereAsync(ClaimsPrincipal principal)
    {
        if (users.GetUserId(principal) is { } id && await users.FindByIdAsync(id) is { } user) await users.UpdateSecurityStampAsync(user);
    }

    internal static void AddVupeSessionCheck(IServiceCollection services)
    {
        services.AddSingleton<SessionStates>();
        services.AddScoped<SessionCheck>();
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, o =>
        {
            var previous = o.Events.OnValidatePrincipal;
            o.Events.OnValidatePrincipal = async context =>
            {
                await previous(context);
                if (context.Principal is { } principal && !await context.HttpContext.RequestServices.GetRequiredService<SessionCheck>().IsCurrentAsync(principal, context.HttpContext.RequestAborted))
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
            && !await context.RequestServices.GetRequiredService<SessionCheck>().IsCurrentAsync(context.User, context.RequestAborted))
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
        await next(context);
    });
}
