using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Server.Auth;
using Vupe.Server.Deployments;
using Vupe.Server.Hosting;

namespace Vupe.Server.Pages.Disenador;

/// <summary>
/// The form-js editor on one form — a deployed version (<c>?clave=KEY[&amp;version=N]</c>, the latest by default) or a
/// new one whose key the user types — with a live preview, validation by the engine's own checks and deployment.
/// </summary>
[Authorize(Policy = Policies.Design)]
public sealed class FormularioModel(FormDesign forms) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Clave { get; set; }
    [BindProperty(SupportsGet = true)] public int? Version { get; set; }

    public FormDefinitionDto? Form { get; private set; }
    public FormVersionDto? Opened { get; private set; }
    public bool CanDeploy { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        CanDeploy = DeploymentService.MayDeploy(UserScope.From(User));
        if (string.IsNullOrWhiteSpace(Clave)) return Page();
        Form = (await forms.ListAsync(ct)).FirstOrDefault(f => f.Key == Clave.Trim());
        Opened = Version is { } v ? Form?.Versions.FirstOrDefault(x => x.Version == v) : Form?.Versions[^1];
        return Opened is null ? NotFound() : Page();
    }
}
