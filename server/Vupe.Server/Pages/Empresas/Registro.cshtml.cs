using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Vupe.Server.Certificates;
using Vupe.Server.Portal;
using Vupe.Server.Portal.Companies;

namespace Vupe.Server.Pages.Empresas;

/// <summary>A company's sign-up in two steps: RUC (checked with SUNAT, whose legal name is shown) and email (a one-time code goes there), then the code and a password.</summary>
[AllowAnonymous]
[EnableRateLimiting(PublicVerificationEndpoints.CitizenRequestPolicy)]
public sealed class RegistroModel(CompanyAccounts accounts, IOptions<PortalOptions> portal) : PortalSignUpPageModel(portal)
{
    [BindProperty] public string? Ruc { get; set; }
    [BindProperty] public string? Email { get; set; }

    /// <summary>The legal name SUNAT holds for the RUC (shown, never typed).</summary>
    public string? SunatName { get; private set; }
    public bool NeedsValidation { get; private set; }

    public Task<IActionResult> OnPostCodigoAsync(CancellationToken ct) => SendCodeAsync(async () =>
    {
        var started = await accounts.StartSignUpAsync(new CompanySignUpRequest(Ruc, Email), ct);
        (SunatName, NeedsValidation) = (started.LegalName, started.NeedsValidation);
        return started.Code;
    });

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => CreateAccountAsync(
        async () => CompanyAuthentication.PrincipalFor(await accounts.CompleteSignUpAsync(new CompanySignUpCompletion(Ruc, Email, Code, Password, PasswordAgain), ct)),
        CompanyAuthentication.Scheme, "/empresas?bienvenida=1");

    protected override bool BelongsToFirstStep(string key) => key is "ruc" or "email";

    protected override string DataFieldOf(string key) => key switch
    {
        "ruc" => nameof(Ruc),
        "email" => nameof(Email),
        _ => string.Empty,
    };
}
