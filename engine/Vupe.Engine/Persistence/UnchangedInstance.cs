using System.Reflection;
using Vupe.Engine.Runtime;

namespace Vupe.Engine.Persistence;

/// <summary>
/// Whether a process instance a session read is still as it was read, so that the in-memory store,
/// like the database stores (which compare each row with its snapshot), writes only the instances a
/// command changed and leaves the version of one it only read. A few fields that nearly every step
/// changes answer most calls; "unchanged" is only concluded from every column and the state as the
/// database stores write it (its JSON), so a field added later cannot be missed.
/// </summary>
internal static class UnchangedInstance
{
    // Every column but the version (which the commit sets) and the state (compared as JSON below).
    private static readonly PropertyInfo[] Columns = [.. typeof(ProcessInstanceRecord)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanRead && p.CanWrite && p.Name is not (nameof(ProcessInstanceRecord.Version) or nameof(ProcessInstanceRecord.StateJson)))];

    public static bool Same(ProcessInstanceRecord current, ProcessInstanceRecord original)
    {
        if (current.Status != original.Status || current.EndedAt != original.EndedAt) return false;
        var packed = EndedInstanceState.IsPacked(original);
        if (!packed && SurelyChanged(current.State, original.State)) return false;
        foreach (var column in Columns)
            if (!Equals(column.GetValue(current), column.GetValue(original))) return false;
        var json = packed ? original.StateJson : InstanceStateSerializer.Serialize(original.State);
        return string.Equals(InstanceStateSerializer.Serialize(current.State), json, StringComparison.Ordinal);
    }

    /// <summary>Cheap differences: tokens added, removed or moved.</summary>
    private static bool SurelyChanged(InstanceState current, InstanceState original)
    {
        if (current.NextExecutionNumber != original.NextExecutionNumber || current.Executions.Count != original.Executions.Count) return true;
        foreach (var (id, e) in current.Executions)
        {
            if (!original.Executions.TryGetValue(id, out var o)) return true;
            if (e.ElementId != o.ElementId || e.Wait != o.Wait || e.TaskId != o.TaskId || e.ChildInstanceId != o.ChildInstanceId
                || e.IncidentId != o.IncidentId || e.Variables?.Count != o.Variables?.Count) return true;
        }
        return false;
    }
}
