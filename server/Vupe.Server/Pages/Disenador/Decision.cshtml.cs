using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Server.Auth;
using Vupe.Server.Decisions;
using Vupe.Server.Deployments;
using Vupe.Server.Hosting;

namespace Vupe.Server.Pages.Disenador;

/// <summary>
/// The DMN editor on one decision (a deployed version, or a new decision table): the DRD and the table, validation
/// with the engine's own checks, deployment, and "probar decisión" on the file as edited, before it is deployed.
/// </summary>
[Authorize(Policy = Policies.Design)]
public sealed class DecisionModel(DecisionDesign design) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Clave { get; set; }
    [BindProperty(SupportsGet = true)] public int? Version { get; set; }

    public DecisionVersionsDto? Decision { get; private set; }
    /// <summary>The version opened: the one asked for, else the latest.</summary>
    public int? OpenedVersion { get; private set; }
    public bool CanDeploy { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        CanDeploy = DeploymentService.MayDeploy(UserScope.From(User));
        if (string.IsNullOrWhiteSpace(Clave)) return Page();
        Decision = (await design.ListAsync(ct)).FirstOrDefault(d => d.Key == Clave.Trim());
        if (Decision is null || (Version is { } v && !Decision.Versions.Contains(v))) return NotFound();
        OpenedVersion = Version ?? Decision.LatestVersion;
        return Page();
    }
}
