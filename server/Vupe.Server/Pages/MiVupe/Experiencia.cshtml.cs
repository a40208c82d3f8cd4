using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Server.Portal;

namespace Vupe.Server.Pages.MiVupe;

/// <summary>Adds a job to the citizen's own ficha, or corrects job <see cref="N"/>.</summary>
[Authorize(Policy = PortalAuthentication.Policy)]
public sealed class ExperienciaModel(CitizenFicha fichas) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? N { get; set; }
    [BindProperty] public long Version { get; set; }
    [BindProperty] public string? Employer { get; set; }
    [BindProperty] public string? Position { get; set; }
    [BindProperty] public DateOnly? From { get; set; }
    [BindProperty] public DateOnly? To { get; set; }
    public bool WasCertified { get; private set; }

    private Guid Account => PortalAuthentication.AccountOf(User)!.Value;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var ficha = await fichas.ReadAsync(Account, ct);
        Version = ficha.Version;
        if (N is not { } n) return Page();
        if (n < 0 || n >= ficha.WorkExperience.Count) return Redirect("/mi-vupe/ficha");
        var w = ficha.WorkExperience[n];
        (Employer, Position, From, To, WasCertified) = (w.Employer, w.Position, w.From, w.To, w.Certified);
        return Page();
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        foreach (var field in new[] { nameof(From), nameof(To) }.Where(f => ModelState[f]?.Errors.Count > 0))
        {
            ModelState.Remove(field);
            ModelState.AddModelError(field, "Escriba una fecha válida (día, mes y año).");
        }
        if (!ModelState.IsValid) return Task.FromResult<IActionResult>(Page());
        return PortalForms.RunAsync(this, async () =>
        {
            await fichas.SaveExperienceAsync(Account, Version, N, new ExperienceForm(Employer, Position, From, To), ct);
            return Redirect("/mi-vupe/ficha?guardado=true");
        }, FieldOf, m => ModelState.AddModelError(string.Empty, m));
    }

    private static string FieldOf(string key) => key switch
    {
        "employer" => nameof(Employer),
        "position" => nameof(Position),
        "from" => nameof(From),
        "to" => nameof(To),
        _ => string.Empty,
    };
}
