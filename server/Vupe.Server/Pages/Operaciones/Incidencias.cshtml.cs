using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Server.Hosting;
using Vupe.Server.Operations;
using Vupe.Server.Problems;

namespace Vupe.Server.Pages.Operaciones;

/// <summary>Open incidents of every case in the user's scope, by office and page; retry one, or the selected ones, with an optional reason.</summary>
[Authorize(Policy = Policies.Operate)]
public sealed class IncidenciasModel(OperationsConsole console) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true)] public string? Oficina { get; set; }
    [BindProperty(SupportsGet = true)] public int? Pagina { get; set; }

    public OperationsIncidentPage? Result { get; private set; }
    public IReadOnlyList<OperationsIncidentDto> Incidents => Result?.Items ?? [];
    public IReadOnlyList<string> Errors { get; private set; } = [];
    [TempData] public string? Aviso { get; set; }

    [BindProperty] public List<Guid> Seleccion { get; set; } = [];
    /// <summary>The row whose own "Reintentar" was pressed; empty for "Reintentar seleccionadas".</summary>
    [BindProperty] public Guid? Una { get; set; }
    [BindProperty] public string? Motivo { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var outcomes = await console.RetryIncidentsAsync(Una is { } one ? [one] : Seleccion, Motivo, ct);
            var retried = outcomes.Count(o => o.Retried);
            var problems = outcomes.Where(o => !o.Retried).Select(o => o.Problem).Distinct().ToList();
            Aviso = (retried == 1 ? "Se reintentó 1 incidencia." : $"Se reintentaron {retried} incidencias.")
                + (problems.Count > 0 ? " No se pudo reintentar: " + string.Join(" ", problems) : "");
            return Redirect(PageLink(Pagina ?? 1));
        }
        catch (FieldValidationException e)
        {
            Errors = [.. e.Errors.SelectMany(x => x.Value)];
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>This list's address, with its office filter, at another page.</summary>
    public string PageLink(int page) =>
        "/operaciones/incidencias?" + (string.IsNullOrWhiteSpace(Oficina) ? "" : $"oficina={Uri.EscapeDataString(Oficina.Trim())}&") + $"pagina={page}";

    private async Task LoadAsync(CancellationToken ct)
    {
        try
        {
            Result = await console.IncidentsAsync(new IncidentListRequest(Oficina, Pagina, PageSize), ct);
        }
        catch (FieldValidationException e)
        {
            Errors = [.. Errors, .. e.Errors.SelectMany(x => x.Value)];
        }
    }
}
