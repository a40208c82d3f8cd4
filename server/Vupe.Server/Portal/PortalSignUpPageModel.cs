using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Vupe.Server.Trust;

namespace Vupe.Server.Portal;

/// <summary>
/// A portal sign-up page in two steps, as Mi VUPE's and VUPE Empresas' run it: the identifying data, which sends a
/// one-time code; then the code and a password, which create the account and sign it in. Refusals land under their
/// fields (<see cref="PortalForms"/>); a refusal of the identifying data, or too many attempts, goes back to the first step.
/// </summary>
public abstract class PortalSignUpPageModel(IOptions<PortalOptions> portal) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? PasswordAgain { get; set; }

    /// <summary>Set once a code was sent: the page asks for it and for the password.</summary>
    public string? CodeSent { get; private set; }
    public string? TooMany { get; private set; }
    public bool AsksForCode => CodeSent is not null;
    public string PasswordRules => PortalPasswords.Rules(portal.Value.Password);

    public void OnGet() { }

    /// <summary>The page property an error key of the identifying data belongs to ("dni" → "Dni"); empty for the page's summary.</summary>
    protected abstract string DataFieldOf(string key);

    /// <summary>Whether a refusal under this key means the first step's data no longer hold (the visitor starts over).</summary>
    protected abstract bool BelongsToFirstStep(string key);

    /// <summary>Step 1: <paramref name="send"/> checks the data and sends the code; the page then asks for it.</summary>
    protected Task<IActionResult> SendCodeAsync(Func<Task<SentCode>> send) => PortalForms.RunAsync(this, async () =>
    {
        var sent = await send();
        CodeSent = $"Enviamos un código de 6 dígitos a {sent.MaskedDestination}. Vence en 10 minutos.";
        ModelState.Remove(nameof(Code));
        Code = null;
        return Page();
    }, FieldOf, m => TooMany = m);

    /// <summary>Step 2: <paramref name="create"/> makes the account (its principal returned), which is signed in with <paramref name="scheme"/> and sent home.</summary>
    protected Task<IActionResult> CreateAccountAsync(Func<Task<ClaimsPrincipal>> create, string scheme, string home) => PortalForms.RunAsync(this, async () =>
    {
        CodeSent = "Escriba el código de 6 dígitos que le enviamos y elija su contraseña.";
        await HttpContext.SignInAsync(scheme, await create());
        return Redirect(home);
    }, field =>
    {
        if (BelongsToFirstStep(field)) CodeSent = null;
        return FieldOf(field);
    }, m =>
    {
        CodeSent = null;
        TooMany = m;
    });

    private string FieldOf(string key) => key switch
    {
        "code" => nameof(Code),
        "password" => nameof(Password),
        "passwordAgain" => nameof(PasswordAgain),
        _ => DataFieldOf(key),
    };
}
