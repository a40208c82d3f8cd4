using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Server.Auth;

namespace Vupe.Server.Pages;

/// <summary>Sign-in for staff (cookie). After it the user goes back to the page that sent them here, if it is one of ours.</summary>
[AllowAnonymous]
public sealed class IngresarModel(SignInManager<VupeUser> signIn, UserManager<VupeUser> users) : PageModel
{
    [BindProperty] public string? Usuario { get; set; }
    [BindProperty] public string? Clave { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Usuario) || string.IsNullOrEmpty(Clave))
        {
            ModelState.AddModelError(string.Empty, "Ingrese su usuario y su contraseña.");
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(Usuario.Trim(), Clave, isPersistent: false, lockoutOnFailure: true);
        // "/" sends each role to its own start page (ServerSetup.HomeFor).
        if (result.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        ModelState.AddModelError(string.Empty, result.IsLockedOut
            ? LockoutTexts.Refusal(await users.FindByNameAsync(Usuario.Trim()))
            : "Usuario o contraseña incorrectos.");
        return Page();
    }
}
