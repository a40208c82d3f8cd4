using System.Globalization;
using Vupe.Documents.Content;
using Vupe.Server.Audit;
using Vupe.Server.Auth;
using Vupe.Server.Cases;
using Vupe.Server.Hosting;
using Vupe.Server.Idempotency;
using Vupe.Server.Problems;

namespace Vupe.Server.Documents;

/// <summary>Documents of a case: list, upload (streamed), new versions, metadata, download (audited); the kinds a case can hold.</summary>
public static class DocumentEndpoints
{
    public static void MapDocumentEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/document-kinds", () => DocumentKinds.All.Select(DocumentKindDto.From))
            .WithTags("Documents").RequireAuthorization(Policies.ReadCases).WithSummary("The kinds of documents, with allowed types, size limits and retention");

        api.MapGet("/parties/{partyId:guid}/documents", async (Guid partyId, DocumentLibrary library, HttpContext http, CancellationToken ct) =>
        {
            var user = UserScope.From(http.User);
            var list = await library.ReadForPartyAsync(partyId, ct);
            // The ficha is national; the bytes stay behind each case's regional scope (the content route).
            return list.Select(d => DocumentDto.From(d, user.CanSeeCriminalRecords));
        }).WithTags("Documents").RequireAuthorization(Policies.ReadCases).WithSummary("The documents of a ficha única across its cases (CUL included)");

        var documents = api.MapGroup("/cases/{id:guid}/documents").WithTags("Documents").RequireAuthorization(Policies.ReadCases);

        documents.MapGet("/", async (Guid id, CaseAccess access, DocumentLibrary library, HttpContext http, CancellationToken ct) =>
        {
            var user = UserScope.From(http.User);
            await access.GetCaseAsync(id, CaseOperations.Read, ct);
            return (await library.ListForCaseAsync(id, ct)).Select(d => DocumentDto.From(d, user.CanSeeCriminalRecords));
        }).WithSummary("The case's documents with their versions");

        documents.MapPost("/", async (Guid id, CaseAccess access, DocumentLibrary library, HttpContext http, CancellationToken ct) =>
        {
            var user = UserScope.From(http.User);
            var caseFile = await access.GetCaseAsync(id, CaseOperations.Work, ct);
            var document = await MultipartUpload.ReadAsync(http.Request, async (fields, file) =>
            {
                var errors = new FieldErrors();
                var kind = fields.TryGetValue("kind", out var code) ? DocumentKinds.Find(code.Trim()) : null;
                if (kind is null) errors.Add("kind", "Indique un tipo de documento conocido (antes del archivo).");
                else if (kind == DocumentKinds.Cul) errors.Add("kind", "El CUL lo emite el procedimiento; no se sube.");
                var title = errors.Text("title", fields.GetValueOrDefault("title"), 200, required: false);
                var issuedBy = errors.Text("issuedBy", fields.GetValueOrDefault("issuedBy"), 200, required: false);
                DateTimeOffset? validUntil = null;
                if (fields.TryGetValue("validUntil", out var until) && !string.IsNullOrWhiteSpace(until))
                {
                    if (DateOnly.TryParseExact(until.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                        validUntil = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                    else errors.Add("validUntil", "Use el formato AAAA-MM-DD.");
                }
                errors.ThrowIfAny();
                var partyId = caseFile.SubjectId is { } subject && Guid.TryParse(subject, out var p) ? p : (Guid?)null;
                return await library.AddAsync(caseFile, kind!, title, partyId, Upload(http, file, user), ct, issuedBy, validUntil);
            }, ct);
            return Uploaded(id, document, user);
        }).RequireAuthorization(Policies.WorkCases).WithMetadata(UploadLimit.Metadata)
          .Idempotent(IdempotentResources.Document, async (http, documentId) =>
          {
              var id = Guid.Parse((string)http.GetRouteValue("id")!, CultureInfo.InvariantCulture);
              await http.RequestServices.GetRequiredService<CaseAccess>().GetCaseAsync(id, CaseOperations.Work, http.RequestAborted);
              return Uploaded(id, await http.RequestServices.GetRequiredService<DocumentLibrary>().GetAsync(id, documentId, http.RequestAborted), UserScope.From(http.User));
          })
          .WithSummary("Uploads a document (multipart/form-data: kind, title?, issuedBy?, validUntil?, then file); its type is sniffed from its bytes");

        documents.MapGet("/{documentId:guid}", async (Guid id, Guid documentId, CaseAccess access, DocumentLibrary library, HttpContext http, CancellationToken ct) =>
        {
            var user = UserScope.From(http.User);
            await access.GetCaseAsync(id, CaseOperations.Read, ct);
            return DocumentDto.From(await library.GetAsync(id, documentId, ct), user.CanSeeCriminalRecords);
        }).WithSummary("A document's metadata and versions");

        documents.MapPost("/{documentId:guid}/versions", async (Guid id, Guid documentId, CaseAccess access, DocumentLibrary library, HttpContext http, CancellationToken ct) =>
        {
            var user = UserScope.From(http.User);
            await access.GetCaseAsync(id, CaseOperations.Work, ct);
            var existing = await library.GetAsync(id, documentId, ct);
            if (existing.Kind == DocumentKinds.Cul.Code)
                return Results.Problem(title: "Un certificado emitido no admite nuevas versiones.", statusCode: StatusCodes.Status409Conflict);
            var document = await MultipartUpload.ReadAsync(http.Request, async (fields, file) =>
            {
                long? expected = null;
                if (fields.TryGetValue("version", out var v) && !string.IsNullOrWhiteSpace(v))
                {
                    if (!long.TryParse(v, CultureInfo.InvariantCulture, out var parsed))
                        throw new FieldValidationException(new Dictionary<string, string[]> { ["version"] = ["Debe ser un número."] });
                    expected = parsed;
                }
                return await library.AddVersionAsync(documentId, expected, Upload(http, file, user), ct);
            }, ct);
            return Results.Created($"/api/cases/{id}/documents/{documentId}", DocumentDto.From(document, user.CanSeeCriminalRecords));
        }).RequireAuthorization(Policies.WorkCases).WithMetadata(UploadLimit.Metadata)
          .WithSummary("Adds a version (multipart/form-data: version? (the document's row version, to detect a concurrent upload), then file)");

        documents.MapGet("/{documentId:guid}/content", async (Guid id, Guid documentId, int? version, CaseAccess access, DocumentLibrary library,
            HttpContext http, CancellationToken ct) =>
        {
            var user = UserScope.From(http.User);
            await access.GetCaseAsync(id, CaseOperations.Read, ct);
            var document = await library.GetAsync(id, documentId, ct);
            if (document.Restricted && !user.CanSeeCriminalRecords)
                return Results.Problem(title: "Este documento contiene antecedentes; su rol no puede verlo.", statusCode: StatusCodes.Status403Forbidden);
            var (stored, content) = await library.OpenAsync(document, version, user.UserName, ct);
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers["X-Content-SHA256"] = stored.Sha256;
            return Results.File(content, stored.MediaType, stored.FileName);
        }).WithSummary("Downloads a version (the current one by default); every read is written into the case's audit trail");
    }

    private static IResult Uploaded(Guid caseId, CaseDocument document, UserScope user) =>
        Results.Created($"/api/cases/{caseId}/documents/{document.Id}", DocumentDto.From(document, user.CanSeeCriminalRecords));

    private static DocumentUpload Upload(HttpContext http, FileUploadPart file, UserScope user) =>
        new(file.Body, Length: null, file.ContentType, file.FileName, user.UserName);
}

/// <summary>The request size allowed on upload endpoints (the rest of the API keeps the small default).</summary>
internal static class UploadLimit
{
    public static readonly RequestBodyLimitAttribute Metadata = new(DocumentKinds.All.Max(k => k.MaxBytes) + 64 * 1024);
}
