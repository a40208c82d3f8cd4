using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Vupe.Server.Certificates;
using Vupe.Server.Portal;
using Vupe.Server.Portal.Companies;

namespace Vupe.Server.Pages.Empresas;

/// <summary>A company's sign-up in two steps: RUC, name and email (a one-time code goes there), then the code and a password.</summary>
[AllowAnonymous]
[EnableRateLimiting(PublicVerificationEndpoints.CitizenRequestPolicy)]
public sealed class RegistroModel(CompanyAccounts accounts, IOptions<PortalOptions> portal) : PageModel
{
    [BindProperty] public string? Ruc { get; set; }
    [BindProperty] public string? LegalName { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? PasswordAgain { get; set; }

    public string? CodeSent { get; private set; }
    public string? TooMany { get; private set; }
    public bool AsksForCode => CodeSent is not null;
    public string PasswordRules => PortalPasswords.Rules(portal.Value.Password);

    public void OnGet() { }

    public Task<IActionResult> OnPostCodigoAsync(CancellationToken ct) => PortalForms.RunAsync(this, async () =>
    {
        var sent = await accounts.StartSignUpAsync(new CompanySignUpRequest(Ruc, LegalName, Email), ct);
        CodeSent = $"Enviamos un código de 6 dígitos a {sent.MaskedDestination}. Vence en 10 minutos.";
        ModelState.Remove(nameof(Code));
        Code = null;
        return Page();
    }, FieldOf, m => TooMany = m);

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => PortalForms.RunAsync(this, async () =>
    {
        CodeSent = "Escriba el código de 6 dígitos que le enviamos y elija su contraseña.";
        var account = await accounts.CompleteSignUpAsync(new CompanySignUpCompletion(Ruc, LegalName, Email, Code, Password, PasswordAgain), ct);
        await HttpContext.SignInAsync(CompanyAuthentication.Scheme, CompanyAuthentication.PrincipalFor(account));
        return Redirect("/empresas?bienvenida=1");
    }, field =>
    {
        if (field is "ruc" or "legalName" or "email") CodeSent = null;
        return FieldOf(field);
    }, m =>
    {
        CodeSent = null;
        TooMany = m;
    });

    private static string FieldOf(string key) => key switch
    {
        "ruc" => nameof(Ruc),
        "legalName" => nameof(LegalName),
        "email" => nameof(Email),
        "code" => nameof(Code),
        "password" => nameof(Password),
        "passwordAgain" => nameof(PasswordAgain),
        _ => string.Empty,
    };
}
