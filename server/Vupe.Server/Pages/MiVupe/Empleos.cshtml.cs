using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.JobBank.Classification;
using Vupe.Server.JobBank;
using Vupe.Server.Portal;
using Vupe.Server.Problems;

namespace Vupe.Server.Pages.MiVupe;

/// <summary>Vacancies of the whole country: the ones the matching recommends for the citizen (with the reasons) and a search by occupation, region, salary and words.</summary>
[Authorize(Policy = PortalAuthentication.Policy)]
public sealed class EmpleosModel(CitizenJobBank jobBank, OccupationCatalog occupations) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Text { get; set; }
    [BindProperty(SupportsGet = true, Name = "ocupacion")] public string? Occupation { get; set; }
    [BindProperty(SupportsGet = true, Name = "region")] public string? Region { get; set; }
    [BindProperty(SupportsGet = true, Name = "sueldo")] public decimal? MinSalary { get; set; }
    [BindProperty(SupportsGet = true, Name = "pagina")] public int? PageNumber { get; set; }

    public IReadOnlyList<VacancyMatchDto> Recommended { get; private set; } = [];
    public VacancyPage? Results { get; private set; }
    public string? Error { get; private set; }
    public IReadOnlyList<Occupation> Occupations => occupations.All;
    public bool Searched => Text is not null || Occupation is not null || Region is not null || MinSalary is not null;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var account = PortalAuthentication.AccountOf(User)!.Value;
        Recommended = await jobBank.RecommendedAsync(account, ct);
        try
        {
            Results = await jobBank.SearchAsync(Text, NullIfEmpty(Occupation), NullIfEmpty(Region), MinSalary, PageNumber, ct);
        }
        catch (FieldValidationException e)
        {
            Error = string.Join(" ", e.Errors.SelectMany(x => x.Value));
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static string Salary(VacancyDto v) => (v.SalaryMin, v.SalaryMax) switch
    {
        ({ } min, { } max) => $"S/ {min:N0} a S/ {max:N0}",
        ({ } min, null) => $"Desde S/ {min:N0}",
        (null, { } max) => $"Hasta S/ {max:N0}",
        _ => "A convenir",
    };

    public string PageUrl(int page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = Text, ["ocupacion"] = Occupation, ["region"] = Region, ["sueldo"] = MinSalary?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["pagina"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }).ToUriComponent();
}
