using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Engine;
using Vupe.Server.Auth;
using Vupe.Server.Cases;
using Vupe.Server.Hosting;
using Vupe.Server.Inbox;
using Vupe.Server.Problems;

namespace Vupe.Server.Pages.Tareas;

/// <summary>
/// One task: its case, its form (rendered in the browser by form-js from GET /api/tasks/{id}; validated again on the
/// server when completed), its required documents with an upload form, and take / give back.
/// </summary>
[Authorize(Policy = Policies.ReadCases)]
public sealed class DetalleModel(TaskWork work) : PageModel
{
    public TaskInfo Task { get; private set; } = null!;
    public string? Notice { get; private set; }
    public UserScope Scope => UserScope.From(User);
    public bool MayComplete { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Task = await work.GetAsync(id, ct);
            MayComplete = await work.MayAsync(Task, TaskOperations.Complete);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        Notice = TempData["aviso"] as string;
        return Page();
    }

    public async Task<IActionResult> OnPostTomarAsync(Guid id, CancellationToken ct)
    {
        try
        {
            await work.ClaimAsync(id, ct);
        }
        catch (Exception e) when (e is ConflictException or InvalidStateException or AccessDeniedException or StateConflictException)
        {
            TempData["aviso"] = e is AccessDeniedException or StateConflictException ? e.Message : "Otro usuario tomó esta tarea.";
        }
        return Redirect($"/tareas/{id}");
    }
}
