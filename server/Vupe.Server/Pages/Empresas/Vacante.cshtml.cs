using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Engine;
using Vupe.Server.JobBank;
using Vupe.Server.Portal.Companies;
using Vupe.Server.Problems;

namespace Vupe.Server.Pages.Empresas;

/// <summary>One of the company's vacancies: the candidates referred and applying (only what each shares), the answer to each, closing it.</summary>
[Authorize(Policy = CompanyAuthentication.Policy)]
public sealed class VacanteModel(CompanyVacancies vacancies) : PageModel
{
    public VacancyDto Vacancy { get; private set; } = null!;
    public IReadOnlyList<CompanyCandidate> Candidates { get; private set; } = [];
    [TempData] public string? Message { get; set; }
    public string? Error { get; private set; }

    private Guid Account => CompanyAuthentication.AccountOf(User)!.Value;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostResponderAsync(Guid id, Guid referralId, ReferralStatus? respuesta, DateOnly? fechaInicio, string? comentario, long version, CancellationToken ct) =>
        ActAsync(id, () => vacancies.AnswerAsync(Account, referralId, respuesta, fechaInicio, comentario, version, ct),
            respuesta == ReferralStatus.Hired ? "Contratación registrada. Le enviamos la confirmación por correo y avisamos al postulante." : "Respuesta registrada y enviada al postulante.", ct);

    public Task<IActionResult> OnPostCerrarAsync(Guid id, long version, CancellationToken ct) =>
        ActAsync(id, () => vacancies.CloseAsync(Account, id, version, ct), "Vacante cerrada: ya no recibe postulaciones.", ct);

    private async Task<IActionResult> ActAsync(Guid id, Func<Task> action, string done, CancellationToken ct)
    {
        try
        {
            await action();
            Message = done;
            return RedirectToPage(new { id });
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (Exception e) when (e is FieldValidationException or StateConflictException or ConflictException)
        {
            Error = e is FieldValidationException v ? string.Join(" ", v.Errors.SelectMany(x => x.Value))
                : e is ConflictException ? "Este dato cambió al mismo tiempo; vuelva a intentarlo." : e.Message;
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Vacancy = await vacancies.GetAsync(Account, id, ct);
            Candidates = await vacancies.CandidatesAsync(Account, id, ct);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
