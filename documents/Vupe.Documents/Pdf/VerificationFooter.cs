using PdfSharp.Drawing;

namespace Vupe.Documents.Pdf;

/// <summary>
/// The footer of every verifiable document (the CUL, constancias, competency certificates): the QR code and the
/// verification code with the address where anyone checks it, and the page number.
/// </summary>
internal static class VerificationFooter
{
    /// <summary>The footer band the page frame reserves for it.</summary>
    public const double Height = 84;
    private const double QrSize = 70;

    /// <param name="noun">What the reader verifies, in Spanish ("certificado", "documento").</param>
    public static void Draw(FooterContext footer, VerificationCode code, string verificationUrl, string noun)
    {
        var g = footer.Graphics;
        var area = footer.Area;
        QrCodeDrawing.Draw(g, verificationUrl, new XRect(area.Left, area.Top, QrSize, QrSize));
        var x = area.Left + QrSize + 10;
        var y = area.Top + 4;
        g.DrawString("Código de verificación", PdfStyles.Label, PdfStyles.Muted, x, y, XStringFormats.TopLeft);
        y += DocumentComposer.LineHeight(PdfStyles.Label);
        g.DrawString(code.ToString(), PdfStyles.Title, PdfStyles.Text, x, y, XStringFormats.TopLeft);
        y += DocumentComposer.LineHeight(PdfStyles.Title) + 2;
        g.DrawString($"Verifique la autenticidad de este {noun} en:", PdfStyles.Small, PdfStyles.Muted, x, y, XStringFormats.TopLeft);
        y += DocumentComposer.LineHeight(PdfStyles.Small);
        g.DrawString(verificationUrl, PdfStyles.Small, PdfStyles.BrandBrush, x, y, XStringFormats.TopLeft);
        g.DrawString($"Página {footer.PageNumber} de {footer.PageCount}", PdfStyles.Small, PdfStyles.Muted, area.Right, area.Top + QrSize - 8, XStringFormats.TopRight);
    }
}
