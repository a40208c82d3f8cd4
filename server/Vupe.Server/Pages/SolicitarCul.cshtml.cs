using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Vupe.Server.Certificates;
using Vupe.Server.Problems;
using Vupe.Server.Trust;

namespace Vupe.Server.Pages;

/// <summary>
/// A citizen asks for their own CUL in two steps: DNI, its check character and birth date, which sends a one-time code
/// to the ficha's verified email or phone; then that code, and the signed PDF comes back as a download.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(PublicVerificationEndpoints.CitizenRequestPolicy)]
public sealed class SolicitarCulModel(CitizenCulChannel channel) : PageModel
{
    [BindProperty] public string? Dni { get; set; }
    [BindProperty] public string? CheckCharacter { get; set; }
    [BindProperty] public DateOnly? BirthDate { get; set; }
    [BindProperty] public string? Code { get; set; }

    /// <summary>Set once a code was sent: the page asks for it ("Enviamos un código a a***@correo.pe…").</summary>
    public string? CodeSent { get; private set; }

    /// <summary>Set when the request was registered but the certificate could not be issued at once.</summary>
    public string? Pending { get; private set; }

    /// <summary>Set when this DNI or address made too many attempts (the answer is a 429 with Retry-After).</summary>
    public string? TooMany { get; private set; }

    public bool AsksForCode => CodeSent is not null;

    /// <summary>The birth date as the date input posts it, for the second step's hidden field.</summary>
    public string? BirthDateText => BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public void OnGet() { }

    /// <summary>Step 1: checks the data and sends the code.</summary>
    public async Task<IActionResult> OnPostCodigoAsync(CancellationToken ct) => await GuardedAsync(async () =>
    {
        var sent = await channel.SendCodeAsync(new CitizenCodeRequest(Dni, CheckCharacter, BirthDate), ct);
        CodeSent = sent.Message;
        Code = null;
        ModelState.Remove(nameof(Code));
        return Page();
    });

    /// <summary>Step 2: the data again (hidden fields) with the code; the PDF as a download.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct) => await GuardedAsync(async () =>
    {
        CodeSent = "Escriba el código de 6 dígitos que le enviamos.";
        var answer = await channel.RequestAsync(new CitizenCulRequest(Dni, CheckCharacter, BirthDate, Code), ct);
        if (answer.Pdf is null)
        {
            Pending = answer.Message;
            CodeSent = null;
            return Page();
        }
        return File(Convert.FromBase64String(answer.Pdf), "application/pdf", $"{answer.CertificateNumber}.pdf");
    });

    private async Task<IActionResult> GuardedAsync(Func<Task<IActionResult>> step)
    {
        try
        {
            return await step();
        }
        catch (FieldValidationException e)
        {
            // Data that no longer match RENIEC's send the citizen back to the first step.
            if (e.Errors.ContainsKey("identidad") || e.Errors.ContainsKey("contacto")) CodeSent = null;
            foreach (var (field, messages) in e.Errors)
                foreach (var message in messages) ModelState.AddModelError(FieldOf(field), message);
            return Page();
        }
        catch (TooManyAttemptsException e)
        {
            CodeSent = null;
            TooMany = e.Message;
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = e.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return Page();
        }
    }

    private static string FieldOf(string key) => key switch
    {
        "dni" => nameof(Dni),
        "checkCharacter" => nameof(CheckCharacter),
        "birthDate" => nameof(BirthDate),
        "code" => nameof(Code),
        _ => string.Empty,
    };
}
