using Microsoft.EntityFrameworkCore;
using Vupe.Documents.Content;
using Vupe.Documents.Storage;
using Vupe.Engine;
using Vupe.Server.Audit;
using Vupe.Server.Data;

namespace Vupe.Server.Documents;

/// <summary>An upload as it arrives: the content is read once, from the request into the blob store.</summary>
public sealed record DocumentUpload(Stream Content, long? Length, string? DeclaredMediaType, string? FileName, string UserName);

/// <summary>The case (and party) a document belongs to.</summary>
public sealed record DocumentOwner(Guid CaseId, string CaseNumber, string OfficeCode, Guid? PartyId);

/// <summary>The document's content was deleted when its retention period ended: 410 Gone.</summary>
public sealed class DocumentContentDeletedException(Guid documentId) : Exception($"The content of document {documentId} was deleted at the end of its retention period.");

/// <summary>Why an upload was refused; <see cref="TooLarge"/> answers 413, the rest 400.</summary>
public sealed class UploadRejectedException(UploadRejection rejection, bool tooLarge) : Exception(rejection.MessageEn)
{
    public UploadRejection Rejection { get; } = rejection;
    public bool TooLarge { get; } = tooLarge;
}

/// <summary>
/// The documents of case files: stores each version's bytes in the blob store (content-addressed, so the index
/// names the exact bytes by their SHA-256) and its index in the database, and writes every upload and every read
/// into the case's audit trail. The type of an upload is sniffed from its bytes and checked against its kind.
/// </summary>
public sealed class DocumentLibrary(IDbContextFactory<VupeDbContext> contexts, IBlobStore blobs, AuditLog audit, TimeProvider time)
{
    public async Task<CaseDocument> AddAsync(CaseFileInfo caseFile, DocumentKind kind, string? title, Guid? partyId, DocumentUpload upload,
        CancellationToken ct, string? issuedBy = null, DateTimeOffset? validUntil = null, bool restricted = false, bool isSigned = false)
    {
        var (blob, mediaType) = await StoreAsync(kind, upload, ct);
        var document = NewDocument(new DocumentOwner(caseFile.Id, caseFile.CaseNumber, caseFile.OfficeCode, partyId), kind, title, blob, mediaType,
            upload.FileName, upload.UserName, time.GetUtcNow(), issuedBy, validUntil, restricted, isSigned);
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Documents.Add(document);
        audit.Stage(db, AuditTrails.ForCase(caseFile.Id), "document.added", Describe(document, document.Versions[0]));
        await db.SaveChangesAsync(ct);
        return document;
    }

    /// <summary>A new version of a document; <paramref name="expectedVersion"/> (the document's row version) guards against two uploads at once.</summary>
    public async Task<CaseDocument> AddVersionAsync(Guid documentId, long? expectedVersion, DocumentUpload upload, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var document = await db.Documents.Include(d => d.Versions).FirstOrDefaultAsync(d => d.Id == documentId, ct)
            ?? throw new NotFoundException($"Document {documentId} does not exist.");
        if (expectedVersion is { } expected && expected != document.Version)
            throw new ConflictException($"Document {documentId} changed meanwhile (version {document.Version}, not {expected}).");
        var kind = DocumentKinds.Find(document.Kind) ?? DocumentKinds.Other;
        var (blob, mediaType) = await StoreAsync(kind, upload, ct);
        var now = time.GetUtcNow();
        var version = VersionOf(document, document.CurrentVersion + 1, blob, mediaType, upload.FileName, upload.UserName, isSigned: false, now);
        db.DocumentVersions.Add(version);
        document.CurrentVersion = version.Number;
        document.Version++;
        audit.Stage(db, AuditTrails.ForCase(document.CaseId), "document.versionAdded", Describe(document, version));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e)
        {
            throw new ConflictException($"Document {documentId} received another version meanwhile; reload it and try again.", e);
        }
        document.Versions.Add(version);
        return document;
    }

    public async Task<List<CaseDocument>> ListForCaseAsync(Guid caseId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Documents.AsNoTracking().Include(d => d.Versions).Where(d => d.CaseId == caseId).OrderBy(d => d.CreatedAt).ToListAsync(ct);
    }

    /// <summary>The documents of a ficha across its cases: a read of the citizen's data, written in the ficha's trail.</summary>
    public async Task<List<CaseDocument>> ReadForPartyAsync(Guid partyId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var list = await db.Documents.AsNoTracking().Include(d => d.Versions).Where(d => d.PartyId == partyId).OrderByDescending(d => d.CreatedAt).ToListAsync(ct);
        await audit.AppendAsync(AuditTrails.ForParty(partyId), "party.documents.read", new { count = list.Count }, ct);
        return list;
    }

    public async Task<CaseDocument> GetAsync(Guid caseId, Guid documentId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Documents.AsNoTracking().Include(d => d.Versions).FirstOrDefaultAsync(d => d.Id == documentId && d.CaseId == caseId, ct)
            ?? throw new NotFoundException($"Document {documentId} is not in case {caseId}.");
    }

    /// <summary>Opens a version's bytes (the current one when <paramref name="number"/> is null) and records the read.</summary>
    public async Task<(DocumentVersion Version, Stream Content)> OpenAsync(CaseDocument document, int? number, string userName, CancellationToken ct)
    {
        var version = document.Versions.FirstOrDefault(v => v.Number == (number ?? document.CurrentVersion))
            ?? throw new NotFoundException($"Document {document.Id} has no version {number}.");
        if (document.ContentDeletedAt is not null) throw new DocumentContentDeletedException(document.Id);
        var content = await blobs.OpenReadAsync(version.Sha256, ct);
        await audit.AppendAsync(AuditTrails.ForCase(document.CaseId), "document.read",
            new { documentId = document.Id, document.Kind, version = version.Number, version.Sha256, reader = userName }, ct);
        return (version, content);
    }

    /// <summary>The kinds of documents the case holds, for a task's required documents.</summary>
    public async Task<HashSet<string>> KindsPresentAsync(Guid caseId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return [.. await db.Documents.Where(d => d.CaseId == caseId).Select(d => d.Kind).Distinct().ToListAsync(ct)];
    }

    private async Task<(StoredBlob Blob, string MediaType)> StoreAsync(DocumentKind kind, DocumentUpload upload, CancellationToken ct)
    {
        var policy = UploadPolicy.For(kind);
        if (Problems.UnsafeText.HasUnsafeCharacters(upload.FileName))
            throw new UploadRejectedException(new UploadRejection("unsafe-file-name",
                "El nombre del archivo contiene caracteres de control o de dirección del texto (bidi), que pueden disfrazar su tipo; cámbielo y vuelva a subirlo.",
                "The file name contains control or bidirectional-override characters.", ""), tooLarge: false);
        var header = await PrefixedStream.ReadHeaderAsync(upload.Content, MediaTypeSniffer.HeaderLength, ct);
        var check = policy.Check(header, upload.Length, upload.DeclaredMediaType, upload.FileName);
        if (!check.Accepted) throw new UploadRejectedException(check.Rejection!, check.Rejection!.Code == "too-large");
        try
        {
            var blob = await blobs.PutAsync(new PrefixedStream(header, upload.Content), policy.MaxBytes, ct);
            return (blob, check.SniffedMediaType);
        }
        catch (BlobTooLargeException)
        {
            throw new UploadRejectedException(policy.TooLarge(check.SniffedMediaType), tooLarge: true);
        }
    }

    /// <summary>A new document with its first version, over content already in the blob store.</summary>
    internal static CaseDocument NewDocument(DocumentOwner owner, DocumentKind kind, string? title, StoredBlob blob, string mediaType, string? fileName,
        string userName, DateTimeOffset now, string? issuedBy = null, DateTimeOffset? validUntil = null, bool restricted = false, bool isSigned = false)
    {
        var document = new CaseDocument
        {
            Id = Guid.CreateVersion7(), CaseId = owner.CaseId, CaseNumber = owner.CaseNumber, OfficeCode = owner.OfficeCode, PartyId = owner.PartyId,
            Kind = kind.Code, Title = string.IsNullOrWhiteSpace(title) ? kind.Name : title.Trim(), IssuedBy = issuedBy, ValidUntil = validUntil,
            RetentionClass = kind.RetentionClass.ToString(), RetainUntil = now + kind.RetentionPeriod, Restricted = restricted,
            CreatedAt = now, CreatedBy = userName, CurrentVersion = 1,
        };
        document.Versions.Add(VersionOf(document, 1, blob, mediaType, fileName, userName, isSigned, now));
        return document;
    }

    internal static object Describe(CaseDocument d) => Describe(d, d.Versions.Single(v => v.Number == d.CurrentVersion));

    private static DocumentVersion VersionOf(CaseDocument document, int number, StoredBlob blob, string mediaType, string? fileName, string userName, bool isSigned,
        DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(), DocumentId = document.Id, Number = number, Sha256 = blob.Sha256Hex, Length = blob.Length, MediaType = mediaType,
        FileName = SafeFileName(fileName, document.Kind, mediaType), IsSigned = isSigned, StoredAt = now, StoredBy = userName,
    };

    /// <summary>A name for downloads: the client's, without any path, or one made from the kind.</summary>
    private static string SafeFileName(string? fileName, string kind, string mediaType)
    {
        var name = Path.GetFileName(fileName?.Replace('\\', '/') ?? "");
        name = new string([.. name.Where(c => !char.IsControl(c) && c != '"')]).Trim();
        if (name.Length > 200) name = name[^200..];
        return name.Length > 0 ? name : kind + mediaType switch
        {
            MediaTypes.Pdf => ".pdf",
            MediaTypes.Jpeg => ".jpg",
            MediaTypes.Png => ".png",
            _ => "",
        };
    }

    private static object Describe(CaseDocument d, DocumentVersion v) =>
        new { documentId = d.Id, d.Kind, d.Title, version = v.Number, v.Sha256, v.Length, v.MediaType, v.FileName, d.Restricted };
}
