using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace Vupe.Server.Auth;

/// <summary>Sign-in with a cookie (browser) or for a bearer token (API clients), sign-out, who am I, and the CSRF token.</summary>
public static class AuthEndpoints
{
    public static void MapAuthEndpoints(this IEndpointRouteBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Auth");

        auth.MapPost("/login", (LoginRequest request, SignInManager<VupeUser> signIn) => SignInAsync(request, signIn, IdentityConstants.ApplicationScheme))
            .AllowAnonymous().WithSummary("Signs in with a session cookie (browser)");

        // The bearer handler writes {tokenType, accessToken, expiresIn, refreshToken} itself on success.
        auth.MapPost("/token", (LoginRequest request, SignInManager<VupeUser> signIn) => SignInAsync(request, signIn, IdentityConstants.BearerScheme))
            .AllowAnonymous().WithSummary("Signs in for a bearer token (API clients)");

        auth.MapPost("/logout", async (HttpContext context, SignInManager<VupeUser> signIn, SessionCheck sessions) =>
        {
            await sessions.EndEverywhereAsync(context.User);
            await signIn.SignOutAsync();
            return Results.NoContent();
        }).WithSummary("Ends every session of the user: the cookie, and every cookie and bearer token issued before");

        auth.MapGet("/me", (HttpContext context) =>
        {
            var scope = UserScope.From(context.User);
            return new MeDto(scope.UserId, scope.UserName, context.User.FindFirst(VupeClaims.FullName)?.Value ?? scope.UserName,
                scope.Roles, scope.OfficeCode, scope.Services);
        }).WithSummary("The signed-in user: roles, office (null = national), services");

        auth.MapGet("/antiforgery", (HttpContext context, IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(context);
            return new AntiforgeryDto(tokens.RequestToken!, AntiforgeryForCookieWrites.HeaderName);
        }).WithSummary("The token cookie-authenticated writes send in the X-CSRF-TOKEN header");
    }

    private static async Task<IResult> SignInAsync(LoginRequest request, SignInManager<VupeUser> signIn, string scheme)
    {
        if (string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password))
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["userName"] = ["Ingrese usuario y contraseña."] });
        signIn.AuthenticationScheme = scheme;
        var result = await signIn.PasswordSignInAsync(request.UserName.Trim(), request.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
            return Results.Problem(title: LockoutTexts.Refusal(await signIn.UserManager.FindByNameAsync(request.UserName.Trim())), statusCode: StatusCodes.Status423Locked);
        if (!result.Succeeded)
            return Results.Problem(title: "Usuario o contraseña incorrectos.", statusCode: StatusCodes.Status401Unauthorized);
        // Cookie: the handler set the cookie. Bearer: the handler already wrote the token response.
        return scheme == IdentityConstants.BearerScheme ? Results.Empty : Results.NoContent();
    }
}

/// <summary>Why a locked account cannot sign in: an administrator's lock lasts until lifted, a lockout after failed attempts ends by itself.</summary>
public static class LockoutTexts
{
    public static string Refusal(VupeUser? user) => user?.LockoutEnd >= Admin.UserAdministration.LockedByAdministrator
        ? "La cuenta está bloqueada por un administrador. Pida a un administrador que la desbloquee."
        : "La cuenta está bloqueada por intentos fallidos. Espere 15 minutos o pida a un administrador que la desbloquee.";
}

public sealed record LoginRequest(string? UserName, string? Password);
public sealed record MeDto(string Id, string UserName, string FullName, IReadOnlyList<string> Roles, string? OfficeCode, IReadOnlyList<string> Services);
public sealed record AntiforgeryDto(string Token, string HeaderName);
