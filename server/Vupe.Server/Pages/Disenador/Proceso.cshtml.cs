using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Server.Auth;
using Vupe.Server.Deployments;
using Vupe.Server.Hosting;

namespace Vupe.Server.Pages.Disenador;

/// <summary>
/// The BPMN modeler on one procedure (a deployed version, or a new one): the diagram, a panel for the engine's
/// attributes of the selected element, validation with the engine's own checks shown on the elements, deployment.
/// </summary>
[Authorize(Policy = Policies.Design)]
public sealed class ProcesoModel(DeploymentService deployments) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Definicion { get; set; }
    /// <summary>A draft to open (its key); the modeler loads it from /api/drafts/{key}.</summary>
    [BindProperty(SupportsGet = true)] public string? Borrador { get; set; }

    public ProcessDefinitionDto? Definition { get; private set; }
    public bool CanDeploy { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        CanDeploy = DeploymentService.MayDeploy(UserScope.From(User));
        if (string.IsNullOrWhiteSpace(Definicion)) return Page();
        var key = Definicion.Split(':')[0];
        Definition = (await deployments.DefinitionsAsync(key, ct)).FirstOrDefault(d => d.Id == Definicion);
        return Definition is null ? NotFound() : Page();
    }
}
