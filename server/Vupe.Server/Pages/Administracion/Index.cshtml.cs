using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Server.Admin;
using Vupe.Server.Hosting;
using Vupe.Server.Offices;
using Vupe.Server.Problems;

namespace Vupe.Server.Pages.Administracion;

/// <summary>The administrator's start page: the tools administrators use and the staff accounts, searched and paged.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class IndexModel(UserAdministration accounts, OfficeDirectory offices) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "rol")] public string? Rol { get; set; }
    [BindProperty(SupportsGet = true, Name = "oficina")] public string? Oficina { get; set; }
    [BindProperty(SupportsGet = true, Name = "estado")] public string? Estado { get; set; }
    [BindProperty(SupportsGet = true, Name = "pagina")] public int? Pagina { get; set; }

    public UserPage Result { get; private set; } = new([], 0, 1, 25);
    public IReadOnlyList<Office> Offices { get; private set; } = [];
    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Offices = await offices.ListAsync(ct);
        var errors = new FieldErrors();
        var state = errors.Choice<UserState>("estado", Estado);
        try
        {
            errors.ThrowIfAny();
            Result = await accounts.ListAsync(new UserQuery(Q, string.IsNullOrEmpty(Rol) ? null : Rol, Oficina, state, Pagina is < 1 ? 1 : Pagina), ct);
        }
        catch (FieldValidationException e)
        {
            Errors = [.. e.Errors.SelectMany(x => x.Value)];
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }
}
