using System.Globalization;
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
/// Sign-up to Mi VUPE in two steps: DNI, check character, birth date (checked with RENIEC) and an email or mobile, which
/// receives a one-time code; then the code and a password. The account is linked to the citizen's ficha and signed in.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(PublicVerificationEndpoints.CitizenRequestPolicy)]
public sealed class RegistroModel(CitizenAccounts accounts, IOptions<PortalOptions> portal) : PageModel
{
    [BindProperty] public string? Dni { get; set; }
    [BindProperty] public string? CheckCharacter { get; set; }
    [BindProperty] public DateOnly? BirthDate { get; set; }
    [BindProperty] public string? Contact { get; set; }
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? PasswordAgain { get; set; }

    /// <summary>Set once a code was sent: the page asks for it and for the password.</summary>
    public string? CodeSent { get; private set; }
    public string? TooMany { get; private set; }
    public bool AsksForCode => CodeSent is not null;
    public string PasswordRules => PortalPasswords.Rules(portal.Value.Password);
    public string? BirthDateText => BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public void OnGet() { }

    /// <summary>Step 1: checks the data and sends the code.</summary>
    public Task<IActionResult> OnPostCodigoAsync(CancellationToken ct) => PortalForms.RunAsync(this, async () =>
    {
        var sent = await accounts.StartSignUpAsync(new SignUpRequest(Dni, CheckCharacter, BirthDate, Contact), ct);
        CodeSent = $"Enviamos un código de 6 dígitos a {sent.MaskedDestination}. Vence en 10 minutos.";
        ModelState.Remove(nameof(Code));
        Code = null;
        return Page();
    }, FieldOf, m => TooMany = m);

    /// <summary>Step 2: the code and the password; the account is created and the citizen signed in.</summary>
    public Task<IActionResult> OnPostAsync(CancellationToken ct) => PortalForms.RunAsync(this, async () =>
    {
        CodeSent = "Escriba el código de 6 dígitos que le enviamos y elija su contraseña.";
        var account = await accounts.CompleteSignUpAsync(new SignUpCompletion(Dni, CheckCharacter, BirthDate, Contact, Code, Password, PasswordAgain), ct);
        await HttpContext.SignInAsync(PortalAuthentication.Scheme, PortalAuthentication.PrincipalFor(account));
        return Redirect("/mi-vupe?bienvenida=1");
    }, field =>
    {
        // Data that no longer match (or an account made meanwhile) send the citizen back to the first step.
        if (field is "identidad" or "cuenta" or "dni" or "checkCharacter" or "birthDate" or "contact") CodeSent = null;
        return FieldOf(field);
    }, m =>
    {
        CodeSent = null;
        TooMany = m;
    });

    private static string FieldOf(string key) => key switch
    {
        "dni" => nameof(Dni),
        "checkCharacter" => nameof(CheckCharacter),
        "birthDate" => nameof(BirthDate),
        "contact" => nameof(Contact),
        "code" => nameof(Code),
        "password" => nameof(Password),
        "passwordAgain" => nameof(PasswordAgain),
        _ => string.Empty,
    };
}
