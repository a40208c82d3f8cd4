using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Server.Auth;

namespace Vupe.Server.Pages;

/// <summary>Signs out everywhere (POST only, with the form's antiforgery token) and goes back to the sign-in page.</summary>
public sealed class SalirModel(SignInManager<VupeUser> signIn, SessionCheck sessions) : PageModel
{
    public IActionResult OnGet() => Redirect("/bandeja");

    public async Task<IActionResult> OnPostAsync()
    {
        // Every session of the user ends, not only this browser's (a token or another device's cookie stops working too).
        await sessions.EndEverywhereAsync(User);
        await signIn.SignOutAsync();
        return Redirect("/ingresar");
    }
}
