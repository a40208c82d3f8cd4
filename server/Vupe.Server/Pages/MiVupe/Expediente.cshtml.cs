using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Engine;
using Vupe.Server.Documents;
using Vupe.Server.Hosting;
using Vupe.Server.Portal;
using Vupe.Server.Problems;

namespace Vupe.Server.Pages.MiVupe;

/// <summary>One of the citizen's cases: status, next step, office, what the office needs (uploaded here) and the documents to download.</summary>
[Authorize(Policy = PortalAuthentication.Policy)]
[RequestBodyLimit(UploadBodyLimit)]
public sealed class ExpedienteModel(CitizenCases cases) : PageModel
{
    /// <summary>The largest document kind plus the form's fields, as the staff's upload route allows.</summary>
    public const long UploadBodyLimit = 10 * 1024 * 1024 + 64 * 1024;

    public PortalCaseDetail Detail { get; private set; } = null!;
    public bool Requested { get; private set; }
    public string? Uploaded { get; private set; }

    private Guid Account => PortalAuthentication.AccountOf(User)!.Value;

    public async Task<IActionResult> OnGetAsync(string numero, bool solicitado, bool subido, CancellationToken ct)
    {
        try
        {
            Detail = await cases.DetailAsync(Account, numero, ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        Requested = solicitado;
        if (subido) Uploaded = "Recibimos su documento. La oficina lo revisará.";
        return Page();
    }

    public async Task<IActionResult> OnPostSubirAsync(string numero, string? tipo, IFormFile? archivo, CancellationToken ct)
    {
        try
        {
            if (archivo is null || archivo.Length == 0) throw new FieldValidationException(new Dictionary<string, string[]> { ["archivo"] = ["Elija el archivo que quiere subir."] });
            await using (var content = archivo.OpenReadStream())
                await cases.UploadAsync(Account, numero, tipo, content, archivo.Length, archivo.ContentType, archivo.FileName, ct);
            return Redirect($"/mi-vupe/expedientes/{Uri.EscapeDataString(numero)}?subido=1");
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (FieldValidationException e)
        {
            foreach (var message in e.Errors.SelectMany(x => x.Value)) ModelState.AddModelError(string.Empty, message);
        }
        catch (UploadRejectedException e)
        {
            ModelState.AddModelError(string.Empty, e.Rejection.MessageEs);
            Response.StatusCode = e.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;
        }
        Detail = await cases.DetailAsync(Account, numero, ct);
        return Page();
    }
}
