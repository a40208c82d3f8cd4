using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Vupe.Server.Problems;

namespace Vupe.Server.Documents;

/// <summary>
/// Reads a multipart/form-data upload as a stream: the text fields that come before the file, then the file itself,
/// handed over unbuffered. The fields must precede the file (browsers send them in form order) because the
/// document's kind decides what the file may be.
/// </summary>
internal static class MultipartUpload
{
    private const int MaxFieldLength = 2_000;
    private const int MaxFields = 20;

    public static async Task<T> ReadAsync<T>(HttpRequest request, Func<IReadOnlyDictionary<string, string>, FileUploadPart, Task<T>> onFile, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            throw new FieldValidationException(new Dictionary<string, string[]> { ["file"] = ["Envíe el archivo como multipart/form-data."] });
        }
        var reader = new MultipartReader(boundary, request.Body);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.DispositionType.Equals("form-data"))
                continue;
            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
            if (disposition.IsFileDisposition())
            {
                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                return await onFile(fields, new FileUploadPart(name, fileName, section.ContentType, section.Body));
            }
            if (fields.Count >= MaxFields) throw Invalid(name, "Demasiados campos.");
            using var text = new StreamReader(section.Body);
            var buffer = new char[MaxFieldLength + 1];
            var read = await text.ReadBlockAsync(buffer.AsMemory(), ct);
            if (read > MaxFieldLength) throw Invalid(name, $"Máximo {MaxFieldLength} caracteres.");
            fields[name] = new string(buffer, 0, read);
        }
        throw Invalid("file", "Adjunte el archivo.");
    }

    private static FieldValidationException Invalid(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>The file part of an upload: its body is read straight from the request.</summary>
internal sealed record FileUploadPart(string FieldName, string? FileName, string? ContentType, Stream Body);
