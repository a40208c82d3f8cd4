using System.Globalization;
using System.Text.RegularExpressions;
using Vupe.Documents.Pdf;
using Vupe.Engine;
using Vupe.Workflows.Documents;

namespace Vupe.Workflows.Handlers;

/// <summary>
/// <c>vupe.documentos.emitir</c>: issues a signed constancia or certificate for the case's person (a course completed,
/// a competency certified) through <see cref="IServiceDocumentIssuer"/>, keyed by the task's idempotency key, so a
/// retry returns the document already issued. What the document says is the process's, in headers a supervisor edits:
/// <list type="bullet">
/// <item><c>documento</c>: the document kind's code (constancia, certificado-competencias); <c>titulo</c>: the title
/// printed; <c>prefijo</c>: the number's prefix (the number is prefix-case number); <c>declaracion</c>: what it attests,
/// after "… hace constar que {nombre}"; <c>vigencia</c>: optional, PnY or PnM (no expiry without it).</item>
/// <item><c>campos</c>: the particulars, <c>Etiqueta=variable|…</c>; a variable the case lacks is left out.</item>
/// <item><c>variable</c>: where the receipt goes (numero, codigoVerificacion, documentoId, sha256, emitidoEn,
/// validoHasta); default <c>documento</c>.</item>
/// </list>
/// Reads partyId and nombre (required), tipoDocumento and numeroDocumento (the holder's document, printed when known).
/// </summary>
internal sealed partial class IssueServiceDocumentHandler(IServiceDocumentIssuer? issuer, TimeProvider time) : IServiceTaskHandler
{
    private static readonly CultureInfo Peru = CultureInfo.GetCultureInfo("es-PE");

    public async ValueTask<IReadOnlyDictionary<string, object?>?> ExecuteAsync(ServiceTaskContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        // A host that runs the catalogue without a document store cannot issue: say so instead of losing the document.
        if (issuer is null)
            throw new InvalidOperationException(
                $"La tarea «{context.ElementId}» del caso {context.CaseNumber} emite un documento, pero este motor no tiene dónde emitirlo: configure un IServiceDocumentIssuer en AddVupeCatalogue.");
        var kind = TaskVariables.RequiredHeader(context, "documento");
        var issuedAt = time.GetUtcNow();
        var certificate = new ServiceCertificate(
            TaskVariables.RequiredHeader(context, "titulo"),
            $"{TaskVariables.RequiredHeader(context, "prefijo")}-{context.CaseNumber}",
            VerificationCode.New(),
            issuedAt,
            ValidUntil(context, issuedAt),
            context.OfficeCode,
            TaskVariables.RequiredString(context, "nombre"),
            HolderDocument(context),
            TaskVariables.RequiredHeader(context, "declaracion"),
            Fields(context));
        var receipt = await issuer.IssueAsync(new ServiceDocumentRequest(context.IdempotencyKey, context.CaseId, context.CaseNumber, context.OfficeCode,
            TaskVariables.RequiredString(context, "partyId"), kind, certificate), ct);
        var variable = context.Headers.GetValueOrDefault("variable") is { Length: > 0 } v ? v : "documento";
        return new Dictionary<string, object?>
        {
            [variable] = new Dictionary<string, object?>
            {
                ["numero"] = receipt.Number,
                ["codigoVerificacion"] = receipt.VerificationCode,
                ["documentoId"] = receipt.DocumentId.ToString(),
                ["sha256"] = receipt.Sha256,
                ["emitidoEn"] = receipt.IssuedAt,
                ["validoHasta"] = receipt.ValidUntil,
            },
        };
    }

    private static DateTimeOffset? ValidUntil(ServiceTaskContext context, DateTimeOffset issuedAt)
    {
        if (context.Headers.GetValueOrDefault("vigencia") is not { Length: > 0 } text) return null;
        var match = Validity().Match(text);
        if (!match.Success || (!match.Groups[1].Success && !match.Groups[2].Success))
            throw new InvalidOperationException($"La tarea «{context.ElementId}»: la vigencia «{text}» no es válida; use años o meses, p. ej. P5Y o P6M.");
        var years = match.Groups[1].Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var months = match.Groups[2].Success ? int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : 0;
        return issuedAt.AddYears(years).AddMonths(months);
    }

    private static string? HolderDocument(ServiceTaskContext context)
    {
        if (TaskVariables.OptionalString(context, "numeroDocumento") is not { } number) return null;
        var type = TaskVariables.OptionalString(context, "tipoDocumento") switch
        {
            null or "Dni" => "DNI",
            "CarneExtranjeria" => "Carné de extranjería",
            var other => other,
        };
        return $"{type} {number}";
    }

    private static List<(string Label, string Value)> Fields(ServiceTaskContext context)
    {
        var fields = new List<(string, string)>();
        foreach (var pair in (context.Headers.GetValueOrDefault("campos") ?? "").Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            if (at <= 0 || at == pair.Length - 1)
                throw new InvalidOperationException($"La tarea «{context.ElementId}»: en la cabecera «campos», «{pair}» debe ser Etiqueta=variable.");
            if (context.Variables.TryGetValue(pair[(at + 1)..].Trim(), out var value) && Format(value) is { Length: > 0 } text)
                fields.Add((pair[..at].Trim(), text));
        }
        return fields;
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        string s when DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) => date.ToString("dd/MM/yyyy", Peru),
        string s => s,
        bool b => b ? "Sí" : "No",
        DateOnly d => d.ToString("dd/MM/yyyy", Peru),
        IFormattable f => f.ToString(null, Peru),
        IEnumerable<object?> list => string.Join(", ", list.Select(Format).OfType<string>()),
        _ => value.ToString(),
    };

    [GeneratedRegex(@"^P(?:(\d+)Y)?(?:(\d+)M)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Validity();
}
