using Vupe.Engine;
using Vupe.Server.Auth;

namespace Vupe.Server.Cases;

/// <summary>
/// Regional scoping for case files: a case outside the user's offices does not exist for them
/// (404, not 403, so that existence does not leak across regions).
/// </summary>
public sealed class CaseAccess(ProcessEngine engine)
{
    public async Task<CaseFileInfo> GetInScopeAsync(Guid caseId, UserScope user, CancellationToken ct)
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
        if (!user.CanSeeOffice(caseFile.OfficeCode)) throw new NotFoundException($"Case {caseId} does not exist.");
        return caseFile;
    }

    public async Task<TaskInfo> GetTaskInScopeAsync(Guid taskId, UserScope user, CancellationToken ct)
    {
        var task = await engine.Tasks.GetAsync(taskId, ct);
        if (!user.CanSeeOffice(task.OfficeCode)) throw new NotFoundException($"Task {taskId} does not exist.");
        return task;
    }
}
