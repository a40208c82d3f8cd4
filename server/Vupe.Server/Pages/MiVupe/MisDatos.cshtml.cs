using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Server.Portal;

namespace Vupe.Server.Pages.MiVupe;

/// <summary>"Descargar mis datos": the citizen's own data as a JSON or a PDF attachment.</summary>
[Authorize(Policy = PortalAuthentication.Policy)]
public sealed class MisDatosModel(CitizenDataExport export) : PageModel
{
    private Guid Account => PortalAuthentication.AccountOf(User)!.Value;

    public void OnGet() { }

    public async Task<IActionResult> OnGetJsonAsync(CancellationToken ct) =>
        Attachment(await export.JsonAsync(Account, ct), "application/json; charset=utf-8", export.FileName("json"));

    public async Task<IActionResult> OnGetPdfAsync(CancellationToken ct) =>
        Attachment(await export.PdfAsync(Account, ct), "application/pdf", export.FileName("pdf"));

    // Personal data: never kept by a shared cache or the browser's back-forward cache.
    private FileContentResult Attachment(byte[] content, string type, string name)
    {
        Response.Headers.CacheControl = "no-store";
        return File(content, type, name);
    }
}
