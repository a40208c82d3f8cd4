namespace Vupe.Engine.Persistence;

internal enum ChangeKind { Added, Updated, Removed, Discarded }

/// <summary>
/// What a session will write at commit, one entry per row in the order first noted, whatever the
/// number of calls: added-then-removed disappears, added-then-updated stays added (and is inserted
/// with its final values). Shared by the in-memory and the database stores so both agree.
/// </summary>
internal sealed class ChangeSet
{
    private readonly List<(object Record, ChangeKind Kind)> _changes = [];

    public List<(object Record, ChangeKind Kind)> Changes => _changes;

    public void Note(object record, ChangeKind kind)
    {
        // A linear search: a command changes a handful of rows, and history rows are only ever added.
        var at = -1;
        if (record is not HistoryEventRecord)
            for (var i = 0; i < _changes.Count; i++)
                if (ReferenceEquals(_changes[i].Record, record)) { at = i; break; }
        if (at < 0)
        {
            _changes.Add((record, kind));
            return;
        }
        var previous = _changes[at].Kind;
        _changes[at] = (record, (previous, kind) switch
        {
            (ChangeKind.Added, ChangeKind.Removed) => ChangeKind.Discarded,
            (ChangeKind.Discarded, ChangeKind.Added) => ChangeKind.Added,
            (ChangeKind.Added or ChangeKind.Discarded, _) => previous,
            (_, ChangeKind.Removed) => ChangeKind.Removed,
            _ => previous,
        });
    }

    /// <summary>
    /// Turns the rows a query found in the store into the rows this unit of work sees: without those it removed,
    /// and with those it added that <paramref name="matches"/> (appended; the caller orders and pages again when
    /// this answers true). Without it, a command that creates a task or timer and cancels its owner in the same
    /// step would leave the row behind.
    /// </summary>
    public bool Overlay<T>(List<T> rows, Func<T, bool> matches) where T : class
    {
        if (_changes.Count == 0) return false;
        var changed = rows.Count > 0 && rows.RemoveAll(r => IsGone(r)) > 0;
        foreach (var (record, kind) in _changes)
        {
            if (kind != ChangeKind.Added || record is not T added || !matches(added) || rows.Contains(added)) continue;
            rows.Add(added);
            changed = true;
        }
        return changed;
    }

    /// <summary><see cref="Overlay{T}"/>, then the filter's order and page again if the session changed the result.</summary>
    public List<T> Overlay<T, TKey>(List<T> rows, Func<T, bool> matches, Func<T, TKey> orderBy, int take) where T : class =>
        Overlay(rows, matches) ? [.. rows.OrderBy(orderBy).Take(take)] : rows;

    /// <summary>The row with this key that the unit of work added (and still holds), if any.</summary>
    public T? FindAdded<T>(Guid id) where T : class
    {
        foreach (var (record, kind) in _changes)
            if (kind == ChangeKind.Added && record is T added && KeyOf(added) == id) return added;
        return null;
    }

    private static Guid? KeyOf(object record) => record switch
    {
        UserTaskRecord r => r.Id,
        JobRecord r => r.Id,
        EventSubscriptionRecord r => r.Id,
        IncidentRecord r => r.Id,
        ProcessInstanceRecord r => r.Id,
        CaseFileRecord r => r.Id,
        BufferedMessageRecord r => r.Id,
        _ => null,
    };

    /// <summary>Whether the unit of work removed this row (or added and then removed it).</summary>
    public bool IsGone(object record)
    {
        foreach (var (r, kind) in _changes)
            if (ReferenceEquals(r, record)) return kind is ChangeKind.Removed or ChangeKind.Discarded;
        return false;
    }

    public bool IsRemoved(object record)
    {
        foreach (var (r, kind) in _changes)
            if (ReferenceEquals(r, record) && kind == ChangeKind.Removed) return true;
        return false;
    }

    public void Clear() => _changes.Clear();
}
