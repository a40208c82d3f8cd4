using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vupe.Engine;
using Vupe.Engine.Persistence;
using Vupe.Forms;
using Vupe.Server.Audit;
using Vupe.Server.Auth;
using Vupe.Server.Documents;
using Vupe.Server.Cases;
using Vupe.Server.Hosting;
using Vupe.Server.Problems;
using Vupe.Server.Procedures;

namespace Vupe.Server.Inbox;

/// <summary>
/// The consultant inbox: tasks of the user's office offered to their groups or held by them, with
/// SLA state; claim, unclaim, assign (supervisor) and complete. Races answer 409.
/// </summary>
public static class TaskEndpoints
{
    public const int MaxPageSize = 200;

    public static void MapTaskEndpoints(this IEndpointRouteBuilder api)
    {
        var tasks = api.MapGroup("/tasks").WithTags("Inbox").RequireAuthorization(Policies.ReadCases);

        tasks.MapGet("/", QueryAsync).WithSummary("The inbox: view=mine|available|office, SLA, procedure, case and minimum priority filters, sorting, paging");

        tasks.MapGet("/{id:guid}", async (Guid id, CaseAccess access, ProcessEngine engine, FormCatalog forms, AuditLog audit, TimeProvider time,
            TaskDocumentRequirements requirements, DocumentLibrary documents, IOptions<ServerOptions> options, HttpContext http, CancellationToken ct) =>
        {
            var task = await access.GetTaskInScopeAsync(id, UserScope.From(http.User), ct);
            var variables = await engine.Tasks.GetVariablesAsync(id, ct);
            var required = await requirements.ForTaskAsync(task, ct);
            var present = required.Count > 0 ? await documents.KindsPresentAsync(task.CaseId, ct) : [];
            await audit.AppendAsync(AuditTrails.ForCase(task.CaseId), "task.read", new { taskId = id, task = task.Name }, ct);
            return new TaskDetailDto(TaskDto.From(task, time.GetUtcNow(), options.Value.DueSoonWindow), variables, forms.FindJson(task.FormKey),
                [.. required.Select(k => new RequiredDocumentDto(k.Code, k.Name, present.Contains(k.Code)))]);
        }).WithSummary("A task with the variables its form sees and its form-js schema");

        tasks.MapPost("/{id:guid}/claim", async (Guid id, TaskWork work, TimeProvider time, IOptions<ServerOptions> options, HttpContext http, CancellationToken ct) =>
            Results.Ok(TaskDto.From(await work.ClaimAsync(id, UserScope.From(http.User), ct), time.GetUtcNow(), options.Value.DueSoonWindow)))
            .RequireAuthorization(Policies.WorkCases).WithSummary("Takes the task; 409 when someone else holds it");

        tasks.MapPost("/{id:guid}/unclaim", async (Guid id, TaskWork work, TimeProvider time, IOptions<ServerOptions> options, HttpContext http, CancellationToken ct) =>
            Results.Ok(TaskDto.From(await work.UnclaimAsync(id, UserScope.From(http.User), ct), time.GetUtcNow(), options.Value.DueSoonWindow)))
            .RequireAuthorization(Policies.WorkCases).WithSummary("Gives the task back to its groups");

        tasks.MapPost("/{id:guid}/assign", async (Guid id, AssignTaskRequest request, CaseAccess access, ProcessEngine engine, AuditLog audit,
            UserManager<VupeUser> users, TimeProvider time, IOptions<ServerOptions> options, HttpContext http, CancellationToken ct) =>
        {
            var user = UserScope.From(http.User);
            var task = await access.GetTaskInScopeAsync(id, user, ct);
            string? assignee = null;
            if (!string.IsNullOrWhiteSpace(request.Assignee))
            {
                var target = await users.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == request.Assignee.Trim(), ct);
                if (target is null || target.OfficeCode != task.OfficeCode || !(await users.GetRolesAsync(target)).Any(r => r is Roles.Consultant or Roles.Supervisor))
                    return new FieldErrors().Add("assignee", "El usuario no existe o no atiende en la oficina de la tarea.").ToResult();
                assignee = target.UserName;
            }
            var assigned = await engine.Tasks.AssignAsync(id, assignee, user.UserName, ct);
            return Results.Ok(TaskDto.From(assigned, time.GetUtcNow(), options.Value.DueSoonWindow));
        }).RequireAuthorization(Policies.Supervise).WithSummary("Delegates the task to a consultant of its office (supervisor)");

        tasks.MapPost("/{id:guid}/complete", async (Guid id, CompleteTaskRequest request, CaseAccess access, ProcessEngine engine, AuditLog audit,
            FormCatalog forms, TaskDocumentRequirements requirements, DocumentLibrary documents, HttpContext http, CancellationToken ct) =>
        {
            var user = UserScope.From(http.User);
            var task = await access.GetTaskInScopeAsync(id, user, ct);
            if (task.Assignee != user.UserName && !(user.Is(Roles.Supervisor) && task.Assignee is null))
                return task.Assignee is null ? Forbidden("Tome la tarea antes de completarla.") : Conflict($"La tarea la tiene {task.Assignee}.");
            var variables = JsonVariables.ToVariables(request.Data);
            if (forms.FindSchema(task.FormKey) is { } schema)
            {
                // Only what the form defines reaches the process, typed and checked as the form says.
                var validation = schema.Validate(variables, new FormValidationOptions { Variables = await engine.Tasks.GetVariablesAsync(id, ct) });
                if (!validation.IsValid) return FormProblem(validation);
                variables = new Dictionary<string, object?>(validation.Data);
            }
            if (await requirements.ForTaskAsync(task, ct) is { Count: > 0 } required)
            {
                var present = await documents.KindsPresentAsync(task.CaseId, ct);
                var missing = required.Where(k => !present.Contains(k.Code)).ToList();
                if (missing.Count > 0)
                    return new FieldErrors().Add("documentos", $"Faltan documentos requeridos en el expediente: {string.Join(", ", missing.Select(k => k.Name))}.").ToResult();
            }
            await engine.Tasks.CompleteAsync(id, variables, user.UserName, request.Version, ct);
            return Results.NoContent();
        }).RequireAuthorization(Policies.WorkCases).WithSummary("Completes the task with its form data; 409 if it changed since read (send version)");
    }

    private static async Task<IResult> QueryAsync(string? view, string? procedure, string? sla, int? minPriority, Guid? caseId, string? sort, bool? desc, int? page,
        int? pageSize, ProcessEngine engine, TimeProvider time, IOptions<ServerOptions> options, HttpContext http, CancellationToken ct)
    {
        var user = UserScope.From(http.User);
        var errors = new FieldErrors();
        var (number, size) = errors.Paging(page, pageSize, MaxPageSize);
        var inboxView = errors.Choice<InboxView>("view", view);
        var slaState = errors.Choice<SlaState>("sla", sla);
        var inboxSort = errors.Choice<InboxSort>("sort", sort);
        if (minPriority is < 0 or > 100) errors.Add("minPriority", "Entre 0 y 100.");
        if (errors.Any) return errors.ToResult();
        var now = time.GetUtcNow();
        var window = options.Value.DueSoonWindow;
        // A case's tasks, still within the user's offices: a case of another region answers an empty page, as it would unfiltered.
        var filter = InboxQuery.Build(user, inboxView ?? InboxView.Mine, procedure, slaState, inboxSort, desc, number, size, now, window) with { MinPriority = minPriority, CaseId = caseId };
        var result = await InboxQuery.RunAsync(engine, filter, options.Value.InboxCountLimit, ct);
        return Results.Ok(new TaskPageDto([.. result.Items.Select(t => TaskDto.From(t, now, window))], result.Total, result.TotalIsCapped, number, size));
    }

    /// <summary>400 with the messages per field path, and the form-js component ids so the viewer can show each next to its field.</summary>
    private static IResult FormProblem(FormValidationResult validation) => Results.ValidationProblem(
        validation.Errors.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
        title: "El formulario tiene errores.",
        extensions: new Dictionary<string, object?>
        {
            ["fieldErrors"] = validation.Errors.Select(e => new { path = e.Path, code = e.Code, message = e.Message, componentId = e.ComponentId, indexes = e.Indexes }).ToList(),
        });

    private static IResult Forbidden(string title) => Results.Problem(title: title, statusCode: StatusCodes.Status403Forbidden);

    private static IResult Conflict(string title) => Results.Problem(title: title, statusCode: StatusCodes.Status409Conflict);
}
