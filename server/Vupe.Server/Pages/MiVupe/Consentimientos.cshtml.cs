using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Server.Portal;

namespace Vupe.Server.Pages.MiVupe;

/// <summary>Each consent (Ley 29733) of the citizen's own ficha: what it is for, where it stands and its history; given or withdrawn with one button.</summary>
[Authorize(Policy = PortalAuthentication.Policy)]
public sealed class ConsentimientosModel(CitizenFicha fichas) : PageModel
{
    public IReadOnlyList<PortalConsent> Consents { get; private set; } = [];
    public string? Changed { get; private set; }

    private Guid Account => PortalAuthentication.AccountOf(User)!.Value;

    public async Task OnGetAsync(string? registrado, CancellationToken ct)
    {
        Consents = (await fichas.ReadAsync(Account, ct)).Consents;
        Changed = registrado switch
        {
            "otorgado" => "Registramos que otorgó su consentimiento.",
            "retirado" => "Registramos que retiró su consentimiento. Desde ahora sus datos no se comparten para esa finalidad.",
            _ => null,
        };
    }

    public async Task<IActionResult> OnPostAsync(string? purpose, bool grant, CancellationToken ct)
    {
        var result = await PortalForms.RunAsync(this, async () =>
        {
            await fichas.SetConsentAsync(Account, purpose, grant, ct);
            return Redirect($"/mi-vupe/consentimientos?registrado={(grant ? "otorgado" : "retirado")}");
        }, _ => string.Empty, m => ModelState.AddModelError(string.Empty, m));
        if (result is PageResult) Consents = (await fichas.ReadAsync(Account, ct)).Consents;
        return result;
    }
}
