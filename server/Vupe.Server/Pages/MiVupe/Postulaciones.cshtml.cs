using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Server.Portal;

namespace Vupe.Server.Pages.MiVupe;

/// <summary>The citizen's applications and referrals with the company's answer, and their placements.</summary>
[Authorize(Policy = PortalAuthentication.Policy)]
public sealed class PostulacionesModel(CitizenJobBank jobBank) : PageModel
{
    public PortalApplications Mine { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Mine = await jobBank.ApplicationsAsync(PortalAuthentication.AccountOf(User)!.Value, ct);
}
