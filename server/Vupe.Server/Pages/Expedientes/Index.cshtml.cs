using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Engine.Persistence;
using Vupe.Server.Auth;
using Vupe.Server.Cases;
using Vupe.Server.Hosting;
using Vupe.Server.Offices;
using Vupe.Server.Problems;
using Vupe.Server.Procedures;

namespace Vupe.Server.Pages.Expedientes;

/// <summary>
/// Case search: by number (exact), or by the citizen's document or name, office, procedure, status and the days it was
/// opened; 25 a page, newest or oldest first. National for auditors, the user's offices for everyone else
/// (<see cref="CaseSearch"/> applies the scope). Each search is audited once.
/// </summary>
[Authorize(Policy = Policies.ReadCases)]
public sealed class IndexModel(CaseFiles files, CaseSearch search, ProcedureCatalog procedures, OfficeDirectory offices) : PageModel
{
    public ProcedureNames ProcedureNames { get; private set; } = ProcedureNames.None;
    public IReadOnlyList<ProcedureDto> ProcedureList { get; private set; } = [];
    public IReadOnlyList<Office> Offices { get; private set; } = [];

    [BindProperty(SupportsGet = true)] public string? Numero { get; set; }
    [BindProperty(SupportsGet = true)] public string? Documento { get; set; }
    [BindProperty(SupportsGet = true)] public string? Nombre { get; set; }
    [BindProperty(SupportsGet = true)] public string? Oficina { get; set; }
    [BindProperty(SupportsGet = true)] public string? Procedimiento { get; set; }
    [BindProperty(SupportsGet = true)] public CaseStatus? Estado { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? Desde { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? Hasta { get; set; }
    [BindProperty(SupportsGet = true)] public CaseSort Orden { get; set; } = CaseSort.Newest;
    [BindProperty(SupportsGet = true)] public int Pagina { get; set; } = 1;

    public IReadOnlyList<CaseSummaryDto> Cases { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (int)Math.Ceiling(Total / (double)CaseSearch.PageSize));
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public UserScope Scope => UserScope.From(User);

    public async Task OnGetAsync(CancellationToken ct)
    {
        ProcedureNames = await procedures.NamesAsync(ct);
        ProcedureList = [.. (await procedures.LatestAsync(ct)).OrderBy(p => p.Name, StringComparer.Create(CultureInfo.GetCultureInfo("es-PE"), true))];
        var scope = Scope;
        Offices = [.. (await offices.ListAsync(ct)).Where(o => scope.CanSeeOffice(o.Code)).OrderBy(o => o.Name, StringComparer.Ordinal)];
        if (Pagina < 1) Pagina = 1;
        if (!string.IsNullOrWhiteSpace(Numero))
        {
            Cases = await files.FindByNumberAsync(Numero, ct) is { } found ? [CaseSummaryDto.From(found)] : [];
            Total = Cases.Count;
            return;
        }
        try
        {
            var page = await search.SearchAsync(new CaseSearchRequest(Documento, Nombre, Oficina, Procedimiento, Estado,
                Desde is { } from ? StartOfLimaDay(from) : null, Hasta is { } to ? StartOfLimaDay(to.AddDays(1)) : null,
                OldestFirst: Orden == CaseSort.Oldest, Page: Pagina), ct);
            (Cases, Total) = (page.Items, page.Total);
        }
        catch (FieldValidationException e)
        {
            Errors = new Dictionary<string, string[]>(e.Errors);
        }
    }

    /// <summary>The error of a search field, by its API name ("document", "name", "to").</summary>
    public string? ErrorOf(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    private static DateTimeOffset StartOfLimaDay(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), LimaTime.Offset);

    /// <summary>This search's query string with another page (links keep every filter).</summary>
    public string Link(int pagina)
    {
        var values = new Dictionary<string, string?>
        {
            ["documento"] = Documento, ["nombre"] = Nombre, ["oficina"] = Oficina, ["procedimiento"] = Procedimiento, ["estado"] = Estado?.ToString(),
            ["desde"] = Desde?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["hasta"] = Hasta?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["orden"] = Orden == CaseSort.Newest ? null : Orden.ToString(), ["pagina"] = pagina.ToString(CultureInfo.InvariantCulture),
        };
        return "/expedientes" + Microsoft.AspNetCore.Http.QueryString.Create(values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }
}
