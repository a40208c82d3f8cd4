using Vupe.Documents.Pdf;

namespace Vupe.Workflows.Documents;

/// <summary>
/// A constancia or certificate a service procedure issues (task type <c>vupe.documentos.emitir</c>): for whom, what it
/// attests and its particulars, of which document kind (a code of Vupe.Documents' DocumentKinds, e.g. constancia or
/// certificado-competencias). <see cref="ValidUntil"/> is null for a document that does not expire.
/// </summary>
public sealed record ServiceDocumentRequest(
    string IdempotencyKey,
    Guid CaseId,
    string CaseNumber,
    string OfficeCode,
    string PartyId,
    string DocumentKind,
    ServiceCertificate Certificate);

/// <summary>What was issued and kept: the stored document and how to verify it (the first issue wins on a retry).</summary>
public sealed record ServiceDocumentReceipt(Guid DocumentId, string Sha256, string Number, string VerificationCode, DateTimeOffset IssuedAt, DateTimeOffset? ValidUntil);

/// <summary>
/// Renders, signs and keeps a service's document: attached to its case and to the holder's ficha, registered for
/// public verification. The server does it over its database and blob store; <see cref="InMemoryServiceDocumentIssuer"/>
/// serves tests and samples. Idempotent on <see cref="ServiceDocumentRequest.IdempotencyKey"/>: a retried step gets the
/// receipt of the document already issued, never a second document.
/// </summary>
public interface IServiceDocumentIssuer
{
    Task<ServiceDocumentReceipt> IssueAsync(ServiceDocumentRequest request, CancellationToken ct);
}
