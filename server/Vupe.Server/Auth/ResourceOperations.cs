using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Vupe.Engine;

namespace Vupe.Server.Auth;

/// <summary>What a user may do to a case file, decided by <see cref="CaseAuthorizationHandler"/>.</summary>
public static class CaseOperations
{
    public static readonly OperationAuthorizationRequirement Read = new() { Name = "case.read" };
    /// <summary>Open, upload, retry an incident: those who serve citizens.</summary>
    public static readonly OperationAuthorizationRequirement Work = new() { Name = "case.work" };
    /// <summary>The audit trail, its verification and exports.</summary>
    public static readonly OperationAuthorizationRequirement Audit = new() { Name = "case.audit" };
    public static readonly OperationAuthorizationRequirement Supervise = new() { Name = "case.supervise" };
    /// <summary>The operations console's interventions (cancel, suspend, resume, move a token, set variables, retry): supervisors and administrators.</summary>
    public static readonly OperationAuthorizationRequirement Operate = new() { Name = "case.operate" };
    /// <summary>Place and lift legal and ARCO holds: supervisors and auditors, who answer for the records.</summary>
    public static readonly OperationAuthorizationRequirement Hold = new() { Name = "case.hold" };
}

/// <summary>What a user may do to a task, decided by <see cref="TaskAuthorizationHandler"/>.</summary>
public static class TaskOperations
{
    public static readonly OperationAuthorizationRequirement Read = new() { Name = "task.read" };
    public static readonly OperationAuthorizationRequirement Claim = new() { Name = "task.claim" };
    public static readonly OperationAuthorizationRequirement Release = new() { Name = "task.release" };
    public static readonly OperationAuthorizationRequirement Assign = new() { Name = "task.assign" };
    public static readonly OperationAuthorizationRequirement Complete = new() { Name = "task.complete" };
}

/// <summary>Why an operation was refused; <see cref="Cases.CaseAccess"/> turns it into 404, 403 or 409.</summary>
public enum AccessRefusal
{
    /// <summary>Another region's case or task: it does not exist for this user (404, so existence does not leak).</summary>
    OutOfScope,
    /// <summary>The user's role or relation to the task does not allow it (403).</summary>
    Forbidden,
    /// <summary>Someone else holds the task (409).</summary>
    HeldByAnother,
}

/// <summary>A refusal with its kind and a Spanish message for the user.</summary>
public sealed class AccessFailure(IAuthorizationHandler handler, AccessRefusal refusal, string message) : AuthorizationFailureReason(handler, message)
{
    public AccessRefusal Refusal { get; } = refusal;
}

/// <summary>
/// Regional scope and roles for case files, in one place for the API and the pages: a case of another office does
/// not exist for the user; reading is for those who serve or audit cases, working on it for consultants and
/// supervisors, its audit trail for auditors and supervisors.
/// </summary>
public sealed class CaseAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement, CaseFileInfo>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, CaseFileInfo caseFile)
    {
        var user = UserScope.From(context.User);
        if (!user.CanSeeOffice(caseFile.OfficeCode))
            context.Fail(new AccessFailure(this, AccessRefusal.OutOfScope, "El expediente no existe."));
        else if (Allowed(user, requirement))
            context.Succeed(requirement);
        else
            context.Fail(new AccessFailure(this, AccessRefusal.Forbidden, "Su rol no permite esta acción en el expediente."));
        return Task.CompletedTask;
    }

    internal static bool Allowed(UserScope user, OperationAuthorizationRequirement requirement) => requirement.Name switch
    {
        "case.read" => user.CanReadCases,
        "case.work" => user.CanWorkCases,
        "case.audit" => user.Is(Roles.Auditor) || user.Is(Roles.Supervisor),
        "case.supervise" => user.Is(Roles.Supervisor),
        "case.operate" => user.Is(Roles.Supervisor) || user.Is(Roles.Admin),
        "case.hold" => user.Is(Roles.Supervisor) || user.Is(Roles.Auditor),
        _ => false,
    };
}

/// <summary>
/// Scope, roles and the user's relation to a task: claimed by a candidate (a group of theirs, or them by name, or
/// anyone when the task names no candidate), released by its holder or a supervisor, assigned by a supervisor (or delegated by its holder),
/// completed by its holder (or by a supervisor while no one holds it).
/// </summary>
public sealed class TaskAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement, TaskInfo>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, TaskInfo task)
    {
        var user = UserScope.From(context.User);
        var refusal = Refuse(user, requirement, task);
        if (refusal is null) context.Succeed(requirement);
        else context.Fail(new AccessFailure(this, refusal.Value.Refusal, refusal.Value.Message));
        return Task.CompletedTask;
    }

    private static (AccessRefusal Refusal, string Message)? Refuse(UserScope user, OperationAuthorizationRequirement requirement, TaskInfo task)
    {
        if (!user.CanSeeOffice(task.OfficeCode)) return (AccessRefusal.OutOfScope, "La tarea no existe.");
        switch (requirement.Name)
        {
            case "task.read":
                return user.CanReadCases ? null : (AccessRefusal.Forbidden, "Su rol no permite ver tareas.");
            case "task.claim":
                if (!user.CanWorkCases) return (AccessRefusal.Forbidden, "Su rol no permite tomar tareas.");
                return IsCandidate(task, user) ? null : (AccessRefusal.Forbidden, "La tarea no está ofrecida a sus grupos.");
            case "task.release":
                if (!user.CanWorkCases) return (AccessRefusal.Forbidden, "Su rol no permite liberar tareas.");
                return task.Assignee == user.UserName || user.Is(Roles.Supervisor) ? null : (AccessRefusal.Forbidden, "Solo quien tiene la tarea o un supervisor la libera.");
            case "task.assign":
                // A supervisor reassigns any task of the office; a consultant delegates only the task they hold.
                if (user.Is(Roles.Supervisor) || (user.CanWorkCases && task.Assignee == user.UserName)) return null;
                return (AccessRefusal.Forbidden, "Solo un supervisor reasigna tareas; un consultor delega solo la tarea que tiene.");
            case "task.complete":
                if (!user.CanWorkCases) return (AccessRefusal.Forbidden, "Su rol no permite completar tareas.");
                if (task.Assignee == user.UserName || (user.Is(Roles.Supervisor) && task.Assignee is null)) return null;
                return task.Assignee is null
                    ? (AccessRefusal.Forbidden, "Tome la tarea antes de completarla.")
                    : (AccessRefusal.HeldByAnother, $"La tarea la tiene {task.Assignee}.");
            default:
                return (AccessRefusal.Forbidden, "Operación desconocida.");
        }
    }

    public static bool IsCandidate(TaskInfo task, UserScope user) =>
        task.CandidateUsers.Contains(user.UserName)
        || task.CandidateGroups.Intersect(user.CandidateGroupsAt(task.OfficeCode)).Any()
        || (task.CandidateGroups.Count == 0 && task.CandidateUsers.Count == 0);
}
