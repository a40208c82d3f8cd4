using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Engine;
using Vupe.Server.Documents;
using Vupe.Server.Portal;

namespace Vupe.Server.Pages.MiVupe;

/// <summary>Downloads a document of the citizen's own case (their CUL, a constancia, what they uploaded); every read is audited.</summary>
[Authorize(Policy = PortalAuthentication.Policy)]
public sealed class DocumentoModel(CitizenCases cases) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string numero, Guid documento, CancellationToken ct)
    {
        try
        {
            var download = await cases.DownloadAsync(PortalAuthentication.AccountOf(User)!.Value, numero, documento, ct);
            Response.Headers.XContentTypeOptions = "nosniff";
            return File(download.Content, download.MediaType, download.FileName);
        }
        catch (Exception e) when (e is NotFoundException or DocumentContentDeletedException)
        {
            return NotFound();
        }
    }
}
