using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vupe.Server.Data;
using Vupe.Server.Hosting;

namespace Vupe.Server.Idempotency;

/// <summary>
/// This server process among the nodes on one database: its node's name (<see cref="ServerOptions.NodeName"/>, unique
/// among the nodes running at once) and an id made when it starts. A node's start records its id as the node's current
/// process (<see cref="NodeInstance"/>), so whatever an earlier process of that node left reserved is known to be
/// abandoned: that process is dead.
/// </summary>
public sealed class ServerInstance(IOptions<ServerOptions> options)
{
    public const int MaxNodeNameLength = 100;

    public string Id { get; } = Guid.NewGuid().ToString("N");

    public string NodeName { get; } = options.Value.NodeName.Length <= MaxNodeNameLength ? options.Value.NodeName : options.Value.NodeName[..MaxNodeNameLength];

    /// <summary>Records this process as its node's current one (at start-up, before requests are served).</summary>
    internal async Task RegisterAsync(VupeDbContext db, TimeProvider time, CancellationToken ct)
    {
        var row = await db.Set<NodeInstance>().FirstOrDefaultAsync(n => n.NodeName == NodeName, ct);
        if (row is null) db.Add(new NodeInstance { NodeName = NodeName, InstanceId = Id, StartedAt = time.GetUtcNow() });
        else (row.InstanceId, row.StartedAt) = (Id, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Whether the process that reserved <paramref name="record"/> may still be at work: this one, or the current process
    /// of its node. Keys reserved before owners were recorded count as alive (their work may have committed unmarked).
    /// </summary>
    internal async Task<bool> OwnsOrMayBeAliveAsync(VupeDbContext db, IdempotencyRecord record, CancellationToken ct)
    {
        if (record.OwnerInstance is null) return true;
        if (record.OwnerInstance == IdempotencyRecord.Released) return false;
        if (record.OwnerInstance == Id) return true;
        var current = await db.Set<NodeInstance>().AsNoTracking().Where(n => n.NodeName == record.OwnerNode).Select(n => n.InstanceId).FirstOrDefaultAsync(ct);
        return current == record.OwnerInstance;
    }
}

/// <summary>The current process of each node (<see cref="ServerInstance"/>); a reservation by any other process of the node is abandoned.</summary>
public sealed class NodeInstance
{
    public required string NodeName { get; init; }
    public required string InstanceId { get; set; }
    public DateTimeOffset StartedAt { get; set; }

    internal static void Configure(ModelBuilder builder) => builder.Entity<NodeInstance>(e =>
    {
        e.ToTable("NodeInstances");
        e.HasKey(n => n.NodeName);
        e.Property(n => n.NodeName).HasMaxLength(ServerInstance.MaxNodeNameLength);
        e.Property(n => n.InstanceId).HasMaxLength(32);
    });
}
