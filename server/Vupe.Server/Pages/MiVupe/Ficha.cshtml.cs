using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Server.Portal;

namespace Vupe.Server.Pages.MiVupe;

/// <summary>The citizen's education, work experience and skills, with links to add or correct each and a button to remove one.</summary>
[Authorize(Policy = PortalAuthentication.Policy)]
public sealed class FichaModel(CitizenFicha fichas) : PageModel
{
    public MyFicha Ficha { get; private set; } = null!;
    public bool Saved { get; private set; }

    private Guid Account => PortalAuthentication.AccountOf(User)!.Value;

    public async Task OnGetAsync(bool guardado, CancellationToken ct)
    {
        Ficha = await fichas.ReadAsync(Account, ct);
        Saved = guardado;
    }

    public Task<IActionResult> OnPostQuitarEstudioAsync(long version, int n, CancellationToken ct) =>
        RunAsync(() => fichas.RemoveEducationAsync(Account, version, n, ct), ct);

    public Task<IActionResult> OnPostQuitarExperienciaAsync(long version, int n, CancellationToken ct) =>
        RunAsync(() => fichas.RemoveExperienceAsync(Account, version, n, ct), ct);

    private async Task<IActionResult> RunAsync(Func<Task> change, CancellationToken ct)
    {
        var result = await PortalForms.RunAsync(this, async () =>
        {
            await change();
            return Redirect("/mi-vupe/ficha?guardado=true");
        }, _ => string.Empty, m => ModelState.AddModelError(string.Empty, m));
        if (result is PageResult) Ficha = await fichas.ReadAsync(Account, ct);
        return result;
    }
}
