using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Vupe.Server.Certificates;
using Vupe.Server.Problems;

namespace Vupe.Server.Pages;

/// <summary>A citizen asks for their own CUL: DNI, its check character and birth date; the signed PDF comes back as a download.</summary>
[AllowAnonymous]
[EnableRateLimiting(PublicVerificationEndpoints.CitizenRequestPolicy)]
public sealed class SolicitarCulModel(CitizenCulChannel channel) : PageModel
{
    [BindProperty] public string? Dni { get; set; }
    [BindProperty] public string? CheckCharacter { get; set; }
    [BindProperty] public DateOnly? BirthDate { get; set; }

    /// <summary>Set when the request was registered but the certificate could not be issued at once.</summary>
    public string? Pending { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var answer = await channel.RequestAsync(new CitizenCulRequest(Dni, CheckCharacter, BirthDate), ct);
            if (answer.Pdf is null)
            {
                Pending = answer.Message;
                return Page();
            }
            return File(Convert.FromBase64String(answer.Pdf), "application/pdf", $"{answer.CertificateNumber}.pdf");
        }
        catch (FieldValidationException e)
        {
            foreach (var (field, messages) in e.Errors)
                foreach (var message in messages) ModelState.AddModelError(FieldOf(field), message);
            return Page();
        }
    }

    private static string FieldOf(string key) => key switch
    {
        "dni" => nameof(Dni),
        "checkCharacter" => nameof(CheckCharacter),
        "birthDate" => nameof(BirthDate),
        _ => string.Empty,
    };
}
