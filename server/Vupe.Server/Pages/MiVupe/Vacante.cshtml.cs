using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Engine;
using Vupe.Server.Portal;
using Vupe.Server.Problems;

namespace Vupe.Server.Pages.MiVupe;

/// <summary>A vacancy for the citizen: what it asks, why it suits them or not, and applying with the ficha's profile (with the consent when not given yet).</summary>
[Authorize(Policy = PortalAuthentication.Policy)]
public sealed class VacanteModel(CitizenJobBank jobBank) : PageModel
{
    public PortalVacancy View { get; private set; } = null!;
    [BindProperty] public bool Consent { get; set; }
    public string? Error { get; private set; }
    [TempData] public string? Message { get; set; }

    private Guid Account => PortalAuthentication.AccountOf(User)!.Value;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        try
        {
            await jobBank.ApplyAsync(Account, id, Consent, ct);
            Message = "Su postulación fue enviada a la empresa. Le avisaremos por correo cuando responda.";
            return RedirectToPage(new { id });
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (Exception e) when (e is FieldValidationException or StateConflictException or ConflictException)
        {
            Error = e is FieldValidationException v ? string.Join(" ", v.Errors.SelectMany(x => x.Value))
                : e is ConflictException ? "Su solicitud coincidió con otra; vuelva a intentarlo." : e.Message;
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        try
        {
            View = await jobBank.VacancyAsync(Account, id, ct);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
