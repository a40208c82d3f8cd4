using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Server.Arco;
using Vupe.Server.Portal;
using Vupe.Server.Problems;

namespace Vupe.Server.Pages.MiVupe;

/// <summary>ARCO requests (Ley 29733) for the citizen's own ficha: file one, see each one's deadline and, once answered, the answer.</summary>
[Authorize(Policy = PortalAuthentication.Policy)]
public sealed class ArcoModel(ArcoRequests requests) : PageModel
{
    [BindProperty] public string? Right { get; set; }
    [BindProperty] public string? Detail { get; set; }

    public IReadOnlyList<MyArcoRequest> Requests { get; private set; } = [];
    public string? Filed { get; private set; }

    private Guid Account => PortalAuthentication.AccountOf(User)!.Value;

    public async Task OnGetAsync(string? presentada, CancellationToken ct)
    {
        Filed = presentada;
        Requests = await requests.MineAsync(Account, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var opened = await requests.FileAsync(Account, Right, Detail, ct);
            return Redirect($"/mi-vupe/arco?presentada={Uri.EscapeDataString(opened.CaseNumber)}");
        }
        catch (FieldValidationException e)
        {
            foreach (var (_, messages) in e.Errors)
                foreach (var message in messages) ModelState.AddModelError(string.Empty, message);
            Requests = await requests.MineAsync(Account, ct);
            return Page();
        }
    }
}
