using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Server.Admin;
using Vupe.Server.Hosting;
using Vupe.Server.Offices;
using Vupe.Server.Problems;

namespace Vupe.Server.Pages.Administracion.Usuarios;

/// <summary>Creates a staff account (the same service and checks as POST /api/admin/users); a generated password is shown once, in this answer only.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class NuevoModel(UserAdministration accounts, OfficeDirectory offices) : PageModel
{
    [BindProperty] public string? Usuario { get; set; }
    [BindProperty] public string? Nombre { get; set; }
    [BindProperty] public string? Correo { get; set; }
    [BindProperty] public List<string> Roles { get; set; } = [Auth.Roles.Consultant];
    [BindProperty] public string? Oficina { get; set; }
    [BindProperty] public List<string> Servicios { get; set; } = [];
    [BindProperty] public string? Clave { get; set; }
    [BindProperty] public string? Motivo { get; set; }

    public IReadOnlyList<Office> Offices { get; private set; } = [];
    public CreatedUser? Created { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Offices = await offices.ListAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Offices = await offices.ListAsync(ct);
        try
        {
            Created = await accounts.CreateAsync(new CreateUserRequest(Usuario, Nombre, null, Oficina, Servicios, Clave, Correo) { Roles = Roles, Reason = Motivo }, ct);
        }
        catch (FieldValidationException e)
        {
            AdminFormErrors.Into(ModelState, e);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        catch (StateConflictException e)
        {
            ModelState.AddModelError(nameof(Usuario), e.Message);
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        // The password is typed once: never sent back into the form.
        Clave = null;
        return Page();
    }
}
