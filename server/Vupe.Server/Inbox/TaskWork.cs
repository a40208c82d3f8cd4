using Vupe.Engine;
using Vupe.Server.Auth;
using Vupe.Server.Cases;
using Vupe.Server.Problems;

namespace Vupe.Server.Inbox;

/// <summary>Taking and giving back tasks, with the same checks and audit entries for the API and the pages.</summary>
public sealed class TaskWork(CaseAccess access, ProcessEngine engine)
{
    public async Task<TaskInfo> ClaimAsync(Guid id, UserScope user, CancellationToken ct)
    {
        var task = await access.GetTaskInScopeAsync(id, user, ct);
        if (!IsCandidate(task, user)) throw new AccessDeniedException("La tarea no está ofrecida a sus grupos.");
        // Audited as it commits (EngineAudit), like every change made through the engine.
        return await engine.Tasks.ClaimAsync(id, user.UserName, ct);
    }

    public async Task<TaskInfo> UnclaimAsync(Guid id, UserScope user, CancellationToken ct)
    {
        var task = await access.GetTaskInScopeAsync(id, user, ct);
        if (task.Assignee != user.UserName && !user.Is(Roles.Supervisor)) throw new AccessDeniedException("Solo quien tiene la tarea o un supervisor la libera.");
        return await engine.Tasks.UnclaimAsync(id, user.UserName, ct);
    }

    public static bool IsCandidate(TaskInfo task, UserScope user) =>
        task.CandidateUsers.Contains(user.UserName)
        || task.CandidateGroups.Intersect(user.CandidateGroupsAt(task.OfficeCode)).Any()
        || (task.CandidateGroups.Count == 0 && task.CandidateUsers.Count == 0);
}
