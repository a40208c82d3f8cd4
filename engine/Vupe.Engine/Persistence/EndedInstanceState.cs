using Vupe.Engine.Runtime;

namespace Vupe.Engine.Persistence;

/// <summary>
/// How the in-memory store keeps the state of an ended instance: as the JSON document the database
/// stores keep (<see cref="ProcessInstanceRecord.StateJson"/>), read back into objects only when a session
/// asks for the instance. The execution tree of an ended instance (its root and the root's variables)
/// was eight objects for the garbage collector to trace for as long as the store lives; its JSON is one string.
/// </summary>
internal static class EndedInstanceState
{
    /// <summary>Stands for "see StateJson" in the stored row; never handed to a session.</summary>
    private static readonly InstanceState PackedMarker = new();

    /// <summary>The row to store for an ended instance: a copy (the committing session may still look at its own) with the state as JSON.</summary>
    public static ProcessInstanceRecord Pack(ProcessInstanceRecord ended) =>
        ReferenceEquals(ended.State, PackedMarker) ? ended : ended.WithState(PackedMarker, InstanceStateSerializer.Serialize(ended.State));

    /// <summary>Whether a stored row holds its state as JSON only.</summary>
    public static bool IsPacked(ProcessInstanceRecord stored) => ReferenceEquals(stored.State, PackedMarker);

    /// <summary>A session's own copy of a stored row, its state as objects.</summary>
    public static ProcessInstanceRecord CopyOf(ProcessInstanceRecord stored) =>
        ReferenceEquals(stored.State, PackedMarker) ? stored.WithState(InstanceStateSerializer.Deserialize(stored.StateJson), "") : stored.Clone();
}
