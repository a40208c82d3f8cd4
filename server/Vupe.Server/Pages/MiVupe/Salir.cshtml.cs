using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Server.Portal;

namespace Vupe.Server.Pages.MiVupe;

/// <summary>Signs the citizen out everywhere (POST only, with the form's antiforgery token): a new security stamp ends every cookie of the account.</summary>
[Authorize(Policy = PortalAuthentication.Policy)]
public sealed class SalirModel(CitizenAccounts accounts) : PageModel
{
    public IActionResult OnGet() => Redirect("/mi-vupe");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (PortalAuthentication.AccountOf(User) is { } account) await accounts.SignOutEverywhereAsync(account, ct);
        await HttpContext.SignOutAsync(PortalAuthentication.Scheme);
        return Redirect("/mi-vupe/ingresar");
    }
}
