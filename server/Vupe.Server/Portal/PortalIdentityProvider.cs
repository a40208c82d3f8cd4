using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Vupe.Connectors;
using Vupe.Server.Certificates;
using Vupe.Server.Problems;

namespace Vupe.Server.Portal;

/// <summary>
/// Signing in to Mi VUPE with the national identity provider, the production path for citizens (OpenID Connect,
/// authorisation code with PKCE, configured in <see cref="PortalIdentityProviderOptions"/>). The provider's answer lands
/// in a short-lived cookie of its own (<see cref="ExternalScheme"/>); <see cref="CompletePath"/> reads the DNI from it,
/// finds or creates the citizen's account (<see cref="CitizenAccounts.SignInWithIdentityProviderAsync"/>), and swaps it
/// for the portal's own cookie, so the rest of the portal knows one kind of citizen session only.
/// </summary>
public static class PortalIdentityProvider
{
    public const string Scheme = "CiudadanoProveedor";
    public const string ExternalScheme = "CiudadanoProveedorRetorno";
    public const string StartPath = "/mi-vupe/ingresar/externo";
    public const string CompletePath = "/mi-vupe/ingresar/externo/listo";
    public const string CallbackPath = "/mi-vupe/ingresar/externo/retorno";

    public static IServiceCollection AddPortalIdentityProvider(this IServiceCollection services, PortalIdentityProviderOptions options)
    {
        if (!options.Enabled) return services;
        services.AddAuthentication()
            .AddCookie(ExternalScheme, o =>
            {
                o.Cookie.Name = "vupe.ciudadano.proveedor";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                // Only carries the provider's answer from the callback to CompletePath.
                o.ExpireTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddOpenIdConnect(Scheme, o =>
            {
                o.SignInScheme = ExternalScheme;
                o.Authority = options.Authority;
                o.ClientId = options.ClientId;
                o.ClientSecret = options.ClientSecret;
                o.RequireHttpsMetadata = options.RequireHttpsMetadata;
                o.CallbackPath = CallbackPath;
                o.ResponseType = OpenIdConnectResponseType.Code;
                o.UsePkce = true;
                // The answer comes back as a top-level GET, so the correlation and nonce cookies can stay SameSite=Lax
                // (form_post would need SameSite=None, which browsers drop over plain HTTP in development).
                o.ResponseMode = OpenIdConnectResponseMode.Query;
                o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.NonceCookie.SameSite = SameSiteMode.Lax;
                o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.Scope.Clear();
                o.Scope.Add(OpenIdConnectScope.OpenId);
                foreach (var scope in options.Scopes) o.Scope.Add(scope);
                o.MapInboundClaims = false;
                o.SaveTokens = false;
                o.GetClaimsFromUserInfoEndpoint = false;
                o.Events.OnRemoteFailure = context =>
                {
                    // The citizen cancelled at the provider or the answer was not valid: back to the sign-in page with a reason.
                    context.Response.Redirect("/mi-vupe/ingresar?proveedor=fallo");
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
            });
        return services;
    }

    /// <summary>Mapped whether or not a provider is configured, so the routes are always known; without one they answer 404.</summary>
    public static IEndpointRouteBuilder MapPortalIdentityProvider(this IEndpointRouteBuilder app)
    {
        app.MapGet(StartPath, (IOptions<PortalOptions> portal) => !portal.Value.IdentityProvider.Enabled
                ? Results.NotFound()
                : Results.Challenge(new AuthenticationProperties { RedirectUri = CompletePath }, [Scheme]))
            .AllowAnonymous();

        app.MapGet(CompletePath, async (HttpContext http, IOptions<PortalOptions> portal, CitizenAccounts accounts, CancellationToken ct) =>
        {
            var provider = portal.Value.IdentityProvider;
            if (!provider.Enabled) return Results.NotFound();
            var answer = await http.AuthenticateAsync(ExternalScheme);
            if (!answer.Succeeded || answer.Principal is not { } principal) return Results.Redirect("/mi-vupe/ingresar?proveedor=fallo");
            await http.SignOutAsync(ExternalScheme);
            CitizenAccount account;
            try
            {
                account = await accounts.SignInWithIdentityProviderAsync(principal.FindFirstValue(provider.DniClaim),
                    principal.FindFirstValue("iss") ?? provider.Authority!, principal.FindFirstValue("sub") ?? "", ct);
            }
            catch (Exception e) when (e is AccessDeniedException or FieldValidationException or ConnectorException)
            {
                // No DNI in the token, or RENIEC does not know it or cannot be reached: the page says which, in Spanish.
                return Results.Redirect(e is AccessDeniedException ? "/mi-vupe/ingresar?proveedor=sin-dni" : "/mi-vupe/ingresar?proveedor=reniec");
            }
            await http.SignInAsync(PortalAuthentication.Scheme, PortalAuthentication.PrincipalFor(account));
            return Results.Redirect("/mi-vupe");
        }).AllowAnonymous().RequireRateLimiting(PublicVerificationEndpoints.CitizenRequestPolicy);
        return app;
    }
}
