using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Vupe.Server.Certificates;
using Vupe.Server.Portal;

namespace Vupe.Server.Pages.MiVupe;

/// <summary>A signed-in citizen asks for their CUL with one button; the case page then offers the signed PDF.</summary>
[Authorize(Policy = PortalAuthentication.Policy)]
[EnableRateLimiting(PublicVerificationEndpoints.CitizenRequestPolicy)]
public sealed class CulModel(CitizenServices services) : PageModel
{
    /// <summary>The form's request id: a double tap opens one case.</summary>
    [BindProperty] public string? Token { get; set; }

    public string? TooMany { get; private set; }

    public void OnGet() => Token = Guid.NewGuid().ToString("N");

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => PortalForms.RunAsync(this, async () =>
    {
        var opened = await services.RequestCulAsync(PortalAuthentication.AccountOf(User)!.Value, Token, ct);
        return Redirect($"/mi-vupe/expedientes/{Uri.EscapeDataString(opened.CaseNumber)}?solicitado=1");
    }, _ => string.Empty, m => TooMany = m);
}
