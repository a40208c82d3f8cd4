using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Server.Portal;

namespace Vupe.Server.Pages.MiVupe;

/// <summary>The citizen's skills, one per line, replacing the list on their own ficha.</summary>
[Authorize(Policy = PortalAuthentication.Policy)]
public sealed class HabilidadesModel(CitizenFicha fichas) : PageModel
{
    [BindProperty] public long Version { get; set; }
    [BindProperty] public string? Skills { get; set; }

    private Guid Account => PortalAuthentication.AccountOf(User)!.Value;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var ficha = await fichas.ReadAsync(Account, ct);
        Version = ficha.Version;
        Skills = string.Join('\n', ficha.Skills);
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => PortalForms.RunAsync(this, async () =>
    {
        await fichas.SaveSkillsAsync(Account, Version, Skills, ct);
        return Redirect("/mi-vupe/ficha?guardado=true");
    }, key => key == "skills" ? nameof(Skills) : string.Empty, m => ModelState.AddModelError(string.Empty, m));
}
