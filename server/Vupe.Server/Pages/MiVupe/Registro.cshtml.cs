using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
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
public sealed class RegistroModel(CitizenAccounts accounts, IOptions<PortalOptions> portal) : PortalSignUpPageModel(portal)
{
    [BindProperty] public string? Dni { get; set; }
    [BindProperty] public string? CheckCharacter { get; set; }
    [BindProperty] public DateOnly? BirthDate { get; set; }
    [BindProperty] public string? Contact { get; set; }

    public string? BirthDateText => BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Step 1: checks the data and sends the code.</summary>
    public Task<IActionResult> OnPostCodigoAsync(CancellationToken ct) =>
        SendCodeAsync(() => accounts.StartSignUpAsync(new SignUpRequest(Dni, CheckCharacter, BirthDate, Contact), ct));

    /// <summary>Step 2: the code and the password; the account is created and the citizen signed in.</summary>
    public Task<IActionResult> OnPostAsync(CancellationToken ct) => CreateAccountAsync(
        async () => PortalAuthentication.PrincipalFor(await accounts.CompleteSignUpAsync(new SignUpCompletion(Dni, CheckCharacter, BirthDate, Contact, Code, Password, PasswordAgain), ct)),
        PortalAuthentication.Scheme, "/mi-vupe?bienvenida=1");

    // Data that no longer match RENIEC (or an account made meanwhile) send the citizen back to the first step.
    protected override bool BelongsToFirstStep(string key) => key is "identidad" or "cuenta" or "dni" or "checkCharacter" or "birthDate" or "contact";

    protected override string DataFieldOf(string key) => key switch
    {
        "dni" => nameof(Dni),
        "checkCharacter" => nameof(CheckCharacter),
        "birthDate" => nameof(BirthDate),
        "contact" => nameof(Contact),
        _ => string.Empty,
    };
}
