using System.Text.Json;
using Vupe.Engine.Model;
using Vupe.Engine.Persistence;

namespace Vupe.Engine.Runtime;

/// <summary>Collects the history rows of a command; they are written in the same transaction as the step they describe.</summary>
internal sealed class HistoryWriter(HistoryLevel level)
{
    private readonly List<HistoryEventRecord> _events = [];

    public bool RecordsVariables => level == HistoryLevel.Full;

    public void Add(CommandContext ctx, InstanceContext instance, string eventType, Execution? execution = null, BaseElement? element = null, object? details = null)
    {
        if (level == HistoryLevel.None) return;
        // An element that starts and completes with nothing in between (a gateway, an event, a
        // task done inline) is one row: ElementCompleted without an ElementStarted before it.
        if (eventType == HistoryEventTypes.ElementCompleted && details is null && _events.Count > 0
            && _events[^1] is { EventType: HistoryEventTypes.ElementStarted, PendingDetails: null } last
            && last.InstanceId == instance.Id && last.ExecutionId == execution?.Id && last.ElementId == (element?.Id ?? execution?.ElementId))
        {
            last.EventType = HistoryEventTypes.ElementCompleted;
            return;
        }
        _events.Add(new HistoryEventRecord
        {
            InstanceId = instance.Id,
            CaseId = instance.Case.Id,
            Timestamp = ctx.Now,
            EventType = eventType,
            ElementId = element?.Id ?? execution?.ElementId,
            ElementType = element?.ElementType,
            ElementName = element?.Name,
            ExecutionId = execution?.Id,
            UserId = ctx.UserId,
            Details = details as string,
            PendingDetails = details is string ? null : details,
        });
    }

    public void AddForTask(CommandContext ctx, UserTaskRecord task, string eventType, object details)
    {
        if (level == HistoryLevel.None) return;
        _events.Add(new HistoryEventRecord
        {
            InstanceId = task.InstanceId, CaseId = task.CaseId, Timestamp = ctx.Now, EventType = eventType, ElementId = task.ElementId,
            ElementType = "userTask", ElementName = task.Name, ExecutionId = task.ExecutionId, UserId = ctx.UserId,
            PendingDetails = details,
        });
    }

    public void FlushTo(IEngineSession session)
    {
        foreach (var e in _events) session.Add(e);
        _events.Clear();
    }
}

internal static class HistoryJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new FeelValueJsonConverter() } };
}
