using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Server.Hosting;
using Vupe.Server.Operations;

namespace Vupe.Server.Pages.Operaciones;

/// <summary>The console's start: process definitions with their instances in the user's scope, and the job queue.</summary>
[Authorize(Policy = Policies.Operate)]
public sealed class IndexModel(OperationsConsole console) : PageModel
{
    public IReadOnlyList<OperationsDefinitionDto> Definitions { get; private set; } = [];
    public JobQueueDto Jobs { get; private set; } = new([], []);
    public bool MaySeeDashboard => console.MaySeeDashboard;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Definitions = await console.DefinitionsAsync(ct);
        Jobs = await console.JobsAsync(ct);
    }
}
