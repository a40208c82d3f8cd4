using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Server.Admin;
using Vupe.Server.Hosting;

namespace Vupe.Server.Pages.Administracion.Oficinas;

/// <summary>The offices with region, contact data and staff (the same service as GET /api/admin/offices).</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class IndexModel(OfficeAdministration offices) : PageModel
{
    public IReadOnlyList<OfficeAdminDto> Offices { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Offices = await offices.ListAsync(ct);
}
