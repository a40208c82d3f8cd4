using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Server.Portal;
using Vupe.Workflows;

namespace Vupe.Server.Pages.MiVupe;

/// <summary>
/// The services the catalogue lets a citizen start online, in two steps that need no script: choose the service
/// (<c>?servicio=</c>), then the office, the service's start form and what they need; a case opens there.
/// </summary>
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

    /// <summary>The service being requested (step 2); null while the citizen chooses one.</summary>
    public VupeService? Chosen { get; private set; }

    public PortalStartForm? Form { get; private set; }

    /// <summary>The start form's answers as posted, to show them again beside their errors.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Answers { get; private set; } = new Dictionary<string, IReadOnlyList<string>>();

    public async Task OnGetAsync(string? servicio, CancellationToken ct)
    {
        Service = servicio;
        await LoadAsync(ct);
        if (servicio is not null && Chosen is null) ModelState.AddModelError(nameof(Service), CitizenServices.NotOnline);
        Token = Guid.NewGuid().ToString("N");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Answers = Request.Form.Keys.Where(k => k.StartsWith(PortalStartForm.Prefix, StringComparison.Ordinal))
            .ToDictionary(k => k[PortalStartForm.Prefix.Length..], k => (IReadOnlyList<string>)[.. Request.Form[k].Select(v => v ?? "")], StringComparer.Ordinal);
        return await PortalForms.RunAsync(this, async () =>
        {
            var opened = await services.ApplyAsync(PortalAuthentication.AccountOf(User)!.Value, new PortalApplication(Service, Office, Reason, Token, Answers), ct);
            return Redirect($"/mi-vupe/expedientes/{Uri.EscapeDataString(opened.CaseNumber)}?solicitado=1");
        }, key => key switch
        {
            "service" => nameof(Service), "office" => nameof(Office), "reason" => nameof(Reason),
            _ when key.StartsWith("respuestas.", StringComparison.Ordinal) => PortalStartForm.Prefix + key["respuestas.".Length..],
            _ => string.Empty,
        }, _ => { });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Choices = await services.ChoicesAsync(ct);
        Chosen = Choices.Services.FirstOrDefault(s => s.Code == Service?.Trim());
        Form = Chosen is null ? null : await services.StartFormAsync(Chosen.Code, ct);
    }

    /// <summary>What the citizen posted for a field (empty before the first post).</summary>
    public IReadOnlyList<string> Posted(PortalFormItem item) => item.Key is { } key ? Answers.GetValueOrDefault(key) ?? [] : [];
}
