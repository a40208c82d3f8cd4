using PdfSharp.Pdf;

namespace Vupe.Documents.Pdf;

internal static class PdfBytes
{
    public static byte[] Save(PdfDocument document)
    {
        using var output = new MemoryStream(64 * 1024);
        document.Save(output, closeStream: false);
        return output.ToArray();
    }
}
