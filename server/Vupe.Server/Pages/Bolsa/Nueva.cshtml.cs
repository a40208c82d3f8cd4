using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.JobBank.Classification;
using Vupe.Server.Auth;
using Vupe.Server.Hosting;
using Vupe.Server.JobBank;
using Vupe.Server.Parties;
using Vupe.Server.Problems;

namespace Vupe.Server.Pages.Bolsa;

/// <summary>A consultant registers a company's vacancy on its behalf: the company by its RUC, the rest as the company describes it.</summary>
[Authorize(Policy = Policies.WorkCases)]
public sealed class NuevaModel(VacancyService vacancies, PartyDirectory parties, OccupationCatalog occupations) : PageModel
{
    [BindProperty, Display(Name = "RUC de la empresa")] public string? Ruc { get; set; }
    [BindProperty] public string? Titulo { get; set; }
    [BindProperty] public string? Descripcion { get; set; }
    [BindProperty] public string? Ocupacion { get; set; }
    [BindProperty] public string? Ubigeo { get; set; }
    [BindProperty] public bool Remoto { get; set; }
    [BindProperty] public string? Educacion { get; set; } = "secundaria";
    [BindProperty] public int? Experiencia { get; set; }
    [BindProperty] public string? Certificaciones { get; set; }
    [BindProperty] public string? Habilidades { get; set; }
    [BindProperty] public decimal? SueldoMinimo { get; set; }
    [BindProperty] public decimal? SueldoMaximo { get; set; }
    [BindProperty] public int? Puestos { get; set; } = 1;
    [BindProperty] public DateOnly? Cierre { get; set; }

    public IReadOnlyList<Occupation> Occupations => occupations.All;

    /// <summary>The API's field names, mapped to this form's, so each error shows under its own field.</summary>
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["companyPartyId"] = nameof(Ruc), ["title"] = nameof(Titulo), ["description"] = nameof(Descripcion), ["occupationCode"] = nameof(Ocupacion),
        ["ubigeo"] = nameof(Ubigeo), ["minEducation"] = nameof(Educacion), ["minExperienceMonths"] = nameof(Experiencia), ["certifications"] = nameof(Certificaciones),
        ["skills"] = nameof(Habilidades), ["salaryMin"] = nameof(SueldoMinimo), ["salaryMax"] = nameof(SueldoMaximo), ["positions"] = nameof(Puestos), ["closingDate"] = nameof(Cierre),
    };

    public void OnGet() => Cierre ??= DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = UserScope.From(User);
        Guid? company = null;
        if (string.IsNullOrWhiteSpace(Ruc)) ModelState.AddModelError(nameof(Ruc), "Indique el RUC de la empresa.");
        else
        {
            var found = await parties.SearchAsync(Ruc.Trim(), null, ct);
            company = found.FirstOrDefault(p => p.Kind == PartyKind.Company)?.Id;
            if (company is null) ModelState.AddModelError(nameof(Ruc), "No hay una empresa registrada con ese RUC: regístrela primero en Atender.");
        }
        if (!ModelState.IsValid) return Page();
        try
        {
            var created = await vacancies.CreateAsync(new VacancyInput(company, Titulo, Descripcion, Ocupacion, Ubigeo, Remoto, Educacion, Experiencia,
                Split(Certificaciones), Split(Habilidades), SueldoMinimo, SueldoMaximo, Puestos, Cierre), user, ct);
            return Redirect($"/bolsa/vacante/{created.Id}");
        }
        catch (FieldValidationException e)
        {
            foreach (var (field, messages) in e.Errors)
                foreach (var message in messages) ModelState.AddModelError(Fields.GetValueOrDefault(field, string.Empty), message);
            return Page();
        }
    }

    private static List<string> Split(string? text) =>
        [.. (text ?? "").Split([',', ';', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
}
