using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Server.Hosting;
using Vupe.Server.Operations;
using Vupe.Server.Problems;

namespace Vupe.Server.Pages.Operaciones;

/// <summary>Open incidents of every case in the user's scope; retry one, or the selected ones, with an optional reason.</summary>
[Authorize(Policy = Policies.Operate)]
public sealed class IncidenciasModel(OperationsConsole console) : PageModel
{
    public IReadOnlyList<OperationsIncidentDto> Incidents { get; private set; } = [];
    public IReadOnlyList<string> Errors { get; private set; } = [];
    [TempData] public string? Aviso { get; set; }

    [BindProperty] public List<Guid> Seleccion { get; set; } = [];
    /// <summary>The row whose own "Reintentar" was pressed; empty for "Reintentar seleccionadas".</summary>
    [BindProperty] public Guid? Una { get; set; }
    [BindProperty] public string? Motivo { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Incidents = await console.IncidentsAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var outcomes = await console.RetryIncidentsAsync(Una is { } one ? [one] : Seleccion, Motivo, ct);
            var retried = outcomes.Count(o => o.Retried);
            var problems = outcomes.Where(o => !o.Retried).Select(o => o.Problem).Distinct().ToList();
            Aviso = (retried == 1 ? "Se reintentó 1 incidencia." : $"Se reintentaron {retried} incidencias.")
                + (problems.Count > 0 ? " No se pudo reintentar: " + string.Join(" ", problems) : "");
            return Redirect("/operaciones/incidencias");
        }
        catch (FieldValidationException e)
        {
            Errors = [.. e.Errors.SelectMany(x => x.Value)];
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        Incidents = await console.IncidentsAsync(ct);
        return Page();
    }
}
