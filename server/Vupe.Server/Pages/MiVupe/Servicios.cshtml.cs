using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Server.Portal;

namespace Vupe.Server.Pages.MiVupe;

/// <summary>The services the catalogue lets a citizen start online: choose one and an office, and a case opens there.</summary>
/// <remarks>
/// Not on the per-address CUL limiter (5 a minute, which a citizen walking through Mi VUPE reaches with the sign-in and
/// a CUL request): only signed-in citizens get here, and a repeated form opens no second case (its request id).
/// </remarks>
[Authorize(Policy = PortalAuthentication.Policy)]
public sealed class ServiciosModel(CitizenServices services) : PageModel
{
    [BindProperty] public string? Service { get; set; }
    [BindProperty] public string? Office { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Token { get; set; }

    public PortalServiceChoice Choices { get; private set; } = new([], []);

    public async Task OnGetAsync(string? servicio, CancellationToken ct)
    {
        Choices = await services.ChoicesAsync(ct);
        Service = servicio;
        Token = Guid.NewGuid().ToString("N");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Choices = await services.ChoicesAsync(ct);
        return await PortalForms.RunAsync(this, async () =>
        {
            var opened = await services.ApplyAsync(PortalAuthentication.AccountOf(User)!.Value, new PortalApplication(Service, Office, Reason, Token), ct);
            return Redirect($"/mi-vupe/expedientes/{Uri.EscapeDataString(opened.CaseNumber)}?solicitado=1");
        }, key => key switch { "service" => nameof(Service), "office" => nameof(Office), "reason" => nameof(Reason), _ => string.Empty }, _ => { });
    }
}
