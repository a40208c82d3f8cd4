using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Engine;
using Vupe.Engine.Persistence;
using Vupe.Server.Auth;
using Vupe.Server.Cases;
using Vupe.Server.Hosting;
using Vupe.Server.Procedures;

namespace Vupe.Server.Pages.Expedientes;

/// <summary>Case search: by number (exact), procedure and status, within the user's scope (national for auditors); newest first.</summary>
[Authorize(Policy = Policies.ReadCases)]
public sealed class IndexModel(CaseFiles files, ProcedureCatalog procedures) : PageModel
{
    public ProcedureNames ProcedureNames { get; private set; } = ProcedureNames.None;

    [BindProperty(SupportsGet = true)] public string? Numero { get; set; }
    [BindProperty(SupportsGet = true)] public string? Procedimiento { get; set; }
    [BindProperty(SupportsGet = true)] public CaseStatus? Estado { get; set; }

    public IReadOnlyList<CaseSummaryDto> Cases { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        ProcedureNames = await procedures.NamesAsync(ct);
        if (!string.IsNullOrWhiteSpace(Numero))
        {
            Cases = await files.FindByNumberAsync(Numero, ct) is { } found ? [CaseSummaryDto.From(found)] : [];
            return;
        }
        Cases = (await files.ListAsync(new CaseListRequest(null, Procedimiento, Estado, null, null, null, 1, 50), ct)).Items;
    }
}
