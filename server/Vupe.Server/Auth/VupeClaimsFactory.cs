using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Vupe.Server.Auth;

/// <summary>Puts office, full name and services into the principal (cookie and bearer token alike), so scoping needs no database read per request.</summary>
public sealed class VupeClaimsFactory(UserManager<VupeUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<VupeUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(VupeUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        // Saved inbox filters are user claims only for their storage; they have no place in every request's cookie or token.
        foreach (var saved in identity.FindAll(Inbox.SavedInboxFilters.ClaimType).ToList()) identity.RemoveClaim(saved);
        identity.AddClaim(new Claim(VupeClaims.FullName, user.FullName));
        if (user.OfficeCode is { } office) identity.AddClaim(new Claim(VupeClaims.Office, office));
        foreach (var service in user.Services.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            identity.AddClaim(new Claim(VupeClaims.Service, service));
        return identity;
    }
}
