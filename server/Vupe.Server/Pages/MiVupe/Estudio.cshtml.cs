using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Server.Portal;

namespace Vupe.Server.Pages.MiVupe;

/// <summary>Adds an education entry to the citizen's own ficha, or corrects entry <see cref="N"/>.</summary>
[Authorize(Policy = PortalAuthentication.Policy)]
public sealed class EstudioModel(CitizenFicha fichas) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? N { get; set; }
    [BindProperty] public long Version { get; set; }
    [BindProperty] public string? Level { get; set; }
    [BindProperty] public string? Institution { get; set; }
    [BindProperty] public string? Field { get; set; }
    [BindProperty] public bool Completed { get; set; }
    [BindProperty] public int? Year { get; set; }

    private Guid Account => PortalAuthentication.AccountOf(User)!.Value;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var ficha = await fichas.ReadAsync(Account, ct);
        Version = ficha.Version;
        if (N is not { } n) return Page();
        if (n < 0 || n >= ficha.Education.Count) return Redirect("/mi-vupe/ficha");
        var e = ficha.Education[n];
        (Level, Institution, Field, Completed, Year) = (e.Level, e.Institution, e.Field, e.Completed, e.Year);
        return Page();
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // A year that is not a number never reaches the service: say so in Spanish under the field.
        if (ModelState[nameof(Year)]?.Errors.Count > 0)
        {
            ModelState.Remove(nameof(Year));
            ModelState.AddModelError(nameof(Year), "Escriba el año con 4 cifras, por ejemplo 2019.");
            return Task.FromResult<IActionResult>(Page());
        }
        return PortalForms.RunAsync(this, async () =>
        {
            await fichas.SaveEducationAsync(Account, Version, N, new EducationForm(Level, Institution, Field, Completed, Year), ct);
            return Redirect("/mi-vupe/ficha?guardado=true");
        }, FieldOf, m => ModelState.AddModelError(string.Empty, m));
    }

    private static string FieldOf(string key) => key switch
    {
        "level" => nameof(Level),
        "institution" => nameof(Institution),
        "field" => nameof(Field),
        "year" => nameof(Year),
        _ => string.Empty,
    };
}
