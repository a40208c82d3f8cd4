namespace Vupe.Engine.Persistence;

/// <summary>
/// The history rows of one running process instance in the in-memory store, in id order: one chunk
/// per commit (more if its rows differ in case or time), sized to that commit's rows, chained from
/// the first. The rows of a chunk share their case id and timestamp (a command writes its rows at
/// one instant) and have consecutive ids, so a stored row is seven references, in one array per
/// commit rather than an object each. When the instance ends, its chunks are packed into one byte
/// array (<see cref="HistoryArchive"/>).
/// </summary>
internal sealed class HistoryLog(int capacity, long firstId, Guid caseId, DateTimeOffset timestamp)
{
    public readonly StoredHistoryRow[] Rows = new StoredHistoryRow[capacity];
    public int Count;
    public readonly long FirstId = firstId;
    public readonly Guid CaseId = caseId;
    public readonly DateTimeOffset Timestamp = timestamp;
    public HistoryLog? Next;
    /// <summary>On the first chunk: the chunk rows are appended to.</summary>
    public HistoryLog? Last;

    public bool Takes(long id, in HistoryRow row) =>
        Count < Rows.Length && id == FirstId + Count && row.CaseId == CaseId && row.Timestamp.EqualsExact(Timestamp);

    public long IdAt(int i) => FirstId + i;

    /// <summary>A new record with the row's values and its details as JSON (callers get their own object, as from a database).</summary>
    public HistoryEventRecord ToRecord(int i, Guid instanceId)
    {
        ref var row = ref Rows[i];
        if (row.Details is not (null or string)) row.Details = System.Text.Json.JsonSerializer.Serialize(row.Details, Runtime.HistoryJson.Options);
        return new HistoryEventRecord
        {
            Id = FirstId + i, InstanceId = instanceId, CaseId = CaseId, Timestamp = Timestamp, EventType = row.EventType, ElementId = row.ElementId,
            ElementType = row.ElementType, ElementName = row.ElementName, ExecutionId = row.ExecutionId, UserId = row.UserId, Details = (string?)row.Details,
        };
    }
}

/// <summary>A history row as the in-memory store keeps it; id, case and time are its chunk's (<see cref="HistoryLog"/>).</summary>
internal struct StoredHistoryRow(in HistoryRow r)
{
    public readonly string EventType = r.EventType;
    public readonly string? ElementId = r.ElementId;
    public readonly string? ElementType = r.ElementType;
    public readonly string? ElementName = r.ElementName;
    public readonly string? ExecutionId = r.ExecutionId;
    public readonly string? UserId = r.UserId;
    /// <summary>The JSON, or the details not yet written as JSON (written on first read, then kept).</summary>
    public object? Details = r.Details;
}

/// <summary>
/// One history row as the engine writes it: the fields of a <see cref="HistoryEventRecord"/> but its
/// instance id (kept beside it). <see cref="Details"/> is the JSON, or the details not yet written
/// as JSON.
/// </summary>
internal struct HistoryRow
{
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
        InstanceId = instanceId, CaseId = CaseId, Timestamp = Timestamp, EventType = EventType, ElementId = ElementId,
        ElementType = ElementType, ElementName = ElementName, ExecutionId = ExecutionId, UserId = UserId,
        Details = Details as string, PendingDetails = Details is string ? null : Details,
    };
}

/// <summary>A session that takes the engine's history rows as they are, without a record object per row (the in-memory store).</summary>
internal interface IHistoryRowSink
{
    /// <summary>The rows to write with the next commit; the session reads them during that commit only, and the caller reuses the array afterwards.</summary>
    void AddHistory(ArraySegment<(Guid InstanceId, HistoryRow Row)> rows);
}
