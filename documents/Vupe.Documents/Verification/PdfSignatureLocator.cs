using System.Globalization;

namespace Vupe.Documents.Verification;

/// <summary>A signature as it sits in the file: the signed byte ranges and the CMS bytes in the gap between them.</summary>
internal sealed record PdfSignatureField(long Start1, long Length1, long Start2, long Length2, byte[] Contents)
{
    public long End => Start2 + Length2;
}

/// <summary>
/// Finds signatures by their /ByteRange arrays in the raw bytes rather than by parsing the PDF object tree:
/// the signed ranges are defined on bytes, and a verifier that reads bytes cannot be fooled by how a parser
/// repairs a damaged file.
/// </summary>
internal static class PdfSignatureLocator
{
    private static readonly byte[] ByteRangeKey = "/ByteRange"u8.ToArray();
    private static readonly byte[][] SignatureMarkers =
        ["/ByteRange"u8.ToArray(), "/Type/Sig"u8.ToArray(), "/Type /Sig"u8.ToArray(), "adbe.pkcs7"u8.ToArray(), "ETSI.CAdES"u8.ToArray()];

    /// <summary>Whether anything in the file looks like a signature, even a damaged one.</summary>
    public static bool HasSignatureTraces(ReadOnlySpan<byte> pdf)
    {
        foreach (var marker in SignatureMarkers)
        {
            if (pdf.IndexOf(marker) >= 0) return true;
        }
        return false;
    }

    /// <summary>Every well-formed signature field, or an explanation of the first damaged one.</summary>
    public static (List<PdfSignatureField> Fields, string? Problem) Find(ReadOnlySpan<byte> pdf)
    {
        var fields = new List<PdfSignatureField>();
        var from = 0;
        while (true)
        {
            var index = pdf[from..].IndexOf(ByteRangeKey);
            if (index < 0) return (fields, null);
            var position = from + index + ByteRangeKey.Length;
            from = position;
            if (!TryReadRange(pdf, position, out var numbers)) return (fields, "unreadable /ByteRange");
            var (start1, length1, start2, length2) = (numbers[0], numbers[1], numbers[2], numbers[3]);
            if (start1 != 0 || length1 <= 0 || start2 <= length1 || length2 < 0 || start2 + length2 > pdf.Length)
            {
                return (fields, "/ByteRange does not fit the file");
            }
            var gap = pdf[(int)length1..(int)start2];
            if (gap.Length < 2 || gap[0] != '<' || gap[^1] != '>' || !TryDecodeHex(gap[1..^1], out var contents))
            {
                return (fields, "the signature contents are not where /ByteRange says");
            }
            fields.Add(new PdfSignatureField(start1, length1, start2, length2, contents));
        }
    }

    private static bool TryReadRange(ReadOnlySpan<byte> pdf, int position, out long[] numbers)
    {
        numbers = new long[4];
        position = SkipWhitespace(pdf, position);
        if (position >= pdf.Length || pdf[position] != '[') return false;
        position++;
        for (var i = 0; i < 4; i++)
        {
            position = SkipWhitespace(pdf, position);
            var start = position;
            while (position < pdf.Length && char.IsAsciiDigit((char)pdf[position])) position++;
            if (position == start || position - start > 12) return false;
            numbers[i] = long.Parse(System.Text.Encoding.ASCII.GetString(pdf[start..position]), NumberStyles.None, CultureInfo.InvariantCulture);
        }
        position = SkipWhitespace(pdf, position);
        return position < pdf.Length && pdf[position] == ']';
    }

    private static int SkipWhitespace(ReadOnlySpan<byte> pdf, int position)
    {
        while (position < pdf.Length && pdf[position] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or 0x0C or 0) position++;
        return position;
    }

    private static bool TryDecodeHex(ReadOnlySpan<byte> hex, out byte[] bytes)
    {
        bytes = [];
        if (hex.Length % 2 != 0) return false;
        var result = new byte[hex.Length / 2];
        for (var i = 0; i < result.Length; i++)
        {
            var high = HexValue(hex[2 * i]);
            var low = HexValue(hex[2 * i + 1]);
            if (high < 0 || low < 0) return false;
            result[i] = (byte)(high << 4 | low);
        }
        bytes = result;
        return true;
    }

    private static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };
}
