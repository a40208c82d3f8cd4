using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Engine;
using Vupe.Server.Admin;
using Vupe.Server.Hosting;
using Vupe.Server.Problems;

namespace Vupe.Server.Pages.Administracion.Oficinas;

/// <summary>An office's contact data, edited with a reason (the same service as PUT /api/admin/offices/{code}), and its trail.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class OficinaModel(OfficeAdministration offices) : PageModel
{
    [BindProperty] public string? Direccion { get; set; }
    [BindProperty] public string? Telefono { get; set; }
    [BindProperty] public string? Correo { get; set; }
    [BindProperty] public string? Horario { get; set; }
    [BindProperty] public string? Motivo { get; set; }
    [TempData] public string? Aviso { get; set; }

    public OfficeAdminDto Office { get; private set; } = null!;
    public IReadOnlyList<AdminTrailEntry> Trail { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string codigo, CancellationToken ct)
    {
        if (await LoadAsync(codigo, ct) is { } missing) return missing;
        (Direccion, Telefono, Correo, Horario) = (Office.Address, Office.Phone, Office.Email, Office.OpeningHours);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string codigo, CancellationToken ct)
    {
        try
        {
            await offices.UpdateContactAsync(codigo, new OfficeContactRequest(Direccion, Telefono, Correo, Horario, Motivo), ct);
            Aviso = "Los datos de contacto se guardaron.";
            return Redirect($"/administracion/oficinas/{Uri.EscapeDataString(codigo)}");
        }
        catch (FieldValidationException e)
        {
            AdminFormErrors.Into(ModelState, e);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        return await LoadAsync(codigo, ct) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(string codigo, CancellationToken ct)
    {
        try
        {
            Office = await offices.GetAsync(codigo, ct);
            Trail = await offices.TrailAsync(codigo, ct);
            return null;
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }
}
