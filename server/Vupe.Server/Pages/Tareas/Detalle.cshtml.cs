using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Engine;
using Vupe.Server.Auth;
using Vupe.Server.Cases;
using Vupe.Server.Hosting;
using Vupe.Server.Inbox;
using Vupe.Server.Problems;
using Vupe.Server.Procedures;

namespace Vupe.Server.Pages.Tareas;

/// <summary>
/// One task: its case, its form (rendered in the browser by form-js from GET /api/tasks/{id}; validated again on the
/// server when completed), its required documents with an upload form, take, and reassign (a supervisor) or delegate
/// (its holder) to a colleague of the office.
/// </summary>
[Authorize(Policy = Policies.ReadCases)]
public sealed class DetalleModel(TaskWork work, ProcedureCatalog procedures) : PageModel
{
    public TaskInfo Task { get; private set; } = null!;
    public string? Notice { get; private set; }
    public UserScope Scope => UserScope.From(User);
    public bool MayComplete { get; private set; }
    public bool MayAssign { get; private set; }
    public string ProcedureName { get; private set; } = "";
    public IReadOnlyList<(string UserName, string FullName)> Colleagues { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Task = await work.GetAsync(id, ct);
            MayComplete = await work.MayAsync(Task, TaskOperations.Complete);
            MayAssign = await work.MayAsync(Task, TaskOperations.Assign);
            if (MayAssign) Colleagues = await work.ColleaguesAsync(Task, ct);
            ProcedureName = (await procedures.NamesAsync(ct)).Of(Task.ProcessKey);
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

    /// <summary>Reassigns (a supervisor) or delegates (the holder) the task to <paramref name="asignado"/>; the API's operation, audited as <c>task.assigned</c>.</summary>
    public async Task<IActionResult> OnPostAsignarAsync(Guid id, string? asignado, CancellationToken ct)
    {
        try
        {
            var done = await work.AssignAsync(id, asignado, ct);
            TempData["aviso"] = done.Assignee is null ? "La tarea volvió a sus grupos." : $"Tarea asignada a {done.Assignee}.";
        }
        catch (FieldValidationException e)
        {
            TempData["aviso"] = string.Join(" ", e.Errors.Values.SelectMany(m => m));
        }
        catch (Exception e) when (e is ConflictException or InvalidStateException or AccessDeniedException or StateConflictException)
        {
            TempData["aviso"] = e is AccessDeniedException or StateConflictException ? e.Message : "Otro usuario cambió esta tarea; vuelva a intentarlo.";
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        return Redirect($"/tareas/{id}");
    }
}
