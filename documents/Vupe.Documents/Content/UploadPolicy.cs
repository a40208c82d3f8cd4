namespace Vupe.Documents.Content;

/// <summary>Why an upload was refused, in words for the citizen (Spanish) and for logs (English).</summary>
public sealed record UploadRejection(string Code, string MessageEs, string MessageEn, string SniffedMediaType);

/// <summary>The outcome of checking an upload: the real media type when accepted, the reason otherwise.</summary>
public sealed record UploadCheck(bool Accepted, string SniffedMediaType, UploadRejection? Rejection)
{
    public static UploadCheck Accept(string mediaType) => new(true, mediaType, null);

    public static UploadCheck Reject(UploadRejection rejection) => new(false, rejection.SniffedMediaType, rejection);
}

/// <summary>
/// Decides whether an upload may be stored: its sniffed type must be allowed and must agree with what the
/// client declared (media type and file extension), so a renamed file is refused rather than stored under a false type.
/// </summary>
public sealed class UploadPolicy
{
    public UploadPolicy(IEnumerable<string> allowedMediaTypes, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(allowedMediaTypes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        AllowedMediaTypes = allowedMediaTypes.Select(MediaTypes.Normalize).ToHashSet(StringComparer.Ordinal);
        MaxBytes = maxBytes;
    }

    public IReadOnlySet<string> AllowedMediaTypes { get; }

    public long MaxBytes { get; }

    public static UploadPolicy For(DocumentKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return new UploadPolicy(kind.AllowedMediaTypes, kind.MaxBytes);
    }

    /// <param name="header">The first bytes of the content (at least <see cref="MediaTypeSniffer.HeaderLength"/> when available).</param>
    /// <param name="length">The content's full length when known up front (a Content-Length); the blob store enforces the limit again while streaming.</param>
    public UploadCheck Check(ReadOnlySpan<byte> header, long? length, string? declaredMediaType, string? fileName)
    {
        var sniffed = MediaTypeSniffer.Sniff(header);
        if (length is { } size && size > MaxBytes)
        {
            return UploadCheck.Reject(TooLarge(sniffed));
        }
        if (length == 0 || header.IsEmpty)
        {
            return UploadCheck.Reject(new UploadRejection("empty", "El archivo está vacío.", "The file is empty.", sniffed));
        }
        if (!AllowedMediaTypes.Contains(sniffed))
        {
            return UploadCheck.Reject(new UploadRejection(
                "type-not-allowed",
                $"El tipo de archivo no está permitido ({Describe(sniffed)}). Tipos aceptados: {AllowedList()}.",
                $"File type not allowed ({Describe(sniffed)}). Accepted: {AllowedList()}.",
                sniffed));
        }
        if (declaredMediaType is not null && MediaTypes.Normalize(declaredMediaType) is var declared
            && declared != sniffed && declared != "application/octet-stream")
        {
            return UploadCheck.Reject(Mismatch(sniffed, $"el tipo declarado {declared}", $"the declared type {declared}"));
        }
        var byName = MediaTypes.FromFileName(fileName);
        if (fileName is not null && byName != sniffed)
        {
            var extension = Path.GetExtension(fileName);
            return UploadCheck.Reject(Mismatch(sniffed, $"la extensión «{extension}»", $"the extension '{extension}'"));
        }
        return UploadCheck.Accept(sniffed);
    }

    public UploadRejection TooLarge(string sniffedMediaType) => new(
        "too-large",
        $"El archivo supera el tamaño máximo permitido de {FormatSize(MaxBytes)}.",
        $"The file exceeds the maximum size of {FormatSize(MaxBytes)}.",
        sniffedMediaType);

    private static UploadRejection Mismatch(string sniffed, string claimEs, string claimEn) => new(
        "type-mismatch",
        $"El contenido del archivo ({Describe(sniffed)}) no corresponde a {claimEs}.",
        $"The file's content ({Describe(sniffed)}) does not match {claimEn}.",
        sniffed);

    private string AllowedList() => string.Join(", ", AllowedMediaTypes.Order(StringComparer.Ordinal));

    private static string Describe(string mediaType) => mediaType == MediaTypes.Unknown ? "desconocido/unknown" : mediaType;

    private static string FormatSize(long bytes) => bytes >= 1024 * 1024
        ? FormattableString.Invariant($"{bytes / (1024.0 * 1024.0):0.#} MB")
        : FormattableString.Invariant($"{bytes / 1024.0:0.#} KB");
}
