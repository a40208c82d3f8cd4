using Microsoft.AspNetCore.Antiforgery;

namespace Vupe.Server.Auth;

/// <summary>
/// CSRF protection for the API: a write (POST, PUT, PATCH, DELETE) that is authenticated by the
/// cookie must carry the antiforgery token in the <see cref="HeaderName"/> header (from
/// GET /api/auth/antiforgery). Bearer-token clients are not exposed to CSRF (browsers never attach
/// the token by themselves) and need none.
/// </summary>
public sealed class AntiforgeryForCookieWrites(RequestDelegate next, IAntiforgery antiforgery)
{
    public const string HeaderName = "X-CSRF-TOKEN";

    public async Task InvokeAsync(HttpContext context)
    {
        if (NeedsToken(context) && !await antiforgery.IsRequestValidAsync(context))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await Results.Problem(title: "Falta el token antifalsificación o no es válido.",
                detail: $"Las escrituras con sesión de navegador llevan la cabecera {HeaderName}.", statusCode: 400).ExecuteAsync(context);
            return;
        }
        await next(context);
    }

    private static bool NeedsToken(HttpContext context)
    {
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method)) return false;
        if (context.User.Identity is not { IsAuthenticated: true }) return false;
        // The same rule as the authentication policy scheme: a bearer header means the cookie was not used.
        return !context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
    }
}
