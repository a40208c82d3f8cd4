using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Vupe.Server.Tests.Portal;

/// <summary>
/// A national identity provider in the test process: an OpenID Connect authorisation server of its own (discovery,
/// keys, authorize, token) on a TestServer, with RSA-signed ID tokens, single-use codes and PKCE checked, so the server's
/// real OpenID Connect handler talks to it as it would to the State's. The test says who signs in next (<see cref="NextCitizen"/>).
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string Issuer = "https://idp.test";
    public const string ClientId = "vupe-mi-vupe";
    public const string ClientSecret = "secreto-de-prueba";

    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "clave-1" };
    private readonly ConcurrentDictionary<string, Grant> _codes = new(StringComparer.Ordinal);

    private sealed record Grant(string RedirectUri, string Nonce, string Challenge, string Subject, string? Dni);

    /// <summary>The DNI the next sign-in carries in its "dni" claim (null: a token without it).</summary>
    public string? NextCitizen { get; set; }

    /// <summary>How many codes the token endpoint exchanged (each at most once).</summary>
    public int TokensIssued { get; private set; }

    private TestIdentityProvider(WebApplication app) => _app = app;

    /// <summary>Synchronous, because a fixture configures its server's services (and this provider's back channel) before the server starts.</summary>
    public static TestIdentityProvider Start()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        var provider = new TestIdentityProvider(builder.Build());
        provider.Map();
        provider._app.Start();
        return provider;
    }

    /// <summary>The handler the server's OpenID Connect back channel uses to reach this provider.</summary>
    public HttpMessageHandler BackChannel => _app.GetTestServer().CreateHandler();

    /// <summary>The citizen's browser at the provider: no cookies needed, the test has already "signed in" <see cref="NextCitizen"/>.</summary>
    public HttpClient Browser() => new(_app.GetTestServer().CreateHandler()) { BaseAddress = new Uri(Issuer) };

    private void Map()
    {
        _app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = $"{Issuer}/authorize",
            ["token_endpoint"] = $"{Issuer}/token",
            ["jwks_uri"] = $"{Issuer}/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
        }));
        _app.MapGet("/jwks", () =>
        {
            var rsa = _key.Rsa.ExportParameters(false);
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = _key.KeyId, n = Base64UrlEncoder.Encode(rsa.Modulus), e = Base64UrlEncoder.Encode(rsa.Exponent) } } });
        });
        _app.MapGet("/authorize", (HttpRequest request) =>
        {
            var q = request.Query;
            if (q["client_id"] != ClientId || q["response_type"] != "code" || q["code_challenge_method"] != "S256" || string.IsNullOrEmpty(q["code_challenge"]))
                return Results.BadRequest("invalid_request");
            var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(24));
            _codes[code] = new Grant(q["redirect_uri"]!, q["nonce"]!, q["code_challenge"]!, $"sujeto-{NextCitizen ?? "sin-dni"}", NextCitizen);
            return Results.Redirect($"{q["redirect_uri"]}?code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(q["state"]!)}");
        });
        _app.MapPost("/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            var (id, secret) = ClientOf(request, form);
            if (id != ClientId || secret != ClientSecret) return Results.Json(new { error = "invalid_client" }, statusCode: 401);
            if (form["grant_type"] != "authorization_code" || !_codes.TryRemove(form["code"].ToString(), out var grant) || grant.RedirectUri != form["redirect_uri"])
                return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
            var verifier = form["code_verifier"].ToString();
            if (Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))) != grant.Challenge)
                return Results.Json(new { error = "invalid_grant", error_description = "PKCE" }, statusCode: 400);
            TokensIssued++;
            var accessToken = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
            return Results.Json(new { access_token = accessToken, token_type = "Bearer", expires_in = 300, id_token = IdToken(grant, accessToken) });
        });
    }

    private static (string? Id, string? Secret) ClientOf(HttpRequest request, IFormCollection form)
    {
        if (request.Headers.Authorization.ToString() is { Length: > 6 } header && header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..])).Split(':', 2);
            return (Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1]));
        }
        return (form["client_id"], form["client_secret"]);
    }

    private string IdToken(Grant grant, string accessToken)
    {
        var hash = SHA256.HashData(Encoding.ASCII.GetBytes(accessToken));
        var claims = new List<Claim>
        {
            new("sub", grant.Subject), new("nonce", grant.Nonce), new("at_hash", Base64UrlEncoder.Encode(hash[..16])),
        };
        if (grant.Dni is not null) claims.Add(new Claim("dni", grant.Dni));
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer, Audience = ClientId, Subject = new ClaimsIdentity(claims), IssuedAt = now, NotBefore = now, Expires = now.AddMinutes(5),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
