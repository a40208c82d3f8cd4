using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;

namespace Vupe.Server.Audit;

/// <summary>
/// A signed statement of the heads (last sequence and hash) and entry counts of the audit trails that changed since
/// the previous checkpoint; together, the checkpoints anchor every trail. Whoever rewrites or shortens a trail after
/// it cannot make the trail agree with its checkpointed head again without the server's signing key. Kept in the
/// database and, when configured, appended to an anchor file the database's writer cannot modify
/// (<see cref="AuditAnchorOptions.AnchorPath"/>).
/// </summary>
public sealed class AuditCheckpoint
{
    public long Id { get; init; }
    public DateTimeOffset At { get; init; }
    /// <summary>The canonical JSON that was signed (<see cref="CheckpointContent"/>), byte for byte as UTF-8.</summary>
    public required string Content { get; init; }
    /// <summary>Base64 of a detached CMS (PKCS#7) SignedData over <see cref="Content"/>, by the server's signing certificate.</summary>
    public required string Signature { get; init; }

    internal static void Configure(ModelBuilder builder) => builder.Entity<AuditCheckpoint>(e =>
    {
        e.ToTable("AuditCheckpoints");
        e.HasKey(c => c.Id);
        e.HasIndex(c => c.At);
    });
}

/// <summary>One trail's head: its last entry's sequence and hash, and how many entries it has.</summary>
public sealed record AuditHead(
    [property: JsonPropertyName("trail")] string Trail,
    [property: JsonPropertyName("sequence")] long Sequence,
    [property: JsonPropertyName("hash")] string Hash,
    [property: JsonPropertyName("entries")] long Entries);

/// <summary>
/// What a checkpoint says, serialised the same way every time (fixed property order, heads sorted by trail):
/// <see cref="Heads"/> of the trails that changed since the previous checkpoint (every trail in the first one, and in
/// those written before checkpoints were incremental), the totals over all anchored trails after it, and
/// <see cref="UpTo"/>, the last audit entry id the server had seen when it looked for changes.
/// </summary>
public sealed record CheckpointContent(
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("trails")] int Trails,
    [property: JsonPropertyName("entries")] long Entries,
    [property: JsonPropertyName("heads")] IReadOnlyList<AuditHead> Heads,
    [property: JsonPropertyName("upTo")] long? UpTo = null)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static CheckpointContent Of(DateTimeOffset at, IEnumerable<AuditHead> changed, int trails, long entries, long upTo) =>
        new(at.ToUniversalTime(), trails, entries, [.. changed.OrderBy(h => h.Trail, StringComparer.Ordinal)], upTo);

    public string Serialize() => JsonSerializer.Serialize(this, Json);

    public static CheckpointContent? Parse(string content) => JsonSerializer.Deserialize<CheckpointContent>(content, Json);
}

/// <summary>A line of the anchor file: the checkpoint's content and signature.</summary>
public sealed record AnchorLine(
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("signature")] string Signature);

/// <summary>Vupe:Audit.</summary>
public sealed class AuditAnchorOptions
{
    public const string Section = "Vupe:Audit";

    /// <summary>
    /// An append-only JSON-lines file outside the database where every checkpoint is also written. In production it
    /// must be somewhere the database's writer cannot modify (WORM storage, another host's mount): verification trusts
    /// it over the database's own copy. Unset: checkpoints stay in the database only.
    /// </summary>
    public string? AnchorPath { get; set; }

    /// <summary>How often the recurring job writes a checkpoint (Hangfire cron; every minute by default).</summary>
    public string Cron { get; set; } = "* * * * *";
}
