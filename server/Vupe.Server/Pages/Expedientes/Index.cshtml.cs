using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Engine;
using Vupe.Engine.Persistence;
using Vupe.Server.Auth;
using Vupe.Server.Cases;
using Vupe.Server.Hosting;

namespace Vupe.Server.Pages.Expedientes;

/// <summary>Case search: by number (exact), procedure and status, within the user's scope (national for auditors); newest first.</summary>
[Authorize(Policy = Policies.ReadCases)]
public sealed class IndexModel(CaseFiles files, Procedures.ProcedureCatalog procedures) : PageModel
{
    public IReadOnlyDictionary<string, string> ProcedureNames { get; private set; } = new Dictionary<string, string>();

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
