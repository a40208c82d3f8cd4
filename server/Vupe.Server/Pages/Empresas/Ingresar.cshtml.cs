using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Vupe.Server.Certificates;
using Vupe.Server.Portal.Companies;

namespace Vupe.Server.Pages.Empresas;

/// <summary>A company signs in with its RUC and password; every failure reads the same.</summary>
[AllowAnonymous]
[EnableRateLimiting(PublicVerificationEndpoints.CitizenRequestPolicy)]
public sealed class IngresarModel(CompanyAccounts accounts) : PageModel
{
    [BindProperty] public string? Ruc { get; set; }
    [BindProperty] public string? Clave { get; set; }
    [BindProperty(SupportsGet = true)] public string? Volver { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Ruc) || string.IsNullOrEmpty(Clave))
        {
            ModelState.AddModelError(string.Empty, "Escriba el RUC y la contraseña.");
            return Page();
        }
        var account = await accounts.SignInAsync(Ruc, Clave, ct);
        if (account is null)
        {
            ModelState.AddModelError(string.Empty, CompanyAccounts.SignInFailed);
            return Page();
        }
        await HttpContext.SignInAsync(CompanyAuthentication.Scheme, CompanyAuthentication.PrincipalFor(account));
        return LocalRedirect(Url.IsLocalUrl(Volver) && Volver!.StartsWith("/empresas", StringComparison.OrdinalIgnoreCase) ? Volver : "/empresas");
    }
}
