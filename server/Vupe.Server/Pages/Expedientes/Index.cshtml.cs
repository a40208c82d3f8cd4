using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Engine;
using Vupe.Engine.Persistence;
using Vupe.Server.Auth;
using Vupe.Server.Hosting;

namespace Vupe.Server.Pages.Expedientes;

/// <summary>Case search: by number (exact), procedure and status, within the user's scope (national for auditors); newest first.</summary>
[Authorize(Policy = Policies.ReadCases)]
public sealed class IndexModel(ProcessEngine engine) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Numero { get; set; }
    [BindProperty(SupportsGet = true)] public string? Procedimiento { get; set; }
    [BindProperty(SupportsGet = true)] public CaseStatus? Estado { get; set; }

    public IReadOnlyList<CaseFileInfo> Cases { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var user = UserScope.From(User);
        if (!string.IsNullOrWhiteSpace(Numero))
        {
            try
            {
                var found = await engine.Cases.GetByNumberAsync(Numero, ct);
                Cases = user.CanSeeOffice(found.OfficeCode) ? [found] : [];
            }
            catch (NotFoundException)
            {
                Cases = [];
            }
            return;
        }
        Cases = await engine.Cases.QueryAsync(new CaseFilter
        {
            OfficeCodes = user.Offices, ProcessKey = string.IsNullOrWhiteSpace(Procedimiento) ? null : Procedimiento.Trim(), Status = Estado, Take = 50,
        }, ct);
    }
}
