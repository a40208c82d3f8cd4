using Microsoft.EntityFrameworkCore;

namespace Vupe.Server.Documents;

/// <summary>What a hold is on: a case (its documents) or a ficha (the documents of all its cases).</summary>
public enum HoldTarget { Case, Party }

/// <summary>
/// Legal: a court, the prosecutor or an inspection needs the records kept. Arco: the holder exercised an ARCO right
/// (Ley 29733: acceso, rectificación, cancelación, oposición) and nothing may be deleted while it is being answered.
/// </summary>
public enum HoldKind { Legal, Arco }

/// <summary>
/// A hold that keeps documents past their retention period: while it is not lifted the retention job deletes no
/// content of the case, or of any case of the ficha. Placing and lifting it are audited in the case's or ficha's trail.
/// </summary>
public sealed class RecordHold
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public HoldTarget Target { get; init; }
    public Guid TargetId { get; init; }
    public HoldKind Kind { get; init; }
    public required string Reason { get; init; }
    public DateTimeOffset PlacedAt { get; init; }
    public required string PlacedBy { get; init; }
    public DateTimeOffset? LiftedAt { get; set; }
    public string? LiftedBy { get; set; }
    public string? LiftReason { get; set; }
    public long Version { get; set; }

    public bool Active => LiftedAt is null;

    internal static void Configure(ModelBuilder builder) => builder.Entity<RecordHold>(e =>
    {
        e.ToTable("RecordHolds");
        e.HasKey(h => h.Id);
        e.HasIndex(h => new { h.Target, h.TargetId });
        e.HasIndex(h => h.LiftedAt);
        e.Property(h => h.Target).HasConversion<string>().HasMaxLength(10);
        e.Property(h => h.Kind).HasConversion<string>().HasMaxLength(10);
        e.Property(h => h.Reason).HasMaxLength(500);
        e.Property(h => h.PlacedBy).HasMaxLength(64);
        e.Property(h => h.LiftedBy).HasMaxLength(64);
        e.Property(h => h.LiftReason).HasMaxLength(500);
        e.Property(h => h.Version).IsConcurrencyToken();
        e.Ignore(h => h.Active);
    });
}
