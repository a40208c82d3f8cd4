namespace Vupe.Documents.Pdf;

/// <summary>
/// One part of a person's data report: label/value fields, or a table (headings and rows), or a sentence saying there is
/// nothing (<see cref="Empty"/>) when the table has no rows.
/// </summary>
public sealed record PersonalDataSection(
    string Title,
    IReadOnlyList<KeyValuePair<string, string>> Fields,
    IReadOnlyList<string> Columns,
    IReadOnlyList<IReadOnlyList<string>> Rows,
    string Empty = "Sin registros.")
{
    public static PersonalDataSection OfFields(string title, params KeyValuePair<string, string>[] fields) => new(title, fields, [], []);

    public static PersonalDataSection OfTable(string title, IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string>> rows, string empty = "Sin registros.") =>
        new(title, [], columns, [.. rows], empty);
}

/// <summary>What "Descargar mis datos" prints: whose data, and every section; free of the server's types so any host can fill it.</summary>
public sealed record PersonalDataReport(string HolderName, string MaskedDocument, IReadOnlyList<PersonalDataSection> Sections);
