using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Server.Auth;

namespace Vupe.Server.Pages;

/// <summary>Signs out (POST only, with the form's antiforgery token) and goes back to the sign-in page.</summary>
public sealed class SalirModel(SignInManager<VupeUser> signIn) : PageModel
{
    public IActionResult OnGet() => Redirect("/bandeja");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return Redirect("/ingresar");
    }
}
