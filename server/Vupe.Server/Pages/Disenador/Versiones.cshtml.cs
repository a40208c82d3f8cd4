using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Engine;
using Vupe.Server.Hosting;
using Vupe.Server.Deployments;

namespace Vupe.Server.Pages.Disenador;

/// <summary>
/// Every version of one procedure (or decision, or form: <c>?tipo=decision|formulario</c>), newest first, with who
/// deployed it and when and, for procedures, the cases on each; two procedure versions picked here are compared on
/// their diagrams (<c>?de=ID&amp;a=ID</c>).
/// </summary>
[Authorize(Policy = Policies.Design)]
public sealed class VersionesModel(VersionHistory history) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Clave { get; set; }
    [BindProperty(SupportsGet = true)] public string? Tipo { get; set; }
    [BindProperty(SupportsGet = true)] public string? De { get; set; }
    [BindProperty(SupportsGet = true)] public string? A { get; set; }

    public IReadOnlyList<VersionRow> Versions { get; private set; } = [];
    /// <summary>Null for procedures, else the resource kind (<see cref="ResourceKinds"/>).</summary>
    public string? ResourceKind { get; private set; }
    public bool IsProcess => ResourceKind is null;
    public string OfKind => ResourceKind switch { ResourceKinds.Decision => "de la decisión", ResourceKinds.Form => "del formulario", _ => "del procedimiento" };
    public string DisplayName => Versions.Count > 0 ? Versions[0].Name ?? Versions[0].Key : Clave ?? "";
    /// <summary>The two versions compared (older first), when the user asked for a comparison.</summary>
    public (VersionRow Old, VersionRow New)? Comparison { get; private set; }
    public string? Error { get; private set; }
    /// <summary>What the selects show: the compared versions, else the previous and the latest.</summary>
    public string? SelectedOld => Comparison?.Old.Id ?? (Versions.Count > 1 ? Versions[1].Id : null);
    public string? SelectedNew => Comparison?.New.Id ?? (Versions.Count > 0 ? Versions[0].Id : null);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Clave)) return NotFound();
        var key = Clave.Trim();
        switch (Tipo)
        {
            case null or "" or "proceso": break;
            case "decision": ResourceKind = ResourceKinds.Decision; break;
            case "formulario": ResourceKind = ResourceKinds.Form; break;
            default: return NotFound();
        }
        Versions = ResourceKind is null ? await history.ProcessAsync(key, ct) : await history.ResourceAsync(ResourceKind, key, ct);
        if (Versions.Count == 0) return NotFound();
        if (IsProcess && !string.IsNullOrWhiteSpace(De) && !string.IsNullOrWhiteSpace(A)) Compare(De, A);
        return Page();
    }

    private void Compare(string from, string to)
    {
        var first = Versions.FirstOrDefault(v => v.Id == from);
        var second = Versions.FirstOrDefault(v => v.Id == to);
        if (first is null || second is null) Error = "Una de las versiones elegidas no existe para este procedimiento.";
        else if (first.Id == second.Id) Error = "Elija dos versiones distintas para compararlas.";
        // Older on the left whatever order they were picked in: the markers say "added" and "removed" from old to new.
        else Comparison = first.Version < second.Version ? (first, second) : (second, first);
    }
}
