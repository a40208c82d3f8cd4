using Hangfire.Dashboard;

namespace Vupe.Server.Auth;

/// <summary>The Hangfire dashboard is for admins only.</summary>
public sealed class AdminOnlyDashboard : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Roles.Admin);
}
