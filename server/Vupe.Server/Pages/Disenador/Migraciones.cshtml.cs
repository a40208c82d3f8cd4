using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Server.Deployments;
using Vupe.Server.Hosting;

namespace Vupe.Server.Pages.Disenador;

/// <summary>A migration's progress (refreshed while it runs) and the cases that could not move, with their reasons.</summary>
[Authorize(Policy = Policies.Design)]
public sealed class MigracionesModel(MigrationService migrations) : PageModel
{
    public MigrationRunDto Run { get; private set; } = null!;
    public bool Running => Run.Status is "Queued" or "Running";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Run = await migrations.GetAsync(id, ct);
        }
        catch (Vupe.Engine.NotFoundException)
        {
            return NotFound();
        }
        return Page();
    }
}
