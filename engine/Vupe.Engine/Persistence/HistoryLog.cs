namespace Vupe.Engine.Persistence;

/// <summary>
/// The history rows of one process instance in the in-memory store, in id order: one array per
/// commit, sized to that commit's rows, chained from the first. The default store keeps every
/// instance's history for the life of the process; an array of rows instead of twenty objects and
/// a list is less for the garbage collector to trace and copy.
/// </summary>
internal sealed class HistoryLog(int capacity)
{
    public readonly HistoryRow[] Rows = new HistoryRow[capacity];
    public int Count;
    public HistoryLog? Next;
    /// <summary>On the first chunk: the chunk rows are appended to.</summary>
    public HistoryLog? Last;
}

/// <summary>
/// One history row as the engine writes it: the fields of a <see cref="HistoryEventRecord"/> but its
/// instance id (kept beside it, or the key of its <see cref="HistoryLog"/>). <see cref="Details"/> is
/// the JSON, or the details not yet written as JSON; a read from the in-memory store writes them and
/// keeps the JSON.
/// </summary>
internal struct HistoryRow
{
    public long Id;
    public Guid CaseId;
    public DateTimeOffset Timestamp;
    public string EventType;
    public string? ElementId;
    public string? ElementType;
    public string? ElementName;
    public string? ExecutionId;
    public string? UserId;
    public object? Details;

    public HistoryRow(HistoryEventRecord r)
    {
        Id = r.Id;
        CaseId = r.CaseId;
        Timestamp = r.Timestamp;
        EventType = r.EventType;
        ElementId = r.ElementId;
        ElementType = r.ElementType;
        ElementName = r.ElementName;
        ExecutionId = r.ExecutionId;
        UserId = r.UserId;
        Details = r.PendingDetails ?? r.Details;
    }

    /// <summary>A record for a store that writes records, details still pending as the engine gave them.</summary>
    public readonly HistoryEventRecord ToPendingRecord(Guid instanceId) => new()
    {
        Id = Id, InstanceId = instanceId, CaseId = CaseId, Timestamp = Timestamp, EventType = EventType, ElementId = ElementId,
        ElementType = ElementType, ElementName = ElementName, ExecutionId = ExecutionId, UserId = UserId,
        Details = Details as string, PendingDetails = Details is string ? null : Details,
    };

    /// <summary>A new record with this row's values and its details as JSON (callers get their own object, as from a database).</summary>
    public HistoryEventRecord ToRecord(Guid instanceId)
    {
        if (Details is not (null or string)) Details = System.Text.Json.JsonSerializer.Serialize(Details, Runtime.HistoryJson.Options);
        return new HistoryEventRecord
        {
            Id = Id, InstanceId = instanceId, CaseId = CaseId, Timestamp = Timestamp, EventType = EventType, ElementId = ElementId,
            ElementType = ElementType, ElementName = ElementName, ExecutionId = ExecutionId, UserId = UserId, Details = (string?)Details,
        };
    }
}

/// <summary>A session that takes the engine's history rows as they are, without a record object per row (the in-memory store).</summary>
internal interface IHistoryRowSink
{
    /// <summary>The rows to write with the next commit; the session reads them during that commit only, and the caller reuses the array afterwards.</summary>
    void AddHistory(ArraySegment<(Guid InstanceId, HistoryRow Row)> rows);
}
