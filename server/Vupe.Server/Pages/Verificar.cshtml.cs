using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Vupe.Server.Certificates;
using Vupe.Server.Hosting;
using Vupe.Server.Problems;

namespace Vupe.Server.Pages;

/// <summary>The public verification page: a code (or the address in the certificate's QR code), or an uploaded PDF.</summary>
[AllowAnonymous]
[EnableRateLimiting(PublicVerificationEndpoints.RateLimitPolicy)]
[RequestFormLimits(MultipartBodyLengthLimit = 6 * 1024 * 1024)]
[RequestBodyLimit(6 * 1024 * 1024)]
public sealed class VerificarModel(CertificateVerifier verifier) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "codigo")]
    public string? Codigo { get; set; }

    [BindProperty(Name = "archivo")]
    public IFormFile? Archivo { get; set; }

    public VerificationAnswer? Answer { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Codigo)) return;
        if (PublicVerificationEndpoints.ParseCode(Codigo) is not { } code)
        {
            ModelState.AddModelError(nameof(Codigo), PublicVerificationEndpoints.MalformedCodeMessage);
            return;
        }
        Answer = await verifier.ByCodeAsync(code, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var code = string.IsNullOrWhiteSpace(Codigo) ? null : PublicVerificationEndpoints.ParseCode(Codigo);
        if (!string.IsNullOrWhiteSpace(Codigo) && code is null)
            ModelState.AddModelError(nameof(Codigo), PublicVerificationEndpoints.MalformedCodeMessage);
        if (Archivo is null || Archivo.Length == 0)
        {
            if (code is not null && ModelState.IsValid) return RedirectToPage(new { codigo = code.Value.ToString() });
            ModelState.AddModelError(nameof(Archivo), "Adjunte el PDF del certificado o escriba su código.");
        }
        if (!ModelState.IsValid) return Page();
        try
        {
            await using var stream = Archivo!.OpenReadStream();
            Answer = await verifier.ByFileAsync(await PublicVerificationEndpoints.ReadLimitedAsync(stream, ct), code, ct);
        }
        catch (FieldValidationException e)
        {
            foreach (var message in e.Errors.SelectMany(x => x.Value)) ModelState.AddModelError(nameof(Archivo), message);
        }
        return Page();
    }
}
