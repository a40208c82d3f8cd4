using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Vupe.Server.Certificates;
using Vupe.Server.Portal;

namespace Vupe.Server.Pages.MiVupe;

/// <summary>
/// A citizen signs in with DNI and password. Every failure reads the same (wrong DNI, wrong password, no account, locked
/// out), so the page does not tell which DNIs have an account.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(PublicVerificationEndpoints.CitizenRequestPolicy)]
public sealed class IngresarModel(CitizenAccounts accounts, IOptions<PortalOptions> portal) : PageModel
{
    [BindProperty] public string? Dni { get; set; }
    [BindProperty] public string? Clave { get; set; }
    [BindProperty(SupportsGet = true)] public string? Volver { get; set; }

    /// <summary>Why the national identity provider's sign-in came back without a session (see <see cref="PortalIdentityProvider"/>).</summary>
    [BindProperty(SupportsGet = true)] public string? Proveedor { get; set; }

    /// <summary>"su identidad digital del Estado" or as configured; null when no provider is configured.</summary>
    public string? ProviderName => portal.Value.IdentityProvider.Enabled ? portal.Value.IdentityProvider.DisplayName : null;

    public string? ProviderProblem => Proveedor switch
    {
        null or "" => null,
        "sin-dni" => "El proveedor de identidad no nos envió su DNI. Ingrese con su DNI y contraseña, o acérquese a una oficina de la VUPE.",
        "reniec" => "No pudimos confirmar su DNI con RENIEC en este momento. Intente de nuevo en unos minutos.",
        _ => "No se completó el ingreso con el proveedor de identidad. Intente de nuevo o ingrese con su DNI y contraseña.",
    };

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Dni) || string.IsNullOrEmpty(Clave))
        {
            ModelState.AddModelError(string.Empty, "Escriba su DNI y su contraseña.");
            return Page();
        }
        var account = await accounts.SignInAsync(Dni, Clave, ct);
        if (account is null)
        {
            ModelState.AddModelError(string.Empty, CitizenAccounts.SignInFailed);
            return Page();
        }
        await HttpContext.SignInAsync(PortalAuthentication.Scheme, PortalAuthentication.PrincipalFor(account));
        // Only back to a page of the portal: a staff page would not know the citizen anyway.
        return LocalRedirect(Url.IsLocalUrl(Volver) && Volver!.StartsWith("/mi-vupe", StringComparison.OrdinalIgnoreCase) ? Volver : "/mi-vupe");
    }
}
