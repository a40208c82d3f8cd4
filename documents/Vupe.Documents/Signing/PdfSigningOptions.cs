namespace Vupe.Documents.Signing;

/// <summary>What the signature dictionary says about the signing (shown by PDF readers).</summary>
public sealed class PdfSigningOptions
{
    public string Reason { get; set; } = "Documento emitido por la Ventanilla Única de Promoción del Empleo";

    public string Location { get; set; } = "Lima, Perú";

    public string ContactInfo { get; set; } = "vupe@trabajo.gob.pe";

    public string AppName { get; set; } = "VupeCases";
}
