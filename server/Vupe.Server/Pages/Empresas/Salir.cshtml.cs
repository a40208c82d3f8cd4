using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Server.Portal.Companies;

namespace Vupe.Server.Pages.Empresas;

/// <summary>Signs the company out everywhere (POST only): a new security stamp ends every cookie of the account.</summary>
[Authorize(Policy = CompanyAuthentication.Policy)]
public sealed class SalirModel(CompanyAccounts accounts) : PageModel
{
    public IActionResult OnGet() => Redirect("/empresas");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (CompanyAuthentication.AccountOf(User) is { } account) await accounts.SignOutEverywhereAsync(account, ct);
        await HttpContext.SignOutAsync(CompanyAuthentication.Scheme);
        return Redirect("/empresas/ingresar");
    }
}
