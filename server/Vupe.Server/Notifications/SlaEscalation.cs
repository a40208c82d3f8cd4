using Vupe.Engine;
using Vupe.Engine.Persistence;
using Vupe.Server.Audit;
using Vupe.Server.Pages;
using Vupe.Workflows;

namespace Vupe.Server.Notifications;

/// <summary>
/// Opens the supervisors' escalation case for an overdue task: a child case of the task's case running
/// <see cref="VupeProcesses.TaskEscalation"/>, whose task is offered to "{office}-supervisor", so it shows in their
/// inbox like any other work. The business key is the task's id: a retry finds the case a failed attempt opened
/// instead of opening a second one.
/// </summary>
internal sealed class SlaEscalation(ProcessEngine engine, NotificationLinks links)
{
    public async Task<CaseFileInfo> OpenAsync(TaskInfo task, string procedure, string? holder, CancellationToken ct)
    {
        if (await FindAsync(task, ct) is { } existing) return existing;
        // Acting as the system: EngineAudit writes "case.opened" to the new case's trail in the same commit.
        using var _ = ProcessEngine.ActAs(AuditActor.System);
        var instance = await engine.Runtime.StartProcessAsync(new StartProcessRequest
        {
            ProcessKey = VupeProcesses.TaskEscalation,
            OfficeCode = task.OfficeCode,
            ParentCaseId = task.CaseId, // the subject (the citizen or company) is the parent's
            BusinessKey = task.Id.ToString(),
            // Case titles carry no personal data; the task's name and case number are none.
            Title = $"Tarea vencida: {SlaMails.Name(task)} ({task.CaseNumber})",
            Variables = new Dictionary<string, object?>
            {
                ["tareaId"] = task.Id.ToString(),
                ["tareaNombre"] = SlaMails.Name(task),
                ["expedienteOrigen"] = task.CaseNumber,
                ["expedienteOrigenId"] = task.CaseId.ToString(),
                ["procedimientoOrigen"] = procedure,
                ["responsable"] = holder ?? "nadie la ha tomado",
                ["venceEl"] = LimaTime.Format(task.DueAt),
                ["enlaceTarea"] = links.Task(task.Id),
            },
        }, ct);
        return await engine.Cases.GetAsync(instance.CaseId, ct);
    }

    private async Task<CaseFileInfo?> FindAsync(TaskInfo task, CancellationToken ct)
    {
        var children = await engine.Cases.QueryAsync(new CaseFilter { ParentCaseId = task.CaseId, ProcessKey = VupeProcesses.TaskEscalation }, ct);
        foreach (var child in children)
        {
            var instances = await engine.Runtime.ListInstancesAsync(child.Id, ct);
            if (instances.Any(i => i.BusinessKey == task.Id.ToString())) return child;
        }
        return null;
    }
}
