namespace Vupe.Engine.Persistence;

/// <summary>
/// The history table of the in-memory store. A running instance's rows are kept as they were
/// written (<see cref="HistoryLog"/> chunks, details still as the engine's objects); when the
/// instance ends they are packed into one byte array (<see cref="HistoryArchive"/>).
/// </summary>
/// <remarks>
/// The default store keeps every ended instance for the life of the process, and the garbage
/// collector copies each kept object from generation to generation and traces its references.
/// An ended instance's twenty rows and their details were about twenty-five objects; packed they
/// are one array with no references, which the collector copies but never traces
/// (docs/benchmarks.md, "Ended instances packed").
/// Not thread-safe: the store calls it under its lock.
/// </remarks>
internal sealed class InMemoryHistory
{
    private readonly Dictionary<Guid, HistoryLog> _live = [];
    private readonly Dictionary<Guid, byte[]> _archived = [];
    private readonly HistoryArchive _archive = new();
    private long _lastId;

    /// <summary>Appends a row with the next id; <paramref name="rowsOfInstanceInCommit"/> (this row and those of the same instance after it in the commit) sizes a new chunk.</summary>
    public long Append(Guid instanceId, in HistoryRow row, int rowsOfInstanceInCommit)
    {
        var id = ++_lastId;
        if (_live.TryGetValue(instanceId, out var first) && first.Last!.Takes(id, row))
        {
            first.Last.Rows[first.Last.Count++] = new StoredHistoryRow(row);
            return id;
        }
        var chunk = new HistoryLog(rowsOfInstanceInCommit, id, row.CaseId, row.Timestamp) { Count = 1 };
        chunk.Rows[0] = new StoredHistoryRow(row);
        if (first is null) _live[instanceId] = first = chunk;
        else first.Last!.Next = chunk;
        first.Last = chunk;
        return id;
    }

    /// <summary>Packs an ended instance's rows; rows written for it later (rare) stay unpacked until it is archived again.</summary>
    /// <remarks>Packed first, swapped in after: should packing throw (details that cannot be written as JSON), the rows stay as they were.</remarks>
    public void Archive(Guid instanceId)
    {
        if (!_live.TryGetValue(instanceId, out var first)) return;
        var earlier = new List<HistoryEventRecord>();
        if (_archived.TryGetValue(instanceId, out var packedBefore)) _archive.Read(packedBefore, instanceId, int.MaxValue, earlier);
        var packed = _archive.Pack(earlier, first);
        _live.Remove(instanceId);
        _archived[instanceId] = packed;
    }

    public void Forget(Guid instanceId)
    {
        _live.Remove(instanceId);
        _archived.Remove(instanceId);
    }

    /// <summary>One instance's rows in id order: the packed ones come first, having been written before any row still unpacked.</summary>
    public List<HistoryEventRecord> ReadInstance(Guid instanceId, int take)
    {
        var result = new List<HistoryEventRecord>();
        if (_archived.TryGetValue(instanceId, out var packed)) _archive.Read(packed, instanceId, take, result);
        for (var log = _live.GetValueOrDefault(instanceId); log is not null; log = log.Next)
            for (var i = 0; i < log.Count && result.Count < take; i++) result.Add(log.ToRecord(i, instanceId));
        return result;
    }

    /// <summary>Every row (of one case, when given) in id order, at most <paramref name="take"/>.</summary>
    public List<HistoryEventRecord> Read(Guid? caseId, int take)
    {
        var packed = new List<HistoryEventRecord>();
        foreach (var (instanceId, data) in _archived)
            if (caseId is not { } c || HistoryArchive.MayHaveCase(data, c)) _archive.Read(data, instanceId, int.MaxValue, packed, caseId);
        var live = new List<(long Id, Guid InstanceId, HistoryLog Log, int At)>();
        foreach (var (instanceId, first) in _live)
            for (var log = first; log is not null; log = log.Next)
                for (var i = 0; i < log.Count; i++)
                    if (caseId is null || log.CaseId == caseId) live.Add((log.IdAt(i), instanceId, log, i));
        packed.Sort((a, b) => a.Id.CompareTo(b.Id));
        live.Sort((a, b) => a.Id.CompareTo(b.Id));

        var result = new List<HistoryEventRecord>(Math.Min(take, packed.Count + live.Count));
        int p = 0, l = 0;
        while (result.Count < take && (p < packed.Count || l < live.Count))
        {
            if (l == live.Count || (p < packed.Count && packed[p].Id < live[l].Id)) result.Add(packed[p++]);
            else
            {
                var (_, instanceId, log, at) = live[l++];
                result.Add(log.ToRecord(at, instanceId));
            }
        }
        return result;
    }
}
