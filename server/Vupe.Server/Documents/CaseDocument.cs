namespace Vupe.Server.Documents;

/// <summary>
/// A document of a case (and, when it is about a party, of their ficha única): the index of its versions, whose
/// bytes live in the blob store under their SHA-256. The newest version is the document's current content.
/// </summary>
public sealed class CaseDocument
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public string CaseNumber { get; set; } = "";
    public string OfficeCode { get; set; } = "";
    public Guid? PartyId { get; set; }
    /// <summary>A code of <see cref="Vupe.Documents.Content.DocumentKinds"/>.</summary>
    public string Kind { get; set; } = "";
    public string Title { get; set; } = "";
    /// <summary>Who issued it: an institution for an uploaded certificate, the ministry's signer for one the procedure issued.</summary>
    public string? IssuedBy { get; set; }
    public DateTimeOffset? ValidUntil { get; set; }
    public string RetentionClass { get; set; } = "";
    /// <summary>When the retention period of its kind ends, counted from its creation.</summary>
    public DateTimeOffset RetainUntil { get; set; }
    /// <summary>
    /// When the retention job deleted its content (every version's bytes) because the retention period ended; the
    /// index — titles, SHA-256, sizes — stays, and a download answers 410.
    /// </summary>
    public DateTimeOffset? ContentDeletedAt { get; set; }
    /// <summary>Holds criminal-record data: only roles allowed to see antecedentes may read its content.</summary>
    public bool Restricted { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public int CurrentVersion { get; set; }
    public long Version { get; set; }
    public List<DocumentVersion> Versions { get; set; } = [];
}

/// <summary>One stored version of a document: its bytes' hash, size and sniffed media type.</summary>
public sealed class DocumentVersion
{
    public Guid Id { get; set; }
    public Guid DocumentId { get; set; }
    public int Number { get; set; }
    public string Sha256 { get; set; } = "";
    public long Length { get; set; }
    /// <summary>As sniffed from the content, never as the client declared it.</summary>
    public string MediaType { get; set; } = "";
    public string FileName { get; set; } = "";
    public bool IsSigned { get; set; }
    public DateTimeOffset StoredAt { get; set; }
    public string StoredBy { get; set; } = "";
}

/// <summary>What a back office answered for one section of a case's CUL (criminal sections are restricted).</summary>
public sealed class CulAnswer
{
    public Guid CaseId { get; set; }
    public string Section { get; set; } = "";
    public string Source { get; set; } = "";
    public DateTimeOffset ConsultedAt { get; set; }
    public string? Reference { get; set; }
    public string ValueJson { get; set; } = "";
}
