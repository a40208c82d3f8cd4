using Vupe.Documents.Content;

namespace Vupe.Server.Documents;

public sealed record DocumentVersionDto(int Number, string Sha256, long Length, string MediaType, string FileName, bool IsSigned, DateTimeOffset StoredAt, string StoredBy);

/// <param name="ContentVisible">False when the document holds criminal-record data the reader may not see: its metadata only.</param>
public sealed record DocumentDto(
    Guid Id, Guid CaseId, string CaseNumber, string Kind, string KindName, string Title, string? IssuedBy, DateTimeOffset? ValidUntil,
    string RetentionClass, DateTimeOffset RetainUntil, bool Restricted, bool ContentVisible, bool IsSigned, DateTimeOffset CreatedAt, string CreatedBy,
    int CurrentVersion, long Version, IReadOnlyList<DocumentVersionDto> Versions)
{
    /// <summary>When the retention job deleted its content (then <see cref="ContentNote"/> says so); null while it is kept.</summary>
    public DateTimeOffset? ContentDeletedAt { get; init; }

    /// <summary>"contenido eliminado por plazo de conservación" once the content is gone; null otherwise.</summary>
    public string? ContentNote => ContentDeletedAt is null ? null : DocumentTexts.ContentDeleted;

    public static DocumentDto From(CaseDocument d, bool canSeeRestricted) => new(
        d.Id, d.CaseId, d.CaseNumber, d.Kind, DocumentKinds.Find(d.Kind)?.Name ?? d.Kind, d.Title, d.IssuedBy, d.ValidUntil, d.RetentionClass, d.RetainUntil,
        d.Restricted, !d.Restricted || canSeeRestricted, d.Versions.Any(v => v.Number == d.CurrentVersion && v.IsSigned), d.CreatedAt, d.CreatedBy,
        d.CurrentVersion, d.Version,
        [.. d.Versions.OrderBy(v => v.Number).Select(v => new DocumentVersionDto(v.Number, v.Sha256, v.Length, v.MediaType, v.FileName, v.IsSigned, v.StoredAt, v.StoredBy))])
    {
        ContentDeletedAt = d.ContentDeletedAt,
    };
}

public sealed record DocumentKindDto(string Code, string Name, string RetentionClass, int RetentionDays, IReadOnlyList<string> AllowedMediaTypes, long MaxBytes)
{
    public static DocumentKindDto From(DocumentKind k) =>
        new(k.Code, k.Name, k.RetentionClass.ToString(), (int)k.RetentionPeriod.TotalDays, k.AllowedMediaTypes, k.MaxBytes);
}
