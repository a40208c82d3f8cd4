namespace Vupe.Server.Portal;

/// <summary>
/// Section "Vupe:Portal:IdentityProvider": the national identity provider citizens may sign in with instead of a
/// password (OpenID Connect, authorisation code with PKCE). Off until <see cref="Authority"/> and <see cref="ClientId"/>
/// are set; docs/deployment.md "Citizens' sign-in with the national identity provider" says what to ask the provider for.
/// </summary>
public sealed class PortalIdentityProviderOptions
{
    /// <summary>The provider's issuer URL; its discovery document is read from <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>Kept out of appsettings in production (environment variable or secret store).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>What the sign-in button says after "Ingresar con".</summary>
    public string DisplayName { get; set; } = "su identidad digital del Estado";

    /// <summary>The claim of the ID token that carries the citizen's DNI (8 digits).</summary>
    public string DniClaim { get; set; } = "dni";

    /// <summary>Scopes asked for besides <c>openid</c>.</summary>
    public List<string> Scopes { get; set; } = ["profile"];

    /// <summary>Only a test or a local provider may be reached over plain HTTP.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}
