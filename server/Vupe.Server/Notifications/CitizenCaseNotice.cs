using Microsoft.EntityFrameworkCore;

namespace Vupe.Server.Notifications;

/// <summary>
/// One email telling a citizen that one of their cases changed (<see cref="CitizenCaseChanges"/>). The row is the claim,
/// as for <see cref="SlaNotice"/>: inserted before the mail is sent, unique per case and change, so two scans — of one
/// node or of two — never mail the same change twice. <see cref="DeliveredAt"/> is set with the case's audit entry.
/// </summary>
public sealed class CitizenCaseNotice
{
    public long Id { get; set; }
    public Guid CaseId { get; set; }
    /// <summary>"abierto", "cerrado", "anulado" or "documento:{taskId}" (<see cref="CitizenCaseChanges"/>).</summary>
    public required string Change { get; set; }
    public required string CaseNumber { get; set; }
    public Guid AccountId { get; set; }
    public DateTimeOffset ClaimedAt { get; set; }
    public DateTimeOffset LastAttemptAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public string? LastError { get; set; }
    public long Version { get; set; }

    internal static void Configure(ModelBuilder builder) => builder.Entity<CitizenCaseNotice>(e =>
    {
        e.ToTable("CitizenCaseNotices");
        e.HasKey(n => n.Id);
        e.HasIndex(n => new { n.CaseId, n.Change }).IsUnique();
        e.HasIndex(n => n.DeliveredAt);
        e.Property(n => n.Change).HasMaxLength(60);
        e.Property(n => n.CaseNumber).HasMaxLength(30);
        e.Property(n => n.LastError).HasMaxLength(2000);
        e.Property(n => n.Version).IsConcurrencyToken();
    });
}

/// <summary>The changes of a case a citizen is mailed about.</summary>
public static class CitizenCaseChanges
{
    public const string Opened = "abierto";
    public const string Closed = "cerrado";
    public const string Cancelled = "anulado";
    private const string DocumentPrefix = "documento:";

    /// <summary>An open task of the case waits for a document the citizen uploads from Mi VUPE.</summary>
    public static string DocumentAwaited(Guid taskId) => $"{DocumentPrefix}{taskId:N}";

    /// <summary>What the mail says happened, after "Su expediente N (servicio)".</summary>
    public static string Sentence(string change) => change switch
    {
        Opened => "fue abierto. La oficina le atenderá y le avisaremos de cada novedad.",
        Closed => "concluyó. Si se emitió un documento, puede descargarlo en Mi VUPE.",
        Cancelled => "fue anulado.",
        _ when change.StartsWith(DocumentPrefix, StringComparison.Ordinal) => "necesita que usted suba un documento. Ingrese a Mi VUPE para ver cuál y subirlo.",
        _ => "tiene novedades.",
    };
}
