using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.JobBank.Classification;
using Vupe.JobBank.Matching;
using Vupe.Server.Auth;
using Vupe.Server.Hosting;
using Vupe.Server.JobBank;
using Vupe.Server.Parties;
using Vupe.Server.Problems;

namespace Vupe.Server.Pages.Bolsa;

/// <summary>
/// A citizen in the job bank: what they seek (recorded by the consultant; education, experience, skills and residence
/// follow the ficha), the consent that lets their profile be shared, the vacancies of every region recommended with
/// the reasons, and their referrals.
/// </summary>
[Authorize(Policy = Policies.WorkCases)]
public sealed class BuscadorModel(SeekerService seekers, MatchingService matching, ReferralService referrals, PartyDirectory parties, OccupationCatalog occupations) : PageModel
{
    public Party Party { get; private set; } = null!;
    public SeekerDto? Seeker { get; private set; }
    public bool SharesProfile { get; private set; }
    public IReadOnlyList<VacancyMatchDto> Matches { get; private set; } = [];
    public IReadOnlyList<ReferralDto> Referrals { get; private set; } = [];
    public IReadOnlyList<Occupation> Occupations => occupations.All;
    [TempData] public string? Message { get; set; }
    public string? Error { get; private set; }

    [BindProperty] public string?[] Ocupaciones { get; set; } = [];
    [BindProperty] public Mobility Movilidad { get; set; } = Mobility.Region;
    [BindProperty] public string? Certificaciones { get; set; }
    [BindProperty] public decimal? SueldoEsperado { get; set; }
    [BindProperty] public bool Activo { get; set; } = true;
    [BindProperty] public long? Version { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Seeker is { } s)
        {
            Ocupaciones = [.. s.Occupations];
            Movilidad = s.Mobility;
            Certificaciones = string.Join(", ", s.Certifications);
            SueldoEsperado = s.ExpectedSalary;
            Activo = s.Active;
            Version = s.Version;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostGuardarAsync(Guid id, CancellationToken ct)
    {
        try
        {
            await seekers.SaveAsync(id, new SeekerInput([.. Ocupaciones.OfType<string>().Where(o => o.Length > 0)], Movilidad,
                [.. (Certificaciones ?? "").Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)], SueldoEsperado, Activo, Version),
                UserScope.From(User), ct);
            Message = "Perfil de búsqueda guardado.";
            return RedirectToPage(new { id });
        }
        catch (Exception e) when (e is FieldValidationException or Vupe.Engine.ConflictException)
        {
            Error = e is FieldValidationException v ? string.Join(" ", v.Errors.SelectMany(x => x.Value)) : "Otro usuario cambió este perfil al mismo tiempo; vuelva a cargar la página.";
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }
    }

    /// <summary>Records the citizen's written consent (or its withdrawal) for job-bank intermediation.</summary>
    public async Task<IActionResult> OnPostConsentimientoAsync(Guid id, bool otorga, CancellationToken ct)
    {
        await parties.AddConsentAsync(id, new ConsentInput(SeekerSnapshot.ConsentPurpose, otorga, "escrito", "bolsa-v1"), UserScope.From(User), ct);
        Message = otorga ? "Consentimiento registrado: su perfil se puede compartir con empresas." : "Consentimiento retirado: su perfil ya no se comparte.";
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await parties.FindAsync(id, ct) is not { Person: not null } party) return false;
        Party = party;
        Seeker = await seekers.FindAsync(id, ct);
        SharesProfile = await seekers.SharesProfileAsync(id, ct);
        if (Seeker is not null) Matches = await matching.VacanciesForAsync(id, 20, ct);
        Referrals = await referrals.ForSeekerAsync(id, ct);
        return true;
    }
}
