namespace Vupe.Workflows.Cul;

/// <summary>
/// What one back office answered for one section of a case's CUL, kept outside the process variables so criminal
/// data never reaches the variables, the history or the inbox. <see cref="ValueJson"/> is the connector's answer
/// (camelCase JSON, enums as text).
/// </summary>
public sealed record CulSectionAnswer(string Section, string Source, DateTimeOffset ConsultedAt, string? Reference, string ValueJson);

/// <summary>A signed CUL ready to be stored, attached to its case and to the citizen's ficha única, and registered for verification.</summary>
public sealed record IssuedCul(
    string IdempotencyKey,
    Guid CaseId,
    string CaseNumber,
    string OfficeCode,
    string PartyId,
    string CertificateNumber,
    string VerificationCode,
    string HolderName,
    string Dni,
    DateTimeOffset IssuedAt,
    DateTimeOffset ValidUntil,
    bool HasCriminalRecords,
    string SignedBy,
    ReadOnlyMemory<byte> Pdf);

/// <summary>What the archive kept: the stored document and the certificate as registered (the first issue wins on a retry).</summary>
public sealed record IssuedCulReceipt(Guid DocumentId, string Sha256, string CertificateNumber, string VerificationCode, DateTimeOffset IssuedAt, DateTimeOffset ValidUntil);

/// <summary>
/// Where the CUL procedure keeps what it learns and what it issues. The server implements it over its database and
/// blob store; <see cref="InMemoryCulArchive"/> serves tests and the sample. Every call is idempotent: a retried
/// step saves the same section again (the later answer replaces the earlier) and archives the same certificate at
/// most once per <see cref="IssuedCul.IdempotencyKey"/>.
/// </summary>
public interface ICulArchive
{
    Task SaveAnswerAsync(Guid caseId, CulSectionAnswer answer, CancellationToken ct);

    Task<IReadOnlyList<CulSectionAnswer>> ReadAnswersAsync(Guid caseId, CancellationToken ct);

    Task<IssuedCulReceipt> ArchiveAsync(IssuedCul cul, CancellationToken ct);
}

/// <summary>The archive in memory, for tests and the sample. Thread-safe.</summary>
public sealed class InMemoryCulArchive : ICulArchive
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(Guid, string), CulSectionAnswer> _answers = [];
    private readonly Dictionary<string, (IssuedCul Cul, IssuedCulReceipt Receipt)> _issued = [];

    public IReadOnlyList<IssuedCul> Issued
    {
        get { lock (_lock) return [.. _issued.Values.Select(i => i.Cul)]; }
    }

    public Task SaveAnswerAsync(Guid caseId, CulSectionAnswer answer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(answer);
        lock (_lock) _answers[(caseId, answer.Section)] = answer;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<CulSectionAnswer>> ReadAnswersAsync(Guid caseId, CancellationToken ct)
    {
        lock (_lock) return Task.FromResult<IReadOnlyList<CulSectionAnswer>>([.. _answers.Where(a => a.Key.Item1 == caseId).Select(a => a.Value)]);
    }

    public Task<IssuedCulReceipt> ArchiveAsync(IssuedCul cul, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cul);
        lock (_lock)
        {
            if (!_issued.TryGetValue(cul.IdempotencyKey, out var issued))
            {
                var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(cul.Pdf.Span));
                issued = (cul, new IssuedCulReceipt(Guid.CreateVersion7(), sha, cul.CertificateNumber, cul.VerificationCode, cul.IssuedAt, cul.ValidUntil));
                _issued[cul.IdempotencyKey] = issued;
            }
            return Task.FromResult(issued.Receipt);
        }
    }
}
