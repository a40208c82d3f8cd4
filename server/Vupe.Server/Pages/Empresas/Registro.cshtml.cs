using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Vupe.Server.Certificates;
using Vupe.Server.Portal;
using Vupe.Server.Portal.Companies;

namespace Vupe.Server.Pages.Empresas;

/// <summary>A company's sign-up in two steps: RUC, name and email (a one-time code goes there), then the code and a password.</summary>
[AllowAnonymous]
[EnableRateLimiting(PublicVerificationEndpoints.CitizenRequestPolicy)]
public sealed class RegistroModel(CompanyAccounts accounts, IOptions<PortalOptions> portal) : PortalSignUpPageModel(portal)
{
    [BindProperty] public string? Ruc { get; set; }
    [BindProperty] public string? LegalName { get; set; }
    [BindProperty] public string? Email { get; set; }

    public Task<IActionResult> OnPostCodigoAsync(CancellationToken ct) =>
        SendCodeAsync(() => accounts.StartSignUpAsync(new CompanySignUpRequest(Ruc, LegalName, Email), ct));

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => CreateAccountAsync(
        async () => CompanyAuthentication.PrincipalFor(await accounts.CompleteSignUpAsync(new CompanySignUpCompletion(Ruc, LegalName, Email, Code, Password, PasswordAgain), ct)),
        CompanyAuthentication.Scheme, "/empresas?bienvenida=1");

    protected override bool BelongsToFirstStep(string key) => key is "ruc" or "legalName" or "email";

    protected override string DataFieldOf(string key) => key switch
    {
        "ruc" => nameof(Ruc),
        "legalName" => nameof(LegalName),
        "email" => nameof(Email),
        _ => string.Empty,
    };
}
