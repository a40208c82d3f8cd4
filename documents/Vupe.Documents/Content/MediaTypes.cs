namespace Vupe.Documents.Content;

/// <summary>The media types the sniffer can name.</summary>
public static class MediaTypes
{
    public const string Pdf = "application/pdf";
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const string Gif = "image/gif";
    public const string Tiff = "image/tiff";
    public const string WebP = "image/webp";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Zip = "application/zip";
    public const string WindowsExecutable = "application/x-msdownload";
    public const string ElfExecutable = "application/x-executable";
    public const string PlainText = "text/plain";
    public const string Unknown = "unknown";

    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = Pdf,
        [".png"] = Png,
        [".jpg"] = Jpeg,
        [".jpeg"] = Jpeg,
        [".gif"] = Gif,
        [".tif"] = Tiff,
        [".tiff"] = Tiff,
        [".webp"] = WebP,
        [".docx"] = Docx,
        [".xlsx"] = Xlsx,
        [".zip"] = Zip,
        [".txt"] = PlainText,
        [".exe"] = WindowsExecutable,
        [".dll"] = WindowsExecutable,
    };

    /// <summary>The media type a file name's extension claims, or null when the extension is unknown or missing.</summary>
    public static string? FromFileName(string? fileName)
    {
        var extension = Path.GetExtension(fileName);
        return !string.IsNullOrEmpty(extension) && ByExtension.TryGetValue(extension, out var type) ? type : null;
    }

    /// <summary>Drops parameters (<c>; charset=…</c>) and case so declared types compare with sniffed ones.</summary>
    public static string Normalize(string mediaType)
    {
        ArgumentNullException.ThrowIfNull(mediaType);
        var semicolon = mediaType.IndexOf(';', StringComparison.Ordinal);
        var bare = (semicolon >= 0 ? mediaType[..semicolon] : mediaType).Trim().ToLowerInvariant();
        return bare switch
        {
            "image/jpg" or "image/pjpeg" => Jpeg,
            "application/x-pdf" => Pdf,
            _ => bare,
        };
    }
}
