using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace Vupe.Documents.Pdf;

/// <summary>
/// Serves every font PDFsharp asks for from the DejaVu Sans files embedded in this assembly, whatever the
/// family name (PDFsharp's own signature appearance asks for "Verdana"), so output is the same on every machine
/// and no request can fail for a font the server lacks. DejaVu covers all Spanish letters and signs.
/// </summary>
public sealed class DejaVuFontResolver : IFontResolver
{
    public const string FamilyName = "DejaVu Sans";

    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";
    private const string Oblique = "DejaVuSans-Oblique";

    private static readonly ConcurrentDictionary<string, byte[]> Faces = new(StringComparer.Ordinal);

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) => (bold, italic) switch
    {
        (true, true) => new FontResolverInfo(Bold, mustSimulateBold: false, mustSimulateItalic: true),
        (true, false) => new FontResolverInfo(Bold),
        (false, true) => new FontResolverInfo(Oblique),
        _ => new FontResolverInfo(Regular),
    };

    public byte[]? GetFont(string faceName) => Faces.GetOrAdd(faceName, Load);

    private static byte[] Load(string faceName)
    {
        var resource = $"Vupe.Documents.Fonts.{faceName}.ttf";
        using var stream = typeof(DejaVuFontResolver).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded font {resource} is missing from the assembly.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}

/// <summary>Installs <see cref="DejaVuFontResolver"/> in PDFsharp's process-wide settings exactly once.</summary>
public static class PdfFontSetup
{
    private static readonly Lock Gate = new();
    private static volatile bool _done;

    public static void EnsureConfigured()
    {
        if (_done) return;
        lock (Gate)
        {
            if (_done) return;
            // PDFsharp allows setting the resolver only before the first font is used; another component of the
            // same process may have set its own already, which we respect rather than crash on.
            GlobalFontSettings.FontResolver ??= new DejaVuFontResolver();
            _done = true;
        }
    }
}
