using System.Text.Unicode;

namespace Vupe.Documents.Content;

/// <summary>
/// Names a file's real type from its first bytes, whatever its name or declared type say: uploads are
/// judged by what they are, so an executable renamed to <c>.pdf</c> is still an executable.
/// </summary>
public static class MediaTypeSniffer
{
    /// <summary>How many leading bytes <see cref="Sniff(ReadOnlySpan{byte})"/> looks at; read at least this many.</summary>
    public const int HeaderLength = 4096;

    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] PngMagic = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Gif87 = "GIF87a"u8.ToArray();
    private static readonly byte[] Gif89 = "GIF89a"u8.ToArray();
    private static readonly byte[] TiffLittle = [(byte)'I', (byte)'I', 42, 0];
    private static readonly byte[] TiffBig = [(byte)'M', (byte)'M', 0, 42];
    private static readonly byte[] ZipMagic = [(byte)'P', (byte)'K', 3, 4];
    private static readonly byte[] ElfMagic = [0x7F, (byte)'E', (byte)'L', (byte)'F'];

    /// <summary>Reads up to <see cref="HeaderLength"/> bytes from a seekable or buffered stream and rewinds it when it can.</summary>
    public static async Task<string> SniffAsync(Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var start = content.CanSeek ? content.Position : 0;
        var header = new byte[HeaderLength];
        var filled = await content.ReadAtLeastAsync(header, HeaderLength, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (content.CanSeek)
        {
            content.Position = start;
        }
        return Sniff(header.AsSpan(0, filled));
    }

    public static string Sniff(ReadOnlySpan<byte> header)
    {
        if (header.IsEmpty) return MediaTypes.Unknown;
        // Some producers put a few bytes (BOM, whitespace) before the PDF header; readers accept it within 1 KiB.
        if (header[..Math.Min(header.Length, 1024)].IndexOf(PdfMagic) >= 0) return MediaTypes.Pdf;
        if (header.StartsWith(PngMagic)) return MediaTypes.Png;
        if (header.StartsWith(JpegMagic)) return MediaTypes.Jpeg;
        if (header.StartsWith(Gif87) || header.StartsWith(Gif89)) return MediaTypes.Gif;
        if (header.StartsWith(TiffLittle) || header.StartsWith(TiffBig)) return MediaTypes.Tiff;
        if (header.Length >= 12 && header.StartsWith("RIFF"u8) && header[8..12].SequenceEqual("WEBP"u8)) return MediaTypes.WebP;
        if (header.StartsWith("MZ"u8)) return MediaTypes.WindowsExecutable;
        if (header.StartsWith(ElfMagic)) return MediaTypes.ElfExecutable;
        if (header.StartsWith(ZipMagic)) return SniffZip(header);
        return LooksLikeText(header) ? MediaTypes.PlainText : MediaTypes.Unknown;
    }

    // Word and Excel files are ZIP archives; the first entries' names (in local file headers near the start)
    // say which. Cheap and good enough for routing; a docx with an unusual entry order is reported as ZIP.
    private static string SniffZip(ReadOnlySpan<byte> header)
    {
        if (header.IndexOf("word/"u8) >= 0) return MediaTypes.Docx;
        if (header.IndexOf("xl/"u8) >= 0) return MediaTypes.Xlsx;
        return MediaTypes.Zip;
    }

    private static bool LooksLikeText(ReadOnlySpan<byte> header)
    {
        if (header.Contains((byte)0)) return false;
        // The header may cut a multi-byte character in two: ignore up to 3 trailing bytes of an unfinished sequence.
        for (var trim = 0; trim <= Math.Min(3, header.Length - 1); trim++)
        {
            if (Utf8.IsValid(header[..^trim]) && !HasControlCharacters(header[..^trim])) return true;
            if (header.Length < HeaderLength) break;
        }
        return false;
    }

    private static bool HasControlCharacters(ReadOnlySpan<byte> text)
    {
        foreach (var b in text)
        {
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C)) return true;
        }
        return false;
    }
}
