using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Vupe.Server.Hosting;

/// <summary>
/// Where the server sits behind a reverse proxy (Vupe:Security). Only these proxies' X-Forwarded-For and
/// X-Forwarded-Proto are believed (loopback always is), so a client cannot claim another address or HTTPS.
/// </summary>
public sealed class SecurityOptions
{
    public const string Section = "Vupe:Security";

    /// <summary>Addresses of the reverse proxies, e.g. "10.0.0.5".</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of the reverse proxies in CIDR notation, e.g. "10.0.0.0/24".</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>Strict-Transport-Security's max-age on HTTPS answers (one year).</summary>
    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(365);

    /// <summary>
    /// How long a node trusts what it last read of a user's security stamp and lockout (<see cref="Auth.SessionStates"/>).
    /// Sign-outs and lockouts saved on the same node end sessions at once; saved on another node, within this
    /// interval. Zero reads the user on every request.
    /// </summary>
    public TimeSpan SessionRecheckInterval { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// The headers every answer carries (pages, API, static files, error pages): a Content-Security-Policy whose scripts
/// need the request's nonce (<see cref="CspNonce"/>, put on every &lt;script&gt; by <see cref="ScriptNonceTagHelper"/>; the
/// API's answers, which carry no script, get a policy that allows nothing),
/// no framing, no MIME sniffing, no referrer to other sites, and HSTS whenever the request came over HTTPS
/// (directly or through a known proxy's X-Forwarded-Proto).
/// </summary>
public static class SecurityHeaders
{
    /// <summary>Registers the proxy configuration and the start-up checks of a production host.</summary>
    public static WebApplicationBuilder AddVupeSecurity(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(SecurityOptions.Section);
        builder.Services.AddOptions<SecurityOptions>().Bind(section);
        var options = section.Get<SecurityOptions>() ?? new SecurityOptions();
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in options.KnownProxies)
                o.KnownProxies.Add(IPAddress.TryParse(proxy, out var address) ? address
                    : throw new InvalidOperationException($"{SecurityOptions.Section}:KnownProxies: «{proxy}» no es una dirección IP."));
            foreach (var network in options.KnownNetworks)
                o.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed) ? parsed
                    : throw new InvalidOperationException($"{SecurityOptions.Section}:KnownNetworks: «{network}» no es una red CIDR (p. ej. 10.0.0.0/24)."));
        });
        builder.Services.AddProductionConnectorCheck(builder.Environment);
        Auth.SessionCheck.AddVupeSessionCheck(builder.Services);
        return builder;
    }

    /// <summary>First in the pipeline: forwarded headers, then the security headers (set as the answer starts, so error pages keep them).</summary>
    public static WebApplication UseVupeSecurityHeaders(this WebApplication app)
    {
        app.UseForwardedHeaders();
        var hsts = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityOptions>>().Value.HstsMaxAge;
        var hstsValue = $"max-age={(long)hsts.TotalSeconds}; includeSubDomains";
        app.Use((context, next) =>
        {
            // The API answers JSON, never a script: it gets the policy that allows nothing, and no nonce to generate.
            var nonce = context.Request.Path.StartsWithSegments("/api") ? null : CspNonce.Create(context);
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "same-origin";
                headers.XFrameOptions = "DENY";
                headers.ContentSecurityPolicy = PolicyFor(context.Request.Path, nonce);
                if (context.Request.IsHttps) headers.StrictTransportSecurity = hstsValue;
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    /// <summary>What a JSON answer needs: nothing may load or frame it (OWASP's policy for REST services).</summary>
    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>
    /// Scripts only with the nonce (and what they load); styles may be inline because bpmn-js, dmn-js and form-js set
    /// style attributes as they draw. The operators' tools (Hangfire's dashboard, the API reference) bring their own
    /// inline scripts: they keep the rest of the policy. Without a nonce (the API's answers) nothing may load at all.
    /// </summary>
    internal static string PolicyFor(PathString path, string? nonce)
    {
        const string rest = "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
        if (nonce is null) return ApiPolicy;
        if (path.StartsWithSegments("/hangfire") || path.StartsWithSegments("/scalar"))
            return rest;
        return $"default-src 'self'; script-src 'self' 'nonce-{nonce}' 'strict-dynamic'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
            + $"font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; {rest}";
    }
}

/// <summary>The request's CSP nonce: 128 random bits, new for each request.</summary>
public static class CspNonce
{
    private static readonly object Key = new();

    internal static string Create(HttpContext context)
    {
        // Hex, not base64: nothing for the HTML encoder to escape in the attribute.
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        context.Items[Key] = nonce;
        return nonce;
    }

    public static string? Of(HttpContext context) => context.Items.TryGetValue(Key, out var nonce) ? nonce as string : null;
}

/// <summary>Puts the request's nonce on every &lt;script&gt; of the pages, so none runs without it.</summary>
[HtmlTargetElement("script")]
public sealed class ScriptNonceTagHelper(IHttpContextAccessor http) : TagHelper
{
    // After the framework's script tag helper (asp-append-version), which runs at order -1000.
    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (http.HttpContext is { } request && CspNonce.Of(request) is { } nonce) output.Attributes.SetAttribute("nonce", nonce);
    }
}
