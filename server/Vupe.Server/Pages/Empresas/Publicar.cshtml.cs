using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Engine;
using Vupe.JobBank.Classification;
using Vupe.Server.JobBank;
using Vupe.Server.Portal;
using Vupe.Server.Portal.Companies;
using Vupe.Server.Problems;

namespace Vupe.Server.Pages.Empresas;

/// <summary>Posts a new vacancy of the company, or edits one of its open vacancies (with the version read).</summary>
[Authorize(Policy = CompanyAuthentication.Policy)]
public sealed class PublicarModel(CompanyVacancies vacancies, OccupationCatalog occupations) : PageModel
{
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? OccupationCode { get; set; }
    [BindProperty] public string? Ubigeo { get; set; }
    [BindProperty] public bool Remote { get; set; }
    [BindProperty] public string? MinEducation { get; set; }
    [BindProperty] public int? MinExperienceMonths { get; set; }
    [BindProperty] public string? Skills { get; set; }
    [BindProperty] public decimal? SalaryMin { get; set; }
    [BindProperty] public decimal? SalaryMax { get; set; }
    [BindProperty] public int? Positions { get; set; } = 1;
    [BindProperty] public DateOnly? ClosingDate { get; set; }
    [BindProperty] public long? Version { get; set; }

    public Guid? Id { get; private set; }
    public IReadOnlyList<Occupation> Occupations => occupations.All;
    public string? ClosingDateText => ClosingDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private Guid Account => CompanyAuthentication.AccountOf(User)!.Value;

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        if (id is not { } vacancyId) return Page();
        VacancyDto v;
        try
        {
            v = await vacancies.GetAsync(Account, vacancyId, ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        (Title, Description, OccupationCode, Ubigeo, Remote, MinEducation, MinExperienceMonths) = (v.Title, v.Description, v.OccupationCode, v.Ubigeo, v.Remote, v.MinEducation, v.MinExperienceMonths);
        (Skills, SalaryMin, SalaryMax, Positions, ClosingDate, Version) = (string.Join(", ", v.Skills), v.SalaryMin, v.SalaryMax, v.Positions, v.ClosingDate, v.Version);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        var input = new VacancyInput(null, Title, Description, OccupationCode, Ubigeo, Remote, MinEducation, MinExperienceMonths, [],
            (Skills ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), SalaryMin, SalaryMax, Positions, ClosingDate, Version);
        try
        {
            var saved = id is { } vacancyId ? await vacancies.UpdateAsync(Account, vacancyId, input, ct) : await vacancies.CreateAsync(Account, input, ct);
            return Redirect($"/empresas/vacantes/{saved.Id}");
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (FieldValidationException e)
        {
            foreach (var (field, messages) in e.Errors)
                foreach (var message in messages) ModelState.AddModelError(FieldOf(field), message);
        }
        catch (StateConflictException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
        }
        catch (ConflictException)
        {
            ModelState.AddModelError(string.Empty, "La vacante cambió mientras la editaba; vuelva a abrirla.");
        }
        return Page();
    }

    private static string FieldOf(string key) => key switch
    {
        "title" => nameof(Title),
        "description" => nameof(Description),
        "occupationCode" => nameof(OccupationCode),
        "ubigeo" => nameof(Ubigeo),
        "minEducation" => nameof(MinEducation),
        "minExperienceMonths" => nameof(MinExperienceMonths),
        "skills" => nameof(Skills),
        "salaryMin" => nameof(SalaryMin),
        "salaryMax" => nameof(SalaryMax),
        "positions" => nameof(Positions),
        "closingDate" => nameof(ClosingDate),
        _ => string.Empty,
    };
}
