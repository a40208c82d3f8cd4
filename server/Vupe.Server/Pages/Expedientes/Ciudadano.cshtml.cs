using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Engine;
using Vupe.Server.Auth;
using Vupe.Server.Cases;
using Vupe.Server.Hosting;
using Vupe.Server.Problems;
using Vupe.Server.Procedures;

namespace Vupe.Server.Pages.Expedientes;

/// <summary>A citizen's (or company's) whole history: every case of theirs in the offices the user sees (all of them for auditors), 25 a page; the read is audited in the ficha's trail.</summary>
[Authorize(Policy = Policies.ReadCases)]
public sealed class CiudadanoModel(CaseSearch search, ProcedureCatalog procedures) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Pagina { get; set; } = 1;

    public PartyCasesDto History { get; private set; } = null!;
    public ProcedureNames ProcedureNames { get; private set; } = ProcedureNames.None;
    public int Pages => Math.Max(1, (int)Math.Ceiling(History.Cases.Total / (double)CaseSearch.PageSize));
    public UserScope Scope => UserScope.From(User);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (Pagina < 1) Pagina = 1;
        try
        {
            History = await search.PartyHistoryAsync(id, Pagina, CaseSearch.PageSize, ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        ProcedureNames = await procedures.NamesAsync(ct);
        return Page();
    }

    public string Link(int pagina) => $"/expedientes/ciudadano/{History.Party.Id}?pagina={pagina}";
}
