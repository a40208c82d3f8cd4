using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Server.Deployments;
using Vupe.Server.Hosting;
using Vupe.Server.Problems;

namespace Vupe.Server.Pages.Disenador;

/// <summary>
/// Migrating running cases of a procedure from one version to another: pick the versions, map the activities that
/// changed their id, see the dry run (who can move and why not), run it, and follow its progress.
/// </summary>
[Authorize(Policy = Policies.Design)]
public sealed class MigracionModel(DeploymentService deployments, MigrationService migrations) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Clave { get; set; }
    [BindProperty] public string? Origen { get; set; }
    [BindProperty] public string? Destino { get; set; }
    /// <summary>One mapping per line: "actividadAnterior = actividadNueva".</summary>
    [BindProperty] public string? Correspondencias { get; set; }

    public IReadOnlyList<ProcessDefinitionDto> Versions { get; private set; } = [];
    public MigrationPlanDto? Plan { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Clave)) return Redirect("/disenador");
        await LoadAsync(ct);
        if (Versions.Count == 0) return NotFound();
        Origen ??= Versions.Where(v => v.RunningInstances > 0).OrderBy(v => v.Version).FirstOrDefault()?.Id ?? Versions[0].Id;
        Destino ??= Versions[^1].Id;
        return Page();
    }

    public async Task<IActionResult> OnPostSimularAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        try
        {
            Plan = await migrations.PlanAsync(Requested(), ct);
        }
        catch (Exception e) when (e is FieldValidationException or AccessDeniedException or Vupe.Engine.NotFoundException)
        {
            Error = Message(e);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostMigrarAsync(CancellationToken ct)
    {
        try
        {
            var run = await migrations.StartAsync(Requested(), ct);
            return Redirect($"/disenador/migraciones/{run.Id}");
        }
        catch (Exception e) when (e is FieldValidationException or AccessDeniedException or Vupe.Engine.NotFoundException)
        {
            await LoadAsync(ct);
            Error = Message(e);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Versions = [.. (await deployments.DefinitionsAsync(Clave, ct)).OrderBy(v => v.Version)];

    private MigrationRequest Requested() => new(Origen, Destino, [.. (Correspondencias ?? "")
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(line => line.Split('=', 2, StringSplitOptions.TrimEntries))
        .Select(parts => new MigrationMappingDto(parts[0], parts.Length > 1 ? parts[1] : ""))]);

    private static string Message(Exception e) => e is FieldValidationException v ? string.Join(" ", v.Errors.SelectMany(x => x.Value)) : e is Vupe.Engine.NotFoundException ? "La versión indicada no existe." : e.Message;
}
