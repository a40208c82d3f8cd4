using System.IO.Compression;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace Vupe.Documents.Pdf;

/// <summary>
/// PDFsharp 6.2 writes Flate streams without zlib's closing Adler-32 checksum, which strict readers flag
/// (<c>qpdf --check</c> warns and exits 3). This step re-encodes such streams with .NET's zlib (checksum
/// included) and compresses streams left uncompressed, so an issued PDF passes strict checks; it must run
/// before signing, since signing freezes the bytes.
/// </summary>
public static class FlateStreamRepair
{
    private const int MinimumLengthToCompress = 64;

    /// <summary>Returns the same document with every Flate stream carrying a valid checksum.</summary>
    public static byte[] Repair(byte[] pdf)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        using var document = OpenRepaired(pdf);
        return PdfBytes.Save(document);
    }

    /// <summary>
    /// Opens a PDF for modification with its streams repaired, set up so that saving it writes no new
    /// checksum-less streams (PDFsharp's own compression is switched off; streams are already compressed here).
    /// </summary>
    internal static PdfDocument OpenRepaired(byte[] pdf)
    {
        PdfFontSetup.EnsureConfigured();
        var document = PdfReader.Open(new MemoryStream(pdf, writable: false), PdfDocumentOpenMode.Modify);
        Normalize(document);
        return document;
    }

    internal static void Normalize(PdfDocument document)
    {
        foreach (var item in document.Internals.GetAllObjects())
        {
            if (item is not PdfDictionary { Stream: { } stream } dictionary) continue;
            var filter = dictionary.Elements["/Filter"];
            if (filter is null)
            {
                if (stream.Value.Length >= MinimumLengthToCompress)
                {
                    stream.Value = ZlibCompress(stream.Value);
                    dictionary.Elements["/Filter"] = new PdfName("/FlateDecode");
                }
            }
            else if (IsFlateFirst(filter) && !HasValidChecksum(stream.Value, out var inflated) && inflated is not null)
            {
                stream.Value = ZlibCompress(inflated);
            }
        }
        document.Options.NoCompression = true;
        document.Options.CompressContentStreams = false;
    }

    // With a filter array the first filter is the outermost encoding, the only one this step can rewrite.
    private static bool IsFlateFirst(PdfItem filter) => filter switch
    {
        PdfName name => name.Value == "/FlateDecode",
        PdfArray array => array.Elements.Count > 0 && array.Elements[0] is PdfName { Value: "/FlateDecode" },
        _ => false,
    };

    /// <summary>True when the data is a complete zlib stream; otherwise <paramref name="inflated"/> holds its content (or null if it cannot be read).</summary>
    internal static bool HasValidChecksum(byte[] data, out byte[]? inflated)
    {
        inflated = null;
        if (data.Length < 6 || (data[0] & 0x0F) != 8 || ((data[0] << 8) | data[1]) % 31 != 0) return false;
        try
        {
            using var input = new DeflateStream(new MemoryStream(data, 2, data.Length - 2, writable: false), CompressionMode.Decompress);
            using var output = new MemoryStream(data.Length * 4);
            input.CopyTo(output);
            inflated = output.ToArray();
        }
        catch (InvalidDataException)
        {
            return false;
        }
        var trailer = (uint)(data[^4] << 24 | data[^3] << 16 | data[^2] << 8 | data[^1]);
        return trailer == Adler32(inflated);
    }

    internal static byte[] ZlibCompress(byte[] data)
    {
        using var output = new MemoryStream(data.Length / 2 + 64);
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }
        return output.ToArray();
    }

    private static uint Adler32(ReadOnlySpan<byte> data)
    {
        const uint Modulus = 65521;
        const int Chunk = 5552; // the most bytes summed before the 32-bit sums could overflow
        uint a = 1, b = 0;
        while (!data.IsEmpty)
        {
            var n = Math.Min(Chunk, data.Length);
            foreach (var value in data[..n])
            {
                a += value;
                b += a;
            }
            a %= Modulus;
            b %= Modulus;
            data = data[n..];
        }
        return (b << 16) | a;
    }
}
