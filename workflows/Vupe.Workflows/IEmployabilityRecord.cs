namespace Vupe.Workflows;

/// <summary>Whose ficha única a triage writes to.</summary>
public enum PartyKind { Citizen, Company }

/// <summary>A service the triage decision recommended, with the reason its rule gives.</summary>
public sealed record ServiceRecommendation(string ServiceCode, string ServiceName, string Reason, string Priority);

/// <summary>
/// A diagnóstico de empleabilidad (or a company's acercamiento empresarial) for the ficha única: the answers
/// of the form, exactly its fields (<see cref="Answers"/>), and the services the decision recommended.
/// </summary>
public sealed record EmployabilityDiagnosis(
    string IdempotencyKey,
    string PartyId,
    PartyKind PartyKind,
    Guid CaseId,
    string CaseNumber,
    string OfficeCode,
    string FormKey,
    IReadOnlyDictionary<string, object?> Answers,
    IReadOnlyList<ServiceRecommendation> RecommendedServices);

/// <summary>
/// How a referral ended: whether the service was delivered (resultadoPrestacion: prestado, no-asistio,
/// no-corresponde, or the procedure's own result such as curso-completado or competente) and, if it was, what the
/// follow-up found (resultadoSeguimiento, e.g. insertado). <see cref="Details"/> holds what the procedure says its
/// outcome is made of (header <c>detalles</c>): the occupational recommendation, the course and its hours, the
/// competency result, the programme referred to; empty when the procedure names none.
/// </summary>
public sealed record ReferralOutcome(
    string IdempotencyKey,
    string PartyId,
    Guid CaseId,
    string CaseNumber,
    string OfficeCode,
    string ServiceCode,
    string? ParentCaseNumber,
    string DeliveryResult,
    string? DeliveryNotes,
    string? FollowUpResult,
    string? FollowUpNotes,
    IReadOnlyDictionary<string, object?>? Details = null);

/// <summary>
/// The ficha única's employability history, as the catalogue's handlers write to it. The server implements it
/// over its national record; <see cref="InMemoryEmployabilityRecord"/> serves tests and the sample.
/// Both calls must be idempotent on <c>IdempotencyKey</c>: the engine retries a failed call with the same key,
/// and two nodes may run the same job, so a second call with a key already recorded changes nothing.
/// </summary>
public interface IEmployabilityRecord
{
    /// <summary>Records a triage's diagnosis and the services recommended (task type <c>vupe.ficha.registrarDiagnostico</c>).</summary>
    Task RecordDiagnosisAsync(EmployabilityDiagnosis diagnosis, CancellationToken ct);

    /// <summary>Records how a referral ended (task type <c>vupe.ficha.registrarResultado</c>).</summary>
    Task RecordReferralOutcomeAsync(ReferralOutcome outcome, CancellationToken ct);
}

/// <summary>The ficha única in memory: for tests and the sample. Thread-safe; the first write of a key wins.</summary>
public sealed class InMemoryEmployabilityRecord : IEmployabilityRecord
{
    private readonly Lock _lock = new();
    private readonly List<object> _entries = [];
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);

    public IReadOnlyList<EmployabilityDiagnosis> Diagnoses
    {
        get { lock (_lock) return [.. _entries.OfType<EmployabilityDiagnosis>()]; }
    }

    public IReadOnlyList<ReferralOutcome> Outcomes
    {
        get { lock (_lock) return [.. _entries.OfType<ReferralOutcome>()]; }
    }

    /// <summary>A party's employability history, oldest first: diagnoses and referral outcomes.</summary>
    public IReadOnlyList<object> HistoryOf(string partyId)
    {
        lock (_lock)
            return [.. _entries.Where(e => e is EmployabilityDiagnosis d ? d.PartyId == partyId : ((ReferralOutcome)e).PartyId == partyId)];
    }

    public Task RecordDiagnosisAsync(EmployabilityDiagnosis diagnosis, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(diagnosis);
        Add(diagnosis.IdempotencyKey, diagnosis);
        return Task.CompletedTask;
    }

    public Task RecordReferralOutcomeAsync(ReferralOutcome outcome, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Add(outcome.IdempotencyKey, outcome);
        return Task.CompletedTask;
    }

    private void Add(string key, object entry)
    {
        lock (_lock)
            if (_keys.Add(key)) _entries.Add(entry);
    }
}
