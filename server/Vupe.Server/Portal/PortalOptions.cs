using Microsoft.AspNetCore.Identity;

namespace Vupe.Server.Portal;

/// <summary>Section "Vupe:Portal": the citizens' sessions, sign-in lockout, password rules and identity provider of Mi VUPE.</summary>
public sealed class PortalOptions
{
    public const string Section = "Vupe:Portal";

    /// <summary>Idle time after which the citizen signs in again (sliding).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Wrong passwords in a row before the account is locked for <see cref="LockoutDuration"/>.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Signing in with the national identity provider (OpenID Connect); off unless configured.</summary>
    public PortalIdentityProviderOptions IdentityProvider { get; set; } = new();

    /// <summary>As ASP.NET Identity words them, checked with Spanish messages (<see cref="PortalPasswords"/>).</summary>
    public PasswordOptions Password { get; set; } = new()
    {
        RequiredLength = 10, RequireDigit = true, RequireLowercase = true, RequireUppercase = true, RequireNonAlphanumeric = false, RequiredUniqueChars = 4,
    };
}
