using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.JobBank.Classification;
using Vupe.Server.Hosting;
using Vupe.Server.JobBank;
using Vupe.Server.Problems;

namespace Vupe.Server.Pages.Bolsa;

/// <summary>The national vacancy search: words, occupation, region, status; every region's vacancies for every office.</summary>
[Authorize(Policy = Policies.ReadCases)]
public sealed class IndexModel(VacancyService vacancies, OccupationCatalog occupations) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Texto { get; set; }
    [BindProperty(SupportsGet = true, Name = "ocupacion")] public string? Ocupacion { get; set; }
    [BindProperty(SupportsGet = true, Name = "region")] public string? Region { get; set; }
    [BindProperty(SupportsGet = true, Name = "estado")] public string? Estado { get; set; }
    [BindProperty(SupportsGet = true, Name = "pagina")] public int? Pagina { get; set; }

    public VacancyPage? Results { get; private set; }
    public string? Error { get; private set; }
    public IReadOnlyList<Occupation> Occupations => occupations.All;

    /// <summary>This search on another page, for the pager.</summary>
    public string PageLink(int page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = Texto, ["ocupacion"] = Ocupacion, ["region"] = Region, ["estado"] = Estado, ["pagina"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }).ToUriComponent();

    public async Task OnGetAsync(CancellationToken ct)
    {
        try
        {
            Results = await vacancies.SearchAsync(Texto, Ocupacion, Region, null, Estado, Pagina, 25, ct);
        }
        catch (FieldValidationException e)
        {
            Error = string.Join(" ", e.Errors.SelectMany(x => x.Value));
        }
    }
}
