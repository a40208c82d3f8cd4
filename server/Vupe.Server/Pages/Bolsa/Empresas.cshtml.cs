using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Engine;
using Vupe.Server.Auth;
using Vupe.Server.Hosting;
using Vupe.Server.Portal.Companies;
using Vupe.Server.Problems;

namespace Vupe.Server.Pages.Bolsa;

/// <summary>
/// Companies «En validación» (signed up online for a RUC whose email the VUPE did not know): a supervisor approves or
/// rejects each with a reason (<see cref="CompanyValidations"/>).
/// </summary>
[Authorize(Policy = Policies.Supervise)]
public sealed class EmpresasModel(CompanyValidations validations) : PageModel
{
    public IReadOnlyList<PendingCompany> Pending { get; private set; } = [];
    [TempData] public string? Message { get; set; }
    public string? Error { get; private set; }
    public Guid? ErrorFor { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Pending = await validations.PendingAsync(UserScope.From(User), ct);

    public async Task<IActionResult> OnPostAsync(Guid cuenta, string? decision, string? motivo, CancellationToken ct)
    {
        var user = UserScope.From(User);
        if (decision is not ("validar" or "rechazar")) return BadRequest();
        try
        {
            await validations.DecideAsync(cuenta, decision == "validar", motivo, user, ct);
            Message = decision == "validar" ? "Empresa validada; sus vacantes en espera ya están publicadas." : "Empresa rechazada; se le avisó por correo.";
            return RedirectToPage();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (Exception e) when (e is FieldValidationException or StateConflictException)
        {
            Error = e is FieldValidationException ? "Escriba el motivo de la decisión (máximo 500 caracteres)." : e.Message;
            ErrorFor = cuenta;
            Pending = await validations.PendingAsync(user, ct);
            return Page();
        }
    }
}
