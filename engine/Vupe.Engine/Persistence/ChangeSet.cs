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

    public bool IsRemoved(object record)
    {
        foreach (var (r, kind) in _changes)
            if (ReferenceEquals(r, record) && kind == ChangeKind.Removed) return true;
        return false;
    }

    public void Clear() => _changes.Clear();
}
