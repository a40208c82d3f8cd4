using Microsoft.Extensions.Options;
using Vupe.Server.Auth;
using Vupe.Server.Hosting;
using Vupe.Server.Problems;

namespace Vupe.Server.Inbox;

/// <summary>
/// The consultant inbox over HTTP: tasks of the user's office offered to their groups or held by them, with SLA
/// state; claim, unclaim, assign (supervisor) and complete. The work is <see cref="InboxService"/>'s and
/// <see cref="TaskWork"/>'s, which the pages call too. Races answer 409.
/// </summary>
public static class TaskEndpoints
{
    public const int MaxPageSize = 200;

    public static void MapTaskEndpoints(this IEndpointRouteBuilder api)
    {
        var tasks = api.MapGroup("/tasks").WithTags("Inbox").RequireAuthorization(Policies.ReadCases);

        tasks.MapGet("/", QueryAsync)
            .WithSummary("The inbox: view=mine|available|office; filters by procedure, SLA, case, citizen document, service, due date and minimum priority; sorting, paging");

        tasks.MapGet("/{id:guid}", (Guid id, TaskWork work, CancellationToken ct) => work.DetailAsync(id, ct))
            .WithSummary("A task with the variables its form sees and its form-js schema");

        tasks.MapPost("/{id:guid}/claim", async (Guid id, TaskWork work, TimeProvider time, IOptions<ServerOptions> options, CancellationToken ct) =>
            Results.Ok(TaskDto.From(await work.ClaimAsync(id, ct), time.GetUtcNow(), options.Value.DueSoonWindow)))
            .RequireAuthorization(Policies.WorkCases).WithSummary("Takes the task; 409 when someone else holds it. Answers the task with the version completing it needs");

        tasks.MapPost("/{id:guid}/unclaim", async (Guid id, TaskWork work, TimeProvider time, IOptions<ServerOptions> options, CancellationToken ct) =>
            Results.Ok(TaskDto.From(await work.UnclaimAsync(id, ct), time.GetUtcNow(), options.Value.DueSoonWindow)))
            .RequireAuthorization(Policies.WorkCases).WithSummary("Gives the task back to its groups");

        tasks.MapPost("/{id:guid}/assign", async (Guid id, AssignTaskRequest request, TaskWork work, TimeProvider time, IOptions<ServerOptions> options, CancellationToken ct) =>
            Results.Ok(TaskDto.From(await work.AssignAsync(id, request.Assignee, ct), time.GetUtcNow(), options.Value.DueSoonWindow)))
            .RequireAuthorization(Policies.WorkCases).WithSummary("Reassigns the task to a consultant of its office (supervisor) or delegates it to a colleague (its holder)");

        tasks.MapPost("/{id:guid}/complete", async (Guid id, CompleteTaskRequest request, TaskWork work, CancellationToken ct) =>
        {
            await work.CompleteAsync(id, request.Data, request.Version, ct);
            return Results.NoContent();
        }).RequireAuthorization(Policies.WorkCases).WithSummary("Completes the task with its form data; 409 if it changed since read (send version)");
    }

    private static async Task<IResult> QueryAsync(string? view, string? procedure, string? sla, int? minPriority, Guid? caseId, string? document, string? service,
        DateOnly? dueBy, string? sort, bool? desc, int? page, int? pageSize, InboxService inbox, HttpContext http, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var (number, size) = errors.Paging(page, pageSize, MaxPageSize);
        var request = new InboxRequest
        {
            View = errors.Choice<InboxView>("view", view) ?? InboxView.Mine, Procedure = procedure, Sla = errors.Choice<SlaState>("sla", sla),
            MinPriority = minPriority, CaseId = caseId, Document = document, Service = service, DueOnOrBefore = dueBy,
            Sort = errors.Choice<InboxSort>("sort", sort), Descending = desc, Page = number, PageSize = size,
        };
        if (minPriority is < 0 or > 100) errors.Add("minPriority", "Entre 0 y 100.");
        if (errors.Any) return errors.ToResult();
        var (items, total, capped) = await inbox.QueryAsync(UserScope.From(http.User), request, ct);
        return Results.Ok(new TaskPageDto(items, total, capped, number, size));
    }
}
