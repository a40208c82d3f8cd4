using Vupe.Server.Hosting;

namespace Vupe.Server.Operations;

/// <summary>The operations console over HTTP (supervisors in their office, administrators nationally). The work is <see cref="OperationsConsole"/>'s.</summary>
public static class OperationsEndpoints
{
    public static void MapOperationsEndpoints(this IEndpointRouteBuilder api)
    {
        var ops = api.MapGroup("/operations").WithTags("Operations").RequireAuthorization(Policies.Operate);

        ops.MapGet("/definitions", (OperationsConsole console, CancellationToken ct) => console.DefinitionsAsync(ct))
            .WithSummary("Every process definition version with its running and ended instances in the user's scope");
        ops.MapGet("/instances", (string? definitionId, string? office, string? state, string? activity, DateTimeOffset? from, DateTimeOffset? to, string? variable,
                int? page, int? pageSize, OperationsConsole console, CancellationToken ct) =>
                console.InstancesAsync(new InstanceListRequest(definitionId, office, state, activity, from, to, variable, page, pageSize), ct))
            .WithSummary("Instances of one definition: office, state (running, suspended, ended), current activity, started between, variable=value; newest first, paged");
        ops.MapGet("/instances/{id:guid}", (Guid id, OperationsConsole console, CancellationToken ct) => console.InstanceAsync(id, ct))
            .WithSummary("One instance: variables (an audited read), incidents, jobs and the elements a token may move to");
        ops.MapPost("/instances/{id:guid}/cancel", async (Guid id, ReasonRequest request, OperationsConsole console, CancellationToken ct) =>
        {
            await console.CancelAsync(id, request.Reason, ct);
            return Results.NoContent();
        }).WithSummary("Cancels a running instance; the reason is required and audited");
        ops.MapPost("/instances/{id:guid}/suspend", async (Guid id, ReasonRequest request, OperationsConsole console, CancellationToken ct) =>
        {
            await console.SuspendAsync(id, request.Reason, ct);
            return Results.NoContent();
        }).WithSummary("Suspends a running instance (jobs wait, tasks cannot be completed); the reason is required and audited");
        ops.MapPost("/instances/{id:guid}/resume", async (Guid id, ReasonRequest request, OperationsConsole console, CancellationToken ct) =>
        {
            await console.ResumeAsync(id, request.Reason, ct);
            return Results.NoContent();
        }).WithSummary("Resumes a suspended instance; the reason is required and audited");
        ops.MapPost("/instances/{id:guid}/move-token", async (Guid id, MoveTokenRequest request, OperationsConsole console, CancellationToken ct) =>
        {
            await console.MoveTokenAsync(id, request.From, request.To, request.Reason, ct);
            return Results.NoContent();
        }).WithSummary("Moves the tokens at one activity to another (the engine's move-token operation); the reason is required and audited");
        ops.MapPost("/instances/{id:guid}/variables", async (Guid id, SetVariablesRequest request, OperationsConsole console, CancellationToken ct) =>
        {
            await console.SetVariablesAsync(id, request.Variables, request.Reason, ct);
            return Results.NoContent();
        }).WithSummary("Sets process-level variables of a running instance; the reason is required and audited with old and new values");
        ops.MapGet("/incidents", (string? office, int? page, int? pageSize, OperationsConsole console, CancellationToken ct) =>
                console.IncidentsAsync(new IncidentListRequest(office, page, pageSize), ct))
            .WithSummary("Open incidents of every case in the user's scope, or of one office: error, activity, case, since when; oldest first, paged");
        ops.MapPost("/incidents/{incidentId:guid}/retry", async (Guid incidentId, ReasonRequest? request, OperationsConsole console, CancellationToken ct) =>
        {
            await console.RetryIncidentAsync(incidentId, request?.Reason, ct);
            return Results.NoContent();
        }).WithSummary("Retries the step one incident stopped (audited in its case's trail); 404 if resolved or out of scope");
        ops.MapPost("/incidents/retry", async (RetryIncidentsRequest request, OperationsConsole console, CancellationToken ct) =>
                Results.Ok(await console.RetryIncidentsAsync(request.IncidentIds, request.Reason, ct)))
            .WithSummary("Retries the selected incidents one by one; reports which were retried and why others were not");
        ops.MapGet("/jobs", (OperationsConsole console, CancellationToken ct) => console.JobsAsync(ct))
            .WithSummary("The job queue counted: the engine's timers, async steps, retries and failures, and Hangfire's queues");
    }
}
