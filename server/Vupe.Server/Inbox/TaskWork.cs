using Vupe.Engine;
using Vupe.Server.Audit;
using Vupe.Server.Auth;
using Vupe.Server.Cases;
using Vupe.Server.Problems;

namespace Vupe.Server.Inbox;

/// <summary>Taking and giving back tasks, with the same checks and audit entries for the API and the pages.</summary>
public sealed class TaskWork(CaseAccess access, ProcessEngine engine, AuditLog audit)
{
    public async Task<TaskInfo> ClaimAsync(Guid id, UserScope user, CancellationToken ct)
    {
        var task = await access.GetTaskInScopeAsync(id, user, ct);
        if (!IsCandidate(task, user)) throw new AccessDeniedException("La tarea no está ofrecida a sus grupos.");
        var claimed = await engine.Tasks.ClaimAsync(id, user.UserName, ct);
        await audit.AppendAsync(AuditTrails.ForCase(task.CaseId), "task.claimed", new { taskId = id, task = task.Name, before = task.Assignee, after = claimed.Assignee }, ct);
        return claimed;
    }

    public async Task<TaskInfo> UnclaimAsync(Guid id, UserScope user, CancellationToken ct)
    {
        var task = await access.GetTaskInScopeAsync(id, user, ct);
        if (task.Assignee != user.UserName && !user.Is(Roles.Supervisor)) throw new AccessDeniedException("Solo quien tiene la tarea o un supervisor la libera.");
        var released = await engine.Tasks.UnclaimAsync(id, user.UserName, ct);
        await audit.AppendAsync(AuditTrails.ForCase(task.CaseId), "task.unclaimed", new { taskId = id, task = task.Name, before = task.Assignee }, ct);
        return released;
    }

    public static bool IsCandidate(TaskInfo task, UserScope user) =>
        task.CandidateUsers.Contains(user.UserName)
        || task.CandidateGroups.Intersect(user.CandidateGroupsAt(task.OfficeCode)).Any()
        || (task.CandidateGroups.Count == 0 && task.CandidateUsers.Count == 0);
}
