using System.Buffers;
using System.Text.Json;
using Vupe.Engine.Model;
using Vupe.Engine.Persistence;

namespace Vupe.Engine.Runtime;

/// <summary>
/// Collects the history rows of a command; they are written in the same transaction as the step they describe.
/// The rows are kept as values in a pooled array: the in-memory store copies them as they are, the
/// database stores get a record per row.
/// </summary>
internal sealed class HistoryWriter(HistoryLevel level)
{
    private (Guid InstanceId, HistoryRow Row)[] _rows = [];
    private int _count;

    public bool RecordsVariables => level == HistoryLevel.Full;

    public void Add(CommandContext ctx, InstanceContext instance, string eventType, Execution? execution = null, BaseElement? element = null, object? details = null)
    {
        if (level == HistoryLevel.None) return;
        // An element that starts and completes with nothing in between (a gateway, an event, a
        // task done inline) is one row: ElementCompleted without an ElementStarted before it.
        if (eventType == HistoryEventTypes.ElementCompleted && details is null && _count > 0)
        {
            ref var last = ref _rows[_count - 1];
            if (last.Row is { EventType: HistoryEventTypes.ElementStarted, Details: null or string }
                && last.InstanceId == instance.Id && last.Row.ExecutionId == execution?.Id && last.Row.ElementId == (element?.Id ?? execution?.ElementId))
            {
                last.Row.EventType = HistoryEventTypes.ElementCompleted;
                return;
            }
        }
        Append(instance.Id, new HistoryRow
        {
            CaseId = instance.Case.Id,
            Timestamp = ctx.Now,
            EventType = eventType,
            ElementId = element?.Id ?? execution?.ElementId,
            ElementType = element?.ElementType,
            ElementName = element?.Name,
            ExecutionId = execution?.Id,
            UserId = ctx.UserId,
            Details = details,
        });
    }

    public void AddForTask(CommandContext ctx, UserTaskRecord task, string eventType, object details)
    {
        if (level == HistoryLevel.None) return;
        Append(task.InstanceId, new HistoryRow
        {
            CaseId = task.CaseId, Timestamp = ctx.Now, EventType = eventType, ElementId = task.ElementId,
            ElementType = "userTask", ElementName = task.Name, ExecutionId = task.ExecutionId, UserId = ctx.UserId,
            Details = details,
        });
    }

    private void Append(Guid instanceId, in HistoryRow row)
    {
        if (_count == _rows.Length)
        {
            var larger = ArrayPool<(Guid, HistoryRow)>.Shared.Rent(Math.Max(16, _count * 2));
            Array.Copy(_rows, larger, _count);
            Return();
            _rows = larger;
        }
        _rows[_count++] = (instanceId, row);
    }

    /// <summary>
    /// The rows so far as <see cref="CommandChange"/>s; details are written as JSON only when asked for — also after the
    /// rows were flushed (a host write reading them inside the transaction) — and kept in the row while it is unwritten.
    /// </summary>
    public List<CommandChange> Changes()
    {
        var changes = new List<CommandChange>(_count);
        var rows = _rows;
        for (var i = 0; i < _count; i++)
        {
            var index = i;
            ref var row = ref rows[i].Row;
            var details = row.Details;
            changes.Add(new CommandChange(row.EventType, rows[i].InstanceId, row.CaseId, row.ElementId, row.ElementType, row.ElementName, () => DetailsJson(rows, index, details)));
        }
        return changes;
    }

    private string? DetailsJson(object rows, int index, object? details)
    {
        if (details is null or string) return (string?)details;
        var json = JsonSerializer.Serialize(details, HistoryJson.Options);
        // The array goes back to the pool once the rows are written: write back only into the rows still held.
        if (ReferenceEquals(rows, _rows) && index < _count) _rows[index].Row.Details = json;
        return json;
    }

    public void FlushTo(IEngineSession session)
    {
        if (_count == 0) return;
        if (session is IHistoryRowSink sink)
        {
            sink.AddHistory(new ArraySegment<(Guid, HistoryRow)>(_rows, 0, _count));
        }
        else
        {
            for (var i = 0; i < _count; i++) session.Add(_rows[i].Row.ToPendingRecord(_rows[i].InstanceId));
            Release();
        }
    }

    /// <summary>After the commit: the rows were written, the array goes back to the pool.</summary>
    public void Release()
    {
        Return();
        _rows = [];
        _count = 0;
    }

    private void Return()
    {
        if (_rows.Length == 0) return;
        // The rows hold references (details, strings): cleared so that the pool keeps nothing alive.
        Array.Clear(_rows, 0, _count);
        ArrayPool<(Guid, HistoryRow)>.Shared.Return(_rows);
    }
}

internal static class HistoryJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new FeelValueJsonConverter() } };
}
