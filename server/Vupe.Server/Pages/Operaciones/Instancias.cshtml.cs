using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Server.Hosting;
using Vupe.Server.Operations;
using Vupe.Server.Problems;

namespace Vupe.Server.Pages.Operaciones;

/// <summary>The instances of one process definition, filtered and paged as the API's <c>GET /api/operations/instances</c>.</summary>
[Authorize(Policy = Policies.Operate)]
public sealed class InstanciasModel(OperationsConsole console) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Definicion { get; set; }
    [BindProperty(SupportsGet = true)] public string? Oficina { get; set; }
    [BindProperty(SupportsGet = true)] public string? Estado { get; set; }
    [BindProperty(SupportsGet = true)] public string? Actividad { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? Desde { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? Hasta { get; set; }
    [BindProperty(SupportsGet = true)] public string? Variable { get; set; }
    [BindProperty(SupportsGet = true)] public int? Pagina { get; set; }

    public OperationsInstancePage? Result { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Definicion)) return Redirect("/operaciones");
        // Days are Lima's: from the start of "desde" to the end of "hasta".
        DateTimeOffset? from = Desde is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), LimaTime.Offset) : null;
        DateTimeOffset? to = Hasta is { } h ? new DateTimeOffset(h.AddDays(1).ToDateTime(TimeOnly.MinValue), LimaTime.Offset) : null;
        try
        {
            Result = await console.InstancesAsync(new InstanceListRequest(Definicion, Oficina, Estado, Actividad, from, to, Variable, Pagina, 25), ct);
        }
        catch (FieldValidationException e)
        {
            Errors = [.. e.Errors.SelectMany(x => x.Value)];
        }
        return Page();
    }

    /// <summary>This list's address with another page number.</summary>
    public string PageLink(int page)
    {
        var query = Request.Query.Where(q => q.Key != "pagina").Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value.ToString())}").Append($"pagina={page}");
        return "/operaciones/instancias?" + string.Join("&", query);
    }
}
