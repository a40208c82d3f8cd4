using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Vupe.Documents.Pdf;

/// <summary>A column of a table: its header and its share of the table's width.</summary>
internal sealed record TableColumn(string Header, double Weight);

/// <summary>Where a page's footer goes and which page it is, for the document's own footer drawing.</summary>
internal sealed record FooterContext(XGraphics Graphics, XRect Area, int PageNumber, int PageCount);

/// <summary>What repeats on every page of a document: the ministry header with the document's title, and a footer.</summary>
internal sealed record PageFrame(string Title, string? Subtitle, double FooterHeight, Action<FooterContext> DrawFooter);

/// <summary>
/// Lays out VUPE documents top to bottom on A4 pages: header, section headings, label/value fields, tables and
/// paragraphs, starting a new page (with the header, and a table's column headings again) when one fills up.
/// Every renderer goes through this class so all documents share one look and one page-break logic.
/// </summary>
internal sealed class DocumentComposer : IDisposable
{
    public const string MinistryName = "Ministerio de Trabajo y Promoción del Empleo";
    public const string ServiceName = "Ventanilla Única de Promoción del Empleo";

    private const double Margin = 42;
    private const double CellPadding = 3;
    private const double LineGap = 1.25;

    private readonly PdfDocument _document;
    private readonly PageFrame _frame;
    private readonly List<PdfPage> _pages = [];
    private XGraphics? _graphics;
    private double _y;

    public DocumentComposer(PdfDocument document, PageFrame frame)
    {
        PdfFontSetup.EnsureConfigured();
        _document = document;
        _frame = frame;
        NewPage();
    }

    public XGraphics Graphics => _graphics!;

    private double Left => Margin;

    private double Width => _pages[^1].Width.Point - 2 * Margin;

    private double Bottom => _pages[^1].Height.Point - Margin - _frame.FooterHeight;

    public void NewPage()
    {
        _graphics?.Dispose();
        var page = _document.AddPage();
        page.Size = PageSize.A4;
        _pages.Add(page);
        _graphics = XGraphics.FromPdfPage(page);
        _y = Margin;
        DrawHeader();
    }

    public void Space(double points) => _y += points;

    public void EnsureSpace(double height)
    {
        if (_y + height > Bottom) NewPage();
    }

    /// <summary>A numbered section title with an optional note on the right (which source answered, and when).</summary>
    public void Heading(string title, string? note = null)
    {
        var noteLines = note is null ? [] : TextWrapper.Wrap(Graphics, note, PdfStyles.Small, Width * 0.55);
        var height = Math.Max(LineHeight(PdfStyles.Heading), noteLines.Count * LineHeight(PdfStyles.Small)) + 4;
        // Keep a heading with at least a couple of lines of its content.
        EnsureSpace(height + 3 * LineHeight(PdfStyles.Body));
        Graphics.DrawString(title, PdfStyles.Heading, PdfStyles.BrandBrush, Left, _y, XStringFormats.TopLeft);
        var noteY = _y;
        foreach (var line in noteLines)
        {
            Graphics.DrawString(line, PdfStyles.Small, PdfStyles.Muted, Left + Width, noteY, XStringFormats.TopRight);
            noteY += LineHeight(PdfStyles.Small);
        }
        _y += height;
        Graphics.DrawLine(PdfStyles.Grid, Left, _y - 2, Left + Width, _y - 2);
        _y += 2;
    }

    public void Paragraph(string text, XFont font, XBrush? brush = null)
    {
        foreach (var line in TextWrapper.Wrap(Graphics, text, font, Width))
        {
            EnsureSpace(LineHeight(font));
            Graphics.DrawString(line, font, brush ?? PdfStyles.Text, Left, _y, XStringFormats.TopLeft);
            _y += LineHeight(font);
        }
    }

    /// <summary>Label-over-value pairs laid out in columns, row by row.</summary>
    public void Fields(IReadOnlyList<(string Label, string Value)> fields, int columns = 2)
    {
        var columnWidth = Width / columns;
        for (var start = 0; start < fields.Count; start += columns)
        {
            var row = fields.Skip(start).Take(columns).ToList();
            var wrapped = row.Select(f => TextWrapper.Wrap(Graphics, f.Value, PdfStyles.BodyBold, columnWidth - 8)).ToList();
            var height = LineHeight(PdfStyles.Label) + wrapped.Max(lines => lines.Count) * LineHeight(PdfStyles.BodyBold) + 4;
            EnsureSpace(height);
            for (var i = 0; i < row.Count; i++)
            {
                var x = Left + i * columnWidth;
                Graphics.DrawString(row[i].Label.ToUpperInvariant(), PdfStyles.Label, PdfStyles.Muted, x, _y, XStringFormats.TopLeft);
                var y = _y + LineHeight(PdfStyles.Label);
                foreach (var line in wrapped[i])
                {
                    Graphics.DrawString(line, PdfStyles.BodyBold, PdfStyles.Text, x, y, XStringFormats.TopLeft);
                    y += LineHeight(PdfStyles.BodyBold);
                }
            }
            _y += height;
        }
    }

    /// <summary>A table with wrapped cells; rows never split across pages and the column headings repeat on each page.</summary>
    public void Table(IReadOnlyList<TableColumn> columns, IEnumerable<IReadOnlyList<string>> rows)
    {
        var totalWeight = columns.Sum(c => c.Weight);
        var widths = columns.Select(c => Width * c.Weight / totalWeight).ToArray();
        var headerHeight = RowHeight(columns.Select(c => c.Header).ToList(), widths, PdfStyles.BodyBold, out var headerLines);
        EnsureSpace(headerHeight + 2 * LineHeight(PdfStyles.Body));
        DrawRow(headerLines, widths, headerHeight, PdfStyles.BodyBold, PdfStyles.HeaderFill);
        foreach (var row in rows)
        {
            var height = RowHeight(row, widths, PdfStyles.Body, out var lines);
            if (_y + height > Bottom)
            {
                NewPage();
                DrawRow(headerLines, widths, headerHeight, PdfStyles.BodyBold, PdfStyles.HeaderFill);
            }
            DrawRow(lines, widths, height, PdfStyles.Body, fill: null);
        }
        _y += 6;
    }

    /// <summary>Draws every page's footer now that the page count is known.</summary>
    public void Finish()
    {
        _graphics?.Dispose();
        _graphics = null;
        for (var i = 0; i < _pages.Count; i++)
        {
            var page = _pages[i];
            using var graphics = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            var area = new XRect(Margin, page.Height.Point - Margin - _frame.FooterHeight, page.Width.Point - 2 * Margin, _frame.FooterHeight);
            graphics.DrawLine(PdfStyles.Grid, area.Left, area.Top + 4, area.Right, area.Top + 4);
            _frame.DrawFooter(new FooterContext(graphics, new XRect(area.X, area.Y + 8, area.Width, area.Height - 8), i + 1, _pages.Count));
        }
    }

    public void Dispose() => _graphics?.Dispose();

    public static double LineHeight(XFont font) => font.Size * LineGap;

    private void DrawHeader()
    {
        Graphics.DrawString(MinistryName, PdfStyles.Ministry, PdfStyles.Text, Left, _y, XStringFormats.TopLeft);
        _y += LineHeight(PdfStyles.Ministry);
        Graphics.DrawString(ServiceName, PdfStyles.Subtitle, PdfStyles.Muted, Left, _y, XStringFormats.TopLeft);
        _y += LineHeight(PdfStyles.Subtitle) + 3;
        Graphics.DrawLine(PdfStyles.Rule, Left, _y, Left + Width, _y);
        _y += 10;
        Graphics.DrawString(_frame.Title, PdfStyles.Title, PdfStyles.Text, Left + Width / 2, _y, XStringFormats.TopCenter);
        _y += LineHeight(PdfStyles.Title);
        if (_frame.Subtitle is { } subtitle)
        {
            Graphics.DrawString(subtitle, PdfStyles.Subtitle, PdfStyles.Muted, Left + Width / 2, _y, XStringFormats.TopCenter);
            _y += LineHeight(PdfStyles.Subtitle);
        }
        _y += 8;
    }

    private double RowHeight(IReadOnlyList<string> cells, double[] widths, XFont font, out List<string>[] lines)
    {
        lines = new List<string>[widths.Length];
        var maxLines = 1;
        for (var i = 0; i < widths.Length; i++)
        {
            lines[i] = TextWrapper.Wrap(Graphics, i < cells.Count ? cells[i] : string.Empty, font, widths[i] - 2 * CellPadding);
            maxLines = Math.Max(maxLines, lines[i].Count);
        }
        return maxLines * LineHeight(font) + 2 * CellPadding;
    }

    private void DrawRow(List<string>[] lines, double[] widths, double height, XFont font, XBrush? fill)
    {
        var x = Left;
        for (var i = 0; i < widths.Length; i++)
        {
            var cell = new XRect(x, _y, widths[i], height);
            if (fill is not null) Graphics.DrawRectangle(fill, cell);
            Graphics.DrawRectangle(PdfStyles.Grid, cell);
            var y = _y + CellPadding;
            foreach (var line in lines[i])
            {
                Graphics.DrawString(line, font, PdfStyles.Text, x + CellPadding, y, XStringFormats.TopLeft);
                y += LineHeight(font);
            }
            x += widths[i];
        }
        _y += height;
    }
}
