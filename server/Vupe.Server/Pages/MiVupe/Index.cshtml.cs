using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Server.Portal;

namespace Vupe.Server.Pages.MiVupe;

/// <summary>Mi VUPE's home: the citizen's ficha (name, DNI masked, contacts and whether they are verified) and their cases.</summary>
[Authorize(Policy = PortalAuthentication.Policy)]
public sealed class IndexModel(CitizenAccounts accounts, CitizenCases cases) : PageModel
{
    public PortalFicha Ficha { get; private set; } = null!;
    public IReadOnlyList<PortalCase> Cases { get; private set; } = [];
    public bool Welcome { get; private set; }

    public async Task OnGetAsync(bool bienvenida, CancellationToken ct)
    {
        var account = PortalAuthentication.AccountOf(User)!.Value;
        Ficha = await accounts.FichaAsync(account, ct);
        Cases = await cases.ListAsync(account, ct);
        Welcome = bienvenida;
    }
}
