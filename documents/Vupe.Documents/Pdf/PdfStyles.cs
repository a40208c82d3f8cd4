using PdfSharp.Drawing;

namespace Vupe.Documents.Pdf;

/// <summary>Fonts and colours shared by every VUPE document, so they look like one family.</summary>
internal static class PdfStyles
{
    static PdfStyles() => PdfFontSetup.EnsureConfigured();

    public static readonly XFont Title = new(DejaVuFontResolver.FamilyName, 14, XFontStyleEx.Bold);
    public static readonly XFont Ministry = new(DejaVuFontResolver.FamilyName, 8.5, XFontStyleEx.Bold);
    public static readonly XFont Subtitle = new(DejaVuFontResolver.FamilyName, 8.5, XFontStyleEx.Regular);
    public static readonly XFont Heading = new(DejaVuFontResolver.FamilyName, 10, XFontStyleEx.Bold);
    public static readonly XFont Body = new(DejaVuFontResolver.FamilyName, 8.5, XFontStyleEx.Regular);
    public static readonly XFont BodyBold = new(DejaVuFontResolver.FamilyName, 8.5, XFontStyleEx.Bold);
    public static readonly XFont Label = new(DejaVuFontResolver.FamilyName, 6.5, XFontStyleEx.Regular);
    public static readonly XFont Small = new(DejaVuFontResolver.FamilyName, 7, XFontStyleEx.Regular);
    public static readonly XFont SmallItalic = new(DejaVuFontResolver.FamilyName, 7, XFontStyleEx.Italic);

    // The Peruvian state's red for rules and headings; greys for secondary text and table lines.
    public static readonly XColor Brand = XColor.FromArgb(0xC8, 0x10, 0x2E);
    public static readonly XBrush BrandBrush = new XSolidBrush(Brand);
    public static readonly XBrush Text = XBrushes.Black;
    public static readonly XBrush Muted = new XSolidBrush(XColor.FromArgb(0x55, 0x55, 0x55));
    public static readonly XBrush HeaderFill = new XSolidBrush(XColor.FromArgb(0xEE, 0xEE, 0xEE));
    public static readonly XPen Rule = new(Brand, 1.2);
    public static readonly XPen Grid = new(XColor.FromArgb(0xBB, 0xBB, 0xBB), 0.5);
}
