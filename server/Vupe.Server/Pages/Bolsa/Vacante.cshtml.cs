using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Engine;
using Vupe.Server.Auth;
using Vupe.Server.Hosting;
using Vupe.Server.JobBank;
using Vupe.Server.Problems;

namespace Vupe.Server.Pages.Bolsa;

/// <summary>
/// A vacancy: what it asks for, the consenting candidates of every region ranked with the reasons, the referrals
/// with the company's answers (recorded here on its behalf), and closing it.
/// </summary>
[Authorize(Policy = Policies.ReadCases)]
public sealed class VacanteModel(VacancyService vacancies, MatchingService matching, ReferralService referrals, PlacementFollowUps followUps) : PageModel
{
    public VacancyDto Vacancy { get; private set; } = null!;
    public IReadOnlyList<CandidateDto> Candidates { get; private set; } = [];
    public IReadOnlyList<ReferralDto> Referrals { get; private set; } = [];
    public bool CanWork { get; private set; }
    [TempData] public string? Message { get; set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostDerivarAsync(Guid id, Guid partyId, CancellationToken ct) =>
        ActAsync(id, async user => await referrals.ReferAsync(id, new ReferralInput(partyId), user, ct), "Candidato derivado a la vacante.", ct);

    public Task<IActionResult> OnPostResponderAsync(Guid id, Guid referralId, ReferralStatus? respuesta, DateOnly? fechaInicio, string? observaciones, long version, CancellationToken ct) =>
        ActAsync(id, async user => await followUps.OpenForAsync(
                await referrals.AnswerAsync(referralId, new ReferralAnswerInput(respuesta, fechaInicio, observaciones, version), user, ct), user.UserName, ct),
            respuesta == ReferralStatus.Hired ? "Colocación registrada." : "Respuesta registrada.", ct);

    public Task<IActionResult> OnPostCerrarAsync(Guid id, long version, CancellationToken ct) =>
        ActAsync(id, async user => await vacancies.CloseAsync(id, version, user, ct), "Vacante cerrada.", ct);

    private async Task<IActionResult> ActAsync(Guid id, Func<UserScope, Task> action, string done, CancellationToken ct)
    {
        var user = UserScope.From(User);
        if (!user.CanWorkCases) return Forbid();
        try
        {
            await action(user);
            Message = done;
            return RedirectToPage(new { id });
        }
        catch (Exception e) when (e is FieldValidationException or StateConflictException or AccessDeniedException or ConflictException)
        {
            Error = e is FieldValidationException v ? string.Join(" ", v.Errors.SelectMany(x => x.Value))
                : e is ConflictException ? "Otro usuario cambió este dato al mismo tiempo; vuelva a intentarlo." : e.Message;
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Vacancy = await vacancies.GetAsync(id, ct);
        }
        catch (NotFoundException)
        {
            return false;
        }
        CanWork = UserScope.From(User).CanWorkCases;
        Referrals = await referrals.ForVacancyAsync(id, ct);
        if (CanWork && Vacancy.Status == VacancyStatus.Open) Candidates = await matching.CandidatesForAsync(id, 20, ct);
        return true;
    }
}
