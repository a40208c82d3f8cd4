using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Vupe.Engine.Runtime;

namespace Vupe.Engine.Persistence;

/// <summary>
/// Packs the history rows of an ended instance into one byte array and reads them back as records,
/// for the in-memory store (<see cref="InMemoryHistory"/>). Not thread-safe: the store uses it under its lock.
/// </summary>
/// <remarks>
/// Layout: the case id of the instance (16 bytes), a byte that is 1 when some row belongs to another
/// case, the row count, then per row: a flags byte, the id as the difference from the previous row's,
/// the row's case id when it is another, its time (clock ticks and offset minutes) when it differs from
/// the previous row's, six strings as indexes into the store's string table (0 = null), and the details
/// as UTF-8 JSON, length first, when there are any. Counts, ids and indexes are 7-bit varints.
/// Strings are the model's element ids, types and names, event types and user names: a bounded set,
/// each kept once for the whole store.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The JSON writer writes to an ArrayBufferWriter: nothing to release.")]
internal sealed class HistoryArchive
{
    private const int HeaderCaseLength = 16;
    private const int MixedCasesFlagAt = HeaderCaseLength;

    [Flags]
    private enum RowFlags : byte { None = 0, OtherCase = 1, NewTime = 2, Details = 4 }

    private readonly HistoryStrings _strings = new();
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly ArrayBufferWriter<byte> _json = new(512);
    private readonly Utf8JsonWriter _jsonWriter;
    private long _previousId;
    private DateTimeOffset? _previousTime;
    private Guid _caseId;
    private bool _mixedCases;

    public HistoryArchive() => _jsonWriter = new Utf8JsonWriter(_json);

    /// <summary>The rows already packed for the instance (usually none), then the chunks of <paramref name="first"/>.</summary>
    public byte[] Pack(List<HistoryEventRecord> earlier, HistoryLog first)
    {
        var count = earlier.Count;
        for (var log = first; log is not null; log = log.Next) count += log.Count;
        _buffer.ResetWrittenCount();
        _previousId = 0;
        _previousTime = null;
        _mixedCases = false;
        _caseId = earlier.Count > 0 ? earlier[0].CaseId : first.CaseId;
        _caseId.TryWriteBytes(_buffer.GetSpan(HeaderCaseLength));
        _buffer.Advance(HeaderCaseLength);
        _buffer.GetSpan(1)[0] = 0;
        _buffer.Advance(1);
        WriteVarint((ulong)count);
        foreach (var r in earlier)
            WriteRow(r.Id, r.CaseId, r.Timestamp, r.EventType, r.ElementId, r.ElementType, r.ElementName, r.ExecutionId, r.UserId, r.Details);
        for (var log = first; log is not null; log = log.Next)
        {
            for (var i = 0; i < log.Count; i++)
            {
                ref readonly var row = ref log.Rows[i];
                WriteRow(log.IdAt(i), log.CaseId, log.Timestamp, row.EventType, row.ElementId, row.ElementType, row.ElementName, row.ExecutionId, row.UserId, row.Details);
            }
        }
        var packed = _buffer.WrittenSpan.ToArray();
        if (_mixedCases) packed[MixedCasesFlagAt] = 1;
        return packed;
    }

    /// <summary>False when no row of the packed instance can belong to <paramref name="caseId"/>, without reading the rows.</summary>
    public static bool MayHaveCase(byte[] packed, Guid caseId) =>
        packed[MixedCasesFlagAt] != 0 || new Guid(packed.AsSpan(0, HeaderCaseLength)) == caseId;

    /// <summary>Adds the packed rows (of <paramref name="caseId"/> only, when given) to <paramref name="into"/> until it holds <paramref name="take"/>.</summary>
    public void Read(byte[] packed, Guid instanceId, int take, List<HistoryEventRecord> into, Guid? caseId = null)
    {
        var instanceCase = new Guid(packed.AsSpan(0, HeaderCaseLength));
        var at = HeaderCaseLength + 1;
        var count = (int)ReadVarint(packed, ref at);
        long id = 0;
        DateTimeOffset time = default;
        for (var r = 0; r < count && into.Count < take; r++)
        {
            var flags = (RowFlags)packed[at++];
            id += (long)ReadVarint(packed, ref at);
            var rowCase = instanceCase;
            if (flags.HasFlag(RowFlags.OtherCase))
            {
                rowCase = new Guid(packed.AsSpan(at, HeaderCaseLength));
                at += HeaderCaseLength;
            }
            if (flags.HasFlag(RowFlags.NewTime))
            {
                var ticks = BinaryPrimitives.ReadInt64LittleEndian(packed.AsSpan(at));
                var offsetMinutes = BinaryPrimitives.ReadInt16LittleEndian(packed.AsSpan(at + 8));
                time = new DateTimeOffset(ticks, TimeSpan.FromMinutes(offsetMinutes));
                at += 10;
            }
            var eventType = _strings.At((int)ReadVarint(packed, ref at))!;
            var elementId = _strings.At((int)ReadVarint(packed, ref at));
            var elementType = _strings.At((int)ReadVarint(packed, ref at));
            var elementName = _strings.At((int)ReadVarint(packed, ref at));
            var executionId = _strings.At((int)ReadVarint(packed, ref at));
            var userId = _strings.At((int)ReadVarint(packed, ref at));
            string? details = null;
            if (flags.HasFlag(RowFlags.Details))
            {
                var length = (int)ReadVarint(packed, ref at);
                details = Encoding.UTF8.GetString(packed, at, length);
                at += length;
            }
            if (caseId is { } wanted && rowCase != wanted) continue;
            into.Add(new HistoryEventRecord
            {
                Id = id, InstanceId = instanceId, CaseId = rowCase, Timestamp = time, EventType = eventType, ElementId = elementId,
                ElementType = elementType, ElementName = elementName, ExecutionId = executionId, UserId = userId, Details = details,
            });
        }
    }

    private void WriteRow(long id, Guid caseId, DateTimeOffset time, string eventType, string? elementId, string? elementType,
        string? elementName, string? executionId, string? userId, object? details)
    {
        var flags = RowFlags.None;
        if (caseId != _caseId) { flags |= RowFlags.OtherCase; _mixedCases = true; }
        if (_previousTime is not { } previous || !previous.EqualsExact(time)) flags |= RowFlags.NewTime;
        if (details is not null) flags |= RowFlags.Details;
        _buffer.GetSpan(1)[0] = (byte)flags;
        _buffer.Advance(1);
        WriteVarint((ulong)(id - _previousId));
        _previousId = id;
        if (flags.HasFlag(RowFlags.OtherCase))
        {
            caseId.TryWriteBytes(_buffer.GetSpan(HeaderCaseLength));
            _buffer.Advance(HeaderCaseLength);
        }
        if (flags.HasFlag(RowFlags.NewTime))
        {
            var span = _buffer.GetSpan(10);
            BinaryPrimitives.WriteInt64LittleEndian(span, time.Ticks);
            BinaryPrimitives.WriteInt16LittleEndian(span[8..], (short)time.TotalOffsetMinutes);
            _buffer.Advance(10);
            _previousTime = time;
        }
        WriteVarint((ulong)_strings.IndexOf(eventType));
        WriteVarint((ulong)_strings.IndexOf(elementId));
        WriteVarint((ulong)_strings.IndexOf(elementType));
        WriteVarint((ulong)_strings.IndexOf(elementName));
        WriteVarint((ulong)_strings.IndexOf(executionId));
        WriteVarint((ulong)_strings.IndexOf(userId));
        if (details is not null) WriteDetails(details);
    }

    /// <summary>The details as the stores show them: JSON already written, or the engine's object written now, as a first read would.</summary>
    private void WriteDetails(object details)
    {
        if (details is string json)
        {
            var length = Encoding.UTF8.GetByteCount(json);
            WriteVarint((ulong)length);
            _buffer.Advance(Encoding.UTF8.GetBytes(json, _buffer.GetSpan(length)));
            return;
        }
        _json.ResetWrittenCount();
        _jsonWriter.Reset(_json);
        JsonSerializer.Serialize(_jsonWriter, details, details.GetType(), HistoryJson.Options);
        _jsonWriter.Flush();
        WriteVarint((ulong)_json.WrittenCount);
        _buffer.Write(_json.WrittenSpan);
    }

    private void WriteVarint(ulong value)
    {
        var span = _buffer.GetSpan(10);
        var n = 0;
        while (value >= 0x80)
        {
            span[n++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[n++] = (byte)value;
        _buffer.Advance(n);
    }

    private static ulong ReadVarint(byte[] data, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = data[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
    }
}

/// <summary>Each distinct string of the packed history kept once, by index (0 stands for null).</summary>
internal sealed class HistoryStrings
{
    private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);
    private readonly List<string> _strings = [];

    public int IndexOf(string? value)
    {
        if (value is null) return 0;
        ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_indexes, value, out var exists);
        if (!exists)
        {
            _strings.Add(value);
            index = _strings.Count;
        }
        return index;
    }

    public string? At(int index) => index == 0 ? null : _strings[index - 1];
}
