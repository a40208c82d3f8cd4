using System.Text;
using PdfSharp.Drawing;

namespace Vupe.Documents.Pdf;

/// <summary>Breaks text into lines that fit a width, at spaces where it can and inside a word only when one word is too long.</summary>
internal static class TextWrapper
{
    public static List<string> Wrap(XGraphics graphics, string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var line = new StringBuilder();
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : $"{line} {word}";
                if (graphics.MeasureString(candidate, font).Width <= width)
                {
                    line.Clear().Append(candidate);
                    continue;
                }
                if (line.Length > 0)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                }
                var rest = word;
                while (graphics.MeasureString(rest, font).Width > width && rest.Length > 1)
                {
                    var fit = rest.Length - 1;
                    while (fit > 1 && graphics.MeasureString(rest[..fit], font).Width > width) fit--;
                    lines.Add(rest[..fit]);
                    rest = rest[fit..];
                }
                line.Append(rest);
            }
            lines.Add(line.ToString());
        }
        return lines;
    }
}
