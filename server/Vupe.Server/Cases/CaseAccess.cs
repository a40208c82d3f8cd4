using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Vupe.Engine;
using Vupe.Server.Auth;
using Vupe.Server.Problems;

namespace Vupe.Server.Cases;

/// <summary>
/// Finds a case or a task for the signed-in user and asks the resource-based handlers
/// (<see cref="CaseAuthorizationHandler"/>, <see cref="TaskAuthorizationHandler"/>) whether they may do the
/// operation: another region's case or task is a 404 (its existence does not leak), a refusal by role or relation a
/// 403, a task someone else holds a 409. Every application service goes through here, so the API and the pages
/// decide alike.
/// </summary>
public sealed class CaseAccess(ProcessEngine engine, IAuthorizationService authorization, IHttpContextAccessor http)
{
    private ClaimsPrincipal User => http.HttpContext?.User ?? throw new InvalidOperationException("Case access is decided for the user of a request.");

    public UserScope Scope => UserScope.From(User);

    public async Task<CaseFileInfo> GetCaseAsync(Guid caseId, OperationAuthorizationRequirement operation, CancellationToken ct)
    {
        CaseFileInfo caseFile;
        try
        {
            caseFile = await engine.Cases.GetAsync(caseId, ct);
        }
        catch (NotFoundException)
        {
            throw new NotFoundException($"Case {caseId} does not exist.");
        }
        await EnsureAllowedAsync(caseFile, operation);
        return caseFile;
    }

    /// <summary>A case already read: refused as <see cref="GetCaseAsync"/> refuses it (another region's case does not exist for the user).</summary>
    public Task EnsureAllowedAsync(CaseFileInfo caseFile, OperationAuthorizationRequirement operation) =>
        EnsureAsync(caseFile, operation, $"Case {caseFile.Id} does not exist.");

    public async Task<TaskInfo> GetTaskAsync(Guid taskId, OperationAuthorizationRequirement operation, CancellationToken ct)
    {
        var task = await engine.Tasks.GetAsync(taskId, ct);
        await EnsureAllowedAsync(task, operation);
        return task;
    }

    /// <summary>A task already read: refused as <see cref="GetTaskAsync"/> refuses it (a task the user may not see does not exist for them).</summary>
    public Task EnsureAllowedAsync(TaskInfo task, OperationAuthorizationRequirement operation) =>
        EnsureAsync(task, operation, $"Task {task.Id} does not exist.");

    /// <summary>Whether the user may do the operation on a resource already read (a page deciding which buttons to show).</summary>
    public async Task<bool> MayAsync(object resource, OperationAuthorizationRequirement operation) =>
        (await authorization.AuthorizeAsync(User, resource, operation)).Succeeded;

    private async Task EnsureAsync(object resource, OperationAuthorizationRequirement operation, string notFound)
    {
        var result = await authorization.AuthorizeAsync(User, resource, operation);
        if (result.Succeeded) return;
        var failure = result.Failure?.FailureReasons.OfType<AccessFailure>().FirstOrDefault();
        throw failure?.Refusal switch
        {
            AccessRefusal.HeldByAnother => new StateConflictException(failure.Message),
            AccessRefusal.Forbidden => new AccessDeniedException(failure.Message),
            _ => new NotFoundException(notFound),
        };
    }
}
