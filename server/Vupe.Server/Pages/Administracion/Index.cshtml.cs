using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Server.Admin;
using Vupe.Server.Hosting;

namespace Vupe.Server.Pages.Administracion;

/// <summary>The administrator's start page: the staff accounts and the tools administrators use (jobs, procedures).</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class IndexModel(UserDirectory directory) : PageModel
{
    public IReadOnlyList<UserDto> Users { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Users = await directory.ListAsync(ct);
}
