namespace Vupe.Server.Parties;

public enum EmployabilityEntryKind { Diagnosis, ReferralOutcome }

/// <summary>
/// A line of a party's employability history written by a process step: a triage's diagnosis with
/// the services recommended, or how a referral ended. Unique per idempotency key, so a retried
/// step records once.
/// </summary>
public sealed class EmployabilityEntry
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PartyId { get; init; }
    public EmployabilityEntryKind Kind { get; init; }
    public Guid CaseId { get; init; }
    public required string CaseNumber { get; init; }
    public required string OfficeCode { get; init; }
    /// <summary>The service of a referral outcome; null for a diagnosis.</summary>
    public string? ServiceCode { get; init; }
    /// <summary>The outcome of a referral (follow-up result, else delivery result), or the recommended service codes of a diagnosis.</summary>
    public string? Summary { get; init; }
    public required string IdempotencyKey { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    /// <summary>The whole record as JSON (answers of the form, reasons, notes).</summary>
    public required string Data { get; init; }
}
