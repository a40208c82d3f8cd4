using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Engine;
using Vupe.Server.Admin;
using Vupe.Server.Hosting;
using Vupe.Server.Offices;
using Vupe.Server.Problems;

namespace Vupe.Server.Pages.Administracion.Usuarios;

/// <summary>One staff account: change its data, roles, office and services; lock or unlock it; reset its password (the same service as /api/admin/users).</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class UsuarioModel(UserAdministration accounts, OfficeDirectory offices) : PageModel
{
    [BindProperty] public string? Nombre { get; set; }
    [BindProperty] public string? Correo { get; set; }
    [BindProperty] public List<string> Roles { get; set; } = [];
    [BindProperty] public string? Oficina { get; set; }
    [BindProperty] public List<string> Servicios { get; set; } = [];
    [BindProperty] public string? Clave { get; set; }
    [BindProperty] public string? Motivo { get; set; }
    [TempData] public string? Aviso { get; set; }

    public UserDetail Detail { get; private set; } = null!;
    public IReadOnlyList<Office> Offices { get; private set; } = [];
    public string? TemporaryPassword { get; private set; }
    /// <summary>Which form failed, so only its reason field keeps what was typed.</summary>
    public string? Failed { get; private set; }

    public async Task<IActionResult> OnGetAsync(string nombre, CancellationToken ct)
    {
        if (await LoadAsync(nombre, ct) is { } missing) return missing;
        var u = Detail.User;
        (Nombre, Correo, Roles, Oficina, Servicios) = (u.FullName, u.Email, [.. u.Roles], u.OfficeCode, [.. u.Services]);
        return Page();
    }

    public Task<IActionResult> OnPostGuardarAsync(string nombre, CancellationToken ct) =>
        ActAsync(nombre, "guardar", "", async () =>
        {
            await accounts.UpdateAsync(nombre, new UpdateUserRequest(Nombre, Correo, Roles, Oficina, Servicios, Motivo), ct);
            return "Los cambios se guardaron; la persona debe volver a ingresar.";
        }, ct);

    public Task<IActionResult> OnPostBloquearAsync(string nombre, CancellationToken ct) =>
        ActAsync(nombre, "bloquear", "bloqueo.", async () =>
        {
            await accounts.LockAsync(nombre, new ReasonRequest(Motivo), ct);
            return "La cuenta quedó bloqueada y sus sesiones terminaron.";
        }, ct);

    public Task<IActionResult> OnPostDesbloquearAsync(string nombre, CancellationToken ct) =>
        ActAsync(nombre, "desbloquear", "bloqueo.", async () =>
        {
            await accounts.UnlockAsync(nombre, new ReasonRequest(Motivo), ct);
            return "La cuenta quedó desbloqueada.";
        }, ct);

    public async Task<IActionResult> OnPostRestablecerAsync(string nombre, CancellationToken ct)
    {
        try
        {
            var reset = await accounts.ResetPasswordAsync(nombre, new ResetPasswordRequest(Clave, Motivo), ct);
            // Shown in this answer only (no redirect, nothing in TempData): a reload does not show it again.
            TemporaryPassword = reset.TemporaryPassword;
            Aviso = reset.TemporaryPassword is null ? "La contraseña se cambió y las sesiones de la persona terminaron." : null;
            if (await LoadAsync(nombre, ct) is { } missing) return missing;
            FillFromAccount();
            return Page();
        }
        catch (FieldValidationException e)
        {
            AdminFormErrors.Into(ModelState, e, "clave.");
            return await RefusedAsync(nombre, "clave", ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }

    private async Task<IActionResult> ActAsync(string nombre, string action, string prefix, Func<Task<string>> act, CancellationToken ct)
    {
        try
        {
            Aviso = await act();
            return Redirect($"/administracion/usuarios/{Uri.EscapeDataString(nombre)}");
        }
        catch (FieldValidationException e)
        {
            AdminFormErrors.Into(ModelState, e, prefix);
        }
        catch (StateConflictException e)
        {
            ModelState.AddModelError("", e.Message);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        var page = await RefusedAsync(nombre, action, ct);
        // The edit form keeps what was typed; the other forms leave it as stored.
        if (action != "guardar" && page is PageResult) FillFromAccount();
        return page;
    }

    private async Task<IActionResult> RefusedAsync(string nombre, string action, CancellationToken ct)
    {
        Failed = action;
        Response.StatusCode = ModelState.ContainsKey("") && ModelState[""]!.Errors.Count > 0 ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        return await LoadAsync(nombre, ct) ?? Page();
    }

    private void FillFromAccount()
    {
        var u = Detail.User;
        (Nombre, Correo, Roles, Oficina, Servicios) = (u.FullName, u.Email, [.. u.Roles], u.OfficeCode, [.. u.Services]);
    }

    private async Task<IActionResult?> LoadAsync(string nombre, CancellationToken ct)
    {
        try
        {
            Detail = await accounts.GetAsync(nombre, ct);
            Offices = await offices.ListAsync(ct);
            return null;
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }
}
