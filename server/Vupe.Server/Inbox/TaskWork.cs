using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vupe.Engine;
using Vupe.Forms;
using Vupe.Server.Audit;
using Vupe.Server.Auth;
using Vupe.Server.Cases;
using Vupe.Server.Documents;
using Vupe.Server.Hosting;
using Vupe.Server.Problems;
using Vupe.Server.Procedures;

namespace Vupe.Server.Inbox;

/// <summary>
/// Working on a task, for the API and the pages alike: read it (with its form, the variables the form sees and the
/// documents it needs), take it, give it back, delegate it, complete it. Who may do what is decided by
/// <see cref="TaskAuthorizationHandler"/> through <see cref="CaseAccess"/>; changes are audited as the engine commits
/// them (<see cref="EngineAudit"/>).
/// </summary>
public sealed class TaskWork(CaseAccess access, ProcessEngine engine, AuditLog audit, FormCatalog forms, TaskDocumentRequirements requirements,
    DocumentLibrary documents, UserManager<VupeUser> users, TimeProvider time, IOptions<ServerOptions> options)
{
    public async Task<TaskInfo> GetAsync(Guid id, CancellationToken ct) => await access.GetTaskAsync(id, TaskOperations.Read, ct);

    /// <summary>Whether the user may do the operation on the task (which buttons a page shows); the operation itself checks again.</summary>
    public Task<bool> MayAsync(TaskInfo task, Microsoft.AspNetCore.Authorization.Infrastructure.OperationAuthorizationRequirement operation) =>
        access.MayAsync(task, operation);

    /// <summary>The task as its form opens it: the variables it sees, its form-js schema, the documents it needs. A read of the case, audited.</summary>
    public async Task<TaskDetailDto> DetailAsync(Guid id, CancellationToken ct)
    {
        var (task, form, variables, definitionId) = await WorkAsync(id, TaskOperations.Read, ct);
        var required = await requirements.ForElementAsync(definitionId, task.ElementId, ct);
        var present = required.Count > 0 ? await documents.KindsPresentAsync(task.CaseId, ct) : [];
        await audit.AppendAsync(AuditTrails.ForCase(task.CaseId), "task.read", new { taskId = id, task = task.Name }, ct);
        return new TaskDetailDto(TaskDto.From(task, time.GetUtcNow(), options.Value.DueSoonWindow), variables, forms.FindJson(form),
            [.. required.Select(k => new RequiredDocumentDto(k.Code, k.Name, present.Contains(k.Code)))]);
    }

    public async Task<TaskInfo> ClaimAsync(Guid id, CancellationToken ct)
    {
        await access.GetTaskAsync(id, TaskOperations.Claim, ct);
        return await engine.Tasks.ClaimAsync(id, access.Scope.UserName, ct);
    }

    public async Task<TaskInfo> UnclaimAsync(Guid id, CancellationToken ct)
    {
        await access.GetTaskAsync(id, TaskOperations.Release, ct);
        return await engine.Tasks.UnclaimAsync(id, access.Scope.UserName, ct);
    }

    /// <summary>
    /// Reassigns the task to a consultant or supervisor of its office (a supervisor of the office, any task of it), or
    /// delegates it to a colleague (a consultant, the task they hold); no one takes it back to its groups (supervisors).
    /// Audited as the engine commits it (<c>task.assigned</c>).
    /// </summary>
    public async Task<TaskInfo> AssignAsync(Guid id, string? assignee, CancellationToken ct)
    {
        var task = await access.GetTaskAsync(id, TaskOperations.Assign, ct);
        string? target = null;
        if (string.IsNullOrWhiteSpace(assignee))
        {
            if (!access.Scope.Is(Roles.Supervisor)) new FieldErrors().Add("assignee", "Indique a qué colega delega la tarea.").ThrowIfAny();
        }
        else
        {
            var user = await users.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == assignee.Trim(), ct);
            if (user is null || user.OfficeCode != task.OfficeCode || !(await users.GetRolesAsync(user)).Any(r => r is Roles.Consultant or Roles.Supervisor))
                new FieldErrors().Add("assignee", "El usuario no existe o no atiende en la oficina de la tarea.").ThrowIfAny();
            target = user!.UserName;
        }
        return await engine.Tasks.AssignAsync(id, target, access.Scope.UserName, ct);
    }

    /// <summary>Who the task can be given to: the consultants and supervisors of its office but its holder, by name.</summary>
    public async Task<IReadOnlyList<(string UserName, string FullName)>> ColleaguesAsync(TaskInfo task, CancellationToken ct)
    {
        var staff = (await users.GetUsersInRoleAsync(Roles.Consultant)).Concat(await users.GetUsersInRoleAsync(Roles.Supervisor));
        return [.. staff.Where(u => u.OfficeCode == task.OfficeCode && u.UserName is not null && u.UserName != task.Assignee)
            .DistinctBy(u => u.UserName).OrderBy(u => u.FullName, StringComparer.Ordinal).Select(u => (u.UserName!, u.FullName))];
    }

    /// <summary>
    /// Completes the task with its form's data: only what the form defines reaches the process, typed and checked as
    /// the form says (<see cref="FormRejectedException"/> otherwise), and the documents the step requires must be in
    /// the case. With <paramref name="version"/>, a task changed since it was read is a 409.
    /// </summary>
    public async Task CompleteAsync(Guid id, IReadOnlyDictionary<string, System.Text.Json.JsonElement>? data, long? version, CancellationToken ct)
    {
        var (task, form, taskVariables, definitionId) = await WorkAsync(id, TaskOperations.Complete, ct);
        var schema = forms.FindSchema(form);
        // A submission without its answers is a mistake, not "no answers": completing would drop what the step decides
        // (all of "Confirmar derivaciones"' referrals). An empty object is an explicit answer, checked by the form.
        if (schema is not null && data is null)
            throw new FieldValidationException(new Dictionary<string, string[]> { ["data"] = ["Envíe las respuestas del formulario de la tarea."] },
                "Faltan los datos del formulario («data»); la tarea no se completó.");
        ReservedVariables.ThrowIfAny("data", data?.Keys, schema is null ? null : FormKeys(schema));
        var variables = JsonVariables.ToVariables(data);
        if (schema is not null)
        {
            var validation = schema.Validate(variables, new FormValidationOptions { Variables = taskVariables });
            if (!validation.IsValid) throw new FormRejectedException(validation);
            variables = new Dictionary<string, object?>(validation.Data);
        }
        if (await requirements.ForElementAsync(definitionId, task.ElementId, ct) is { Count: > 0 } required)
        {
            var present = await documents.KindsPresentAsync(task.CaseId, ct);
            var missing = required.Where(k => !present.Contains(k.Code)).ToList();
            if (missing.Count > 0)
                new FieldErrors().Add("documentos", $"Faltan documentos requeridos en el expediente: {string.Join(", ", missing.Select(k => k.Name))}.").ThrowIfAny();
        }
        await engine.Tasks.CompleteAsync(id, variables, access.Scope.UserName, version, ct);
    }

    /// <summary>The task, its form, the variables the form sees and its definition, in one read; the user must be allowed <paramref name="operation"/>.</summary>
    private async Task<TaskWorkInfo> WorkAsync(Guid id, OperationAuthorizationRequirement operation, CancellationToken ct)
    {
        var work = await engine.Tasks.GetWorkAsync(id, ct);
        await access.EnsureAllowedAsync(work.Task, operation);
        return work;
    }

    /// <summary>The top-level variables a form writes: its fields' keys and its groups' paths (first segment).</summary>
    private static HashSet<string> FormKeys(FormSchema schema)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        void Walk(IEnumerable<FormComponent> components)
        {
            foreach (var c in components)
            {
                if ((c.Path ?? c.Key) is { Length: > 0 } name) keys.Add(name.Split('.')[0]);
                else Walk(c.Components);
            }
        }
        Walk(schema.Components);
        return keys;
    }
}
