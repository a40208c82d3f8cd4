using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Engine;
using Vupe.Server.Admin;
using Vupe.Server.Hosting;
using Vupe.Server.Offices;
using Vupe.Server.Problems;

namespace Vupe.Server.Pages.Administracion;

/// <summary>
/// An office's candidate groups: which task of which procedure goes to each, who is in it, and adding or taking out
/// members (the same services as /api/admin/groups).
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class GruposModel(CandidateGroupDirectory groups, UserAdministration accounts, OfficeDirectory offices) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "oficina")] public string? Oficina { get; set; }
    [BindProperty] public string? Grupo { get; set; }
    [BindProperty] public string? Usuario { get; set; }
    [BindProperty] public string? Motivo { get; set; }
    [TempData] public string? Aviso { get; set; }

    public OfficeGroups Data { get; private set; } = null!;
    public IReadOnlyList<Office> Offices { get; private set; } = [];
    public string? FailedGroup { get; private set; }
    public string? FailedAction { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public Task<IActionResult> OnPostAgregarAsync(CancellationToken ct) =>
        ActAsync("agregar", () => accounts.AddToGroupAsync(Grupo ?? "", new GroupMemberRequest(Usuario, Motivo), ct), $"{Usuario} ahora pertenece a {Grupo}; lo verá al volver a ingresar.", ct);

    public Task<IActionResult> OnPostQuitarAsync(CancellationToken ct) =>
        ActAsync("quitar", () => accounts.RemoveFromGroupAsync(Grupo ?? "", new GroupMemberRequest(Usuario, Motivo), ct), $"{Usuario} ya no pertenece a {Grupo}.", ct);

    private async Task<IActionResult> ActAsync(string action, Func<Task<UserDto>> act, string done, CancellationToken ct)
    {
        try
        {
            await act();
            Aviso = done;
            return Redirect($"/administracion/grupos?oficina={Uri.EscapeDataString(Oficina ?? "")}#grupo-{Uri.EscapeDataString((Grupo ?? "").ToLowerInvariant())}");
        }
        catch (FieldValidationException e)
        {
            AdminFormErrors.Into(ModelState, e);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        catch (StateConflictException e)
        {
            ModelState.AddModelError("", e.Message);
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        (FailedGroup, FailedAction) = (Grupo, action);
        return await LoadAsync(ct) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        try
        {
            Offices = await offices.ListAsync(ct);
            Data = await groups.ForOfficeAsync(string.IsNullOrWhiteSpace(Oficina) ? "LIM" : Oficina, ct);
            return null;
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }
}
