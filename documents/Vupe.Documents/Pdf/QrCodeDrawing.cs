using PdfSharp.Drawing;
using QRCoder;

namespace Vupe.Documents.Pdf;

/// <summary>
/// Draws a QR code as filled rectangles: sharp at any zoom, a few hundred bytes, and no bitmap round trip
/// (QRCoder's default PNG uses a palette PDFsharp rejects).
/// </summary>
internal static class QrCodeDrawing
{
    public static void Draw(XGraphics graphics, string text, XRect area)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix; // includes the quiet zone
        var size = matrix.Count;
        var module = Math.Min(area.Width, area.Height) / size;
        graphics.DrawRectangle(XBrushes.White, area.X, area.Y, module * size, module * size);
        var runs = new List<XRect>();
        for (var row = 0; row < size; row++)
        {
            var line = matrix[row];
            var column = 0;
            while (column < size)
            {
                if (!line[column]) { column++; continue; }
                var start = column;
                while (column < size && line[column]) column++;
                // Runs of dark modules become one rectangle; a hair of overlap hides seams in some viewers.
                runs.Add(new XRect(area.X + start * module, area.Y + row * module, (column - start) * module, module + 0.05));
            }
        }
        graphics.DrawRectangles(XBrushes.Black, [.. runs]);
    }
}
