using Vupe.Engine.Runtime;

namespace Vupe.Engine.Persistence;

/// <summary>
/// The columns of an instance's row that copy part of its state (<see cref="ProcessInstanceRecord.Suspended"/>,
/// <see cref="ProcessInstanceRecord.ActiveElements"/>), so that the operations console's filters are the database's
/// query. They are set when the row is written, in the same statement as the state (no write of their own), and never
/// read back into the state.
/// </summary>
internal static class InstanceStateColumns
{
    public static void Copy(ProcessInstanceRecord record)
    {
        var active = record.Status == InstanceStatus.Active;
        record.Suspended = active && record.State.Suspended;
        record.ActiveElements = active ? Key(record.State.ActiveElementIds()) : null;
    }

    /// <summary>"|a|b|": each element once, in ordinal order; null for none.</summary>
    public static string? Key(IReadOnlyList<string> sortedElementIds)
    {
        if (sortedElementIds.Count == 0) return null;
        var key = new System.Text.StringBuilder("|");
        for (var i = 0; i < sortedElementIds.Count; i++)
            if (i == 0 || !string.Equals(sortedElementIds[i], sortedElementIds[i - 1], StringComparison.Ordinal)) key.Append(sortedElementIds[i]).Append('|');
        return key.ToString();
    }

    /// <summary>What <see cref="ProcessInstanceRecord.ActiveElements"/> contains when a token waits at the element (ids never contain '|').</summary>
    public static string Marker(string elementId) => $"|{elementId}|";
}
