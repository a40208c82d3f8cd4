using System.Text.Json;

namespace Vupe.Server.Audit;

/// <summary>What the checkpoints say of one trail, as verification needs it.</summary>
/// <param name="Head">The trail's anchored head; null when no checkpoint has anchored it yet.</param>
/// <param name="At">When the latest checkpoint was written (or the forged one, when <paramref name="SignatureValid"/> is false).</param>
/// <param name="SignatureValid">False when a checkpoint after the last genuine one names this trail with a signature that fails.</param>
/// <param name="Source">Where the checkpoints were read: "archivo de anclaje" or "base de datos".</param>
public sealed record TrailAnchor(AuditHead? Head, DateTimeOffset At, bool SignatureValid, string Source);

/// <summary>
/// Every trail's anchored head, built by reading the checkpoints in order (each lists only the trails that changed
/// since the one before): the latest head a genuine checkpoint gave each trail. A checkpoint whose signature fails
/// anchors nothing; the trails it names are reported as tampered with until the next genuine checkpoint. Unreadable
/// lines (torn by a crash) are skipped. Not thread-safe: <see cref="AuditAnchor"/> holds its lock around every use.
/// </summary>
internal sealed class AnchorIndex(Func<AnchorLine, bool> signatureHolds, ILogger logger)
{
    private readonly Dictionary<string, AuditHead> _heads = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _forged = new(StringComparer.Ordinal);
    private long _latestUpTo;

    /// <summary>When the latest genuine checkpoint was written; null before the first.</summary>
    public DateTimeOffset? LatestAt { get; private set; }

    /// <summary>Anchored trails and their entries, over every checkpoint read.</summary>
    public int Trails => _heads.Count;
    public long Entries { get; private set; }

    /// <summary>
    /// The audit entry id after which the next checkpoint looks for changed trails: the one the checkpoint before the
    /// latest had seen, so an entry that committed late (another node's transaction still open while the latest
    /// checkpoint looked) is still found. 0 (every trail) until two incremental checkpoints were read.
    /// </summary>
    public long ScanFrom { get; private set; }

    public AuditHead? HeadOf(string trail) => _heads.GetValueOrDefault(trail);

    /// <summary>
    /// Null unless a checkpoint whose signature fails came after the last genuine one; then the genuine heads of the
    /// trails it named, for the next checkpoint to sign again (possibly none: it must still be written).
    /// </summary>
    public IEnumerable<AuditHead>? ForgedTrailsGenuineHeads() =>
        _forged.Count == 0 ? null : _forged.Keys.Select(HeadOf).OfType<AuditHead>();

    public TrailAnchor? For(string trail, string source)
    {
        if (_forged.TryGetValue(trail, out var forgedAt)) return new TrailAnchor(null, forgedAt, false, source);
        return LatestAt is { } at ? new TrailAnchor(_heads.GetValueOrDefault(trail), at, true, source) : null;
    }

    public void Apply(AnchorLine line)
    {
        var content = Parse(line.Content);
        if (content is null)
        {
            logger.LogWarning("An unreadable line of the audit anchor was skipped (a checkpoint torn by a crash, or not one)");
            return;
        }
        if (!signatureHolds(line))
        {
            logger.LogError("An audit checkpoint of {At} has an invalid signature: its {Trails} heads are not trusted", content.At, content.Heads.Count);
            foreach (var head in content.Heads) _forged[head.Trail] = content.At;
            return;
        }
        _forged.Clear();
        foreach (var head in content.Heads)
        {
            if (_heads.TryGetValue(head.Trail, out var before))
            {
                // Checkpoints of two nodes may land out of order; a head never moves back.
                if (head.Sequence < before.Sequence) continue;
                Entries -= before.Entries;
            }
            _heads[head.Trail] = head;
            Entries += head.Entries;
        }
        LatestAt = content.At;
        (ScanFrom, _latestUpTo) = content.UpTo is { } upTo ? (_latestUpTo, upTo) : (0, 0);
    }

    private static CheckpointContent? Parse(string content)
    {
        if (content.Length == 0) return null;
        try
        {
            return CheckpointContent.Parse(content);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
