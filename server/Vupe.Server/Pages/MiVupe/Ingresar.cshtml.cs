using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Vupe.Server.Certificates;
using Vupe.Server.Portal;

namespace Vupe.Server.Pages.MiVupe;

/// <summary>
/// A citizen signs in with DNI and password. Every failure reads the same (wrong DNI, wrong password, no account, locked
/// out), so the page does not tell which DNIs have an account.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(PublicVerificationEndpoints.CitizenRequestPolicy)]
public sealed class IngresarModel(CitizenAccounts accounts) : PageModel
{
    [BindProperty] public string? Dni { get; set; }
    [BindProperty] public string? Clave { get; set; }
    [BindProperty(SupportsGet = true)] public string? Volver { get; set; }

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
