using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Server.Deployments;
using Vupe.Server.Hosting;

namespace Vupe.Server.Pages.Disenador;

/// <summary>The drafts the user may see, and discarding one (audited by <see cref="DesignerService"/>); back to the designer.</summary>
[Authorize(Policy = Policies.Design)]
public sealed class BorradoresModel(DesignerService designer) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostDescartarAsync(string? clave, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(clave))
        {
            try
            {
                await designer.DeleteDraftAsync(clave, ct);
            }
            catch (Vupe.Engine.NotFoundException)
            {
                // Already discarded (or not visible to this office): the list shown next says what is left.
            }
        }
        return Redirect("/disenador");
    }
}
