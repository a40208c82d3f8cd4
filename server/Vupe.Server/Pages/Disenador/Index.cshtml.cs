using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Server.Auth;
using Vupe.Server.Decisions;
using Vupe.Server.Deployments;
using Vupe.Server.Hosting;

namespace Vupe.Server.Pages.Disenador;

/// <summary>The designer's start: every procedure with its versions, who deployed each and how many cases run on it; the deployed decisions and forms.</summary>
[Authorize(Policy = Policies.Design)]
public sealed class IndexModel(DeploymentService deployments, DecisionDesign decisionDesign, FormDesign formDesign) : PageModel
{
    public IReadOnlyList<IGrouping<string, ProcessDefinitionDto>> Procedures { get; private set; } = [];
    public bool CanDeploy { get; private set; }
    /// <summary>The deployed decisions (the DMN editor's list).</summary>
    public IReadOnlyList<DecisionVersionsDto> Decisions { get; private set; } = [];
    /// <summary>The deployed forms (the form editor's list).</summary>
    public IReadOnlyList<FormDefinitionDto> Forms { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        CanDeploy = DeploymentService.MayDeploy(UserScope.From(User));
        Procedures = [.. (await deployments.DefinitionsAsync(null, ct)).GroupBy(d => d.Key).OrderBy(g => g.Key, StringComparer.Ordinal)];
        Decisions = await decisionDesign.ListAsync(ct);
        Forms = await formDesign.ListAsync(ct);
    }
}
