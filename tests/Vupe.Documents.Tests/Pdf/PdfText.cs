using UglyToad.PdfPig;

namespace Vupe.Documents.Tests.Pdf;

internal static class PdfText
{
    public static (string Text, int Pages, double Width, double Height) Extract(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var text = string.Join("\n", document.GetPages().Select(p => p.Text));
        var first = document.GetPage(1);
        return (text, document.NumberOfPages, first.Width, first.Height);
    }
}
