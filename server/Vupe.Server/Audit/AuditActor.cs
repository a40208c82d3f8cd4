using Vupe.Engine;
using Vupe.Server.Auth;

namespace Vupe.Server.Audit;

/// <summary>Who an audit entry names: the signed-in user of the request, a citizen of Mi VUPE ("ciudadano:{account}"), or "system" (no user: a citizen's public request, start-up work).</summary>
public static class AuditActor
{
    public static readonly CommandActor System = new("system", "system", [], null, null);

    public static CommandActor From(HttpContext? context)
    {
        var address = context?.Connection.RemoteIpAddress?.ToString();
        // A citizen signed in to Mi VUPE acts for themselves: no role, no office.
        if (Portal.PortalAuthentication.AccountOf(context?.User) is { } account) return new CommandActor($"ciudadano:{account}", "ciudadano", [], null, address);
        if (Portal.Companies.CompanyAuthentication.AccountOf(context?.User) is { } company) return new CommandActor($"empresa:{company}", "empresa", [], null, address);
        if (context?.User.Identity?.IsAuthenticated != true) return System with { Address = address };
        var user = UserScope.From(context.User);
        return new CommandActor(user.UserId, user.UserName, user.Roles, user.OfficeCode, address);
    }
}
