using System.Text.Json;
using Vupe.Engine;

namespace Vupe.Server.Audit;

/// <summary>
/// An audit entry as the request knows it: what, who, when. Its place in the trail (sequence, previous hash) and so
/// its hash are given where it is written, by the database's one writer (<see cref="AuditAppend"/>), so that
/// appends to one trail never race.
/// </summary>
public sealed record AuditDraft(string Trail, string Action, string? Data, DateTimeOffset At, CommandActor Actor)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static AuditDraft Of(string trail, string action, object? data, DateTimeOffset now, CommandActor actor) =>
        // Whole microseconds: what every database keeps, so the hash recomputes after a round trip.
        new(trail, action, data is null ? null : data as string ?? JsonSerializer.Serialize(data, Json), new DateTimeOffset(now.UtcTicks - now.UtcTicks % 10, TimeSpan.Zero), actor);

    /// <summary>The entry at its place in the trail, hashed.</summary>
    public AuditEntry Place(long sequence, string previousHash)
    {
        var entry = new AuditEntry
        {
            Trail = Trail, Sequence = sequence, At = At, ActorId = Actor.Id, ActorName = Actor.Name,
            ActorRoles = Actor.Roles.Count == 0 && Actor.Id == AuditActor.System.Id ? null : string.Join(',', Actor.Roles),
            ActorOffice = Actor.OfficeCode, RemoteAddress = Actor.Address, Action = Action, Data = Data, PreviousHash = previousHash, Hash = "",
        };
        entry.Hash = AuditLog.ComputeHash(entry);
        return entry;
    }
}
