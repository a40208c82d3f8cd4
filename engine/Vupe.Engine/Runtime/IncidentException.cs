using Vupe.Engine.Persistence;

namespace Vupe.Engine.Runtime;

/// <summary>A step cannot go on (a condition that is not boolean, a mapping that fails): the token stops there with an incident.</summary>
internal sealed class IncidentException(IncidentKind kind, string message) : Exception(message)
{
    public IncidentKind Kind { get; } = kind;
}
