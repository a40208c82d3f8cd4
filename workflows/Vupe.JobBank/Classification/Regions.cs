using System.Collections.Frozen;

namespace Vupe.JobBank.Classification;

/// <summary>A department of Peru by its INEI ubigeo code ("08" Cusco).</summary>
public sealed record Region(string Code, string Name);

/// <summary>
/// The 25 departments (Lima Metropolitana is province 1501 of Lima) and which border which, so the matching can
/// prefer a vacancy next door to one across the country. Ubigeos are 2 (department), 4 (province) or 6 (district)
/// digits; the first two are always the department.
/// </summary>
public static class Regions
{
    public static IReadOnlyList<Region> All { get; } =
    [
        new("01", "Amazonas"), new("02", "Áncash"), new("03", "Apurímac"), new("04", "Arequipa"), new("05", "Ayacucho"),
        new("06", "Cajamarca"), new("07", "Callao"), new("08", "Cusco"), new("09", "Huancavelica"), new("10", "Huánuco"),
        new("11", "Ica"), new("12", "Junín"), new("13", "La Libertad"), new("14", "Lambayeque"), new("15", "Lima"),
        new("16", "Loreto"), new("17", "Madre de Dios"), new("18", "Moquegua"), new("19", "Pasco"), new("20", "Piura"),
        new("21", "Puno"), new("22", "San Martín"), new("23", "Tacna"), new("24", "Tumbes"), new("25", "Ucayali"),
    ];

    // Land borders between departments (each pair once; the lookup below makes it symmetric).
    private static readonly (string, string)[] Borders =
    [
        ("01", "06"), ("01", "13"), ("01", "16"), ("01", "22"),
        ("02", "10"), ("02", "13"), ("02", "15"),
        ("03", "04"), ("03", "05"), ("03", "08"),
        ("04", "05"), ("04", "08"), ("04", "11"), ("04", "18"), ("04", "21"),
        ("05", "08"), ("05", "09"), ("05", "11"), ("05", "12"),
        ("06", "13"), ("06", "14"), ("06", "20"),
        ("07", "15"),
        ("08", "12"), ("08", "17"), ("08", "21"), ("08", "25"),
        ("09", "11"), ("09", "12"), ("09", "15"),
        ("10", "13"), ("10", "15"), ("10", "16"), ("10", "19"), ("10", "22"), ("10", "25"),
        ("11", "15"),
        ("12", "15"), ("12", "19"), ("12", "25"),
        ("13", "14"), ("13", "22"),
        ("14", "20"),
        ("15", "19"),
        ("16", "22"), ("16", "25"),
        ("17", "21"), ("17", "25"),
        ("18", "21"), ("18", "23"),
        ("19", "25"),
        ("20", "24"),
        ("21", "23"),
    ];

    private static readonly FrozenDictionary<string, string> Names = All.ToFrozenDictionary(r => r.Code, r => r.Name, StringComparer.Ordinal);


    public static bool IsKnown(string code) => Names.ContainsKey(code);

    /// <summary>The department's name for a department code or any longer ubigeo; the code itself if unknown.</summary>
    public static string NameOf(string ubigeo) => ubigeo.Length >= 2 && Names.TryGetValue(ubigeo[..2], out var name) ? name : ubigeo;

    /// <summary>The department code of an ubigeo.</summary>
    public static string DepartmentOf(string ubigeo) => ubigeo.Length >= 2 ? ubigeo[..2] : ubigeo;

    // The borders by department number (the matching's inner loop compares numbers, not strings).
    private static readonly bool[,] NeighbourMatrix = BuildMatrix();

    /// <summary>Whether two departments, by number (8 = Cusco), share a border.</summary>
    public static bool AreNeighbours(int department, int other) =>
        department is > 0 and <= 25 && other is > 0 and <= 25 && NeighbourMatrix[department, other];

    private static bool[,] BuildMatrix()
    {
        var matrix = new bool[26, 26];
        foreach (var (a, b) in Borders)
        {
            var (x, y) = (int.Parse(a, System.Globalization.CultureInfo.InvariantCulture), int.Parse(b, System.Globalization.CultureInfo.InvariantCulture));
            matrix[x, y] = matrix[y, x] = true;
        }
        return matrix;
    }

    /// <summary>A valid ubigeo: 2, 4 or 6 digits starting with a known department.</summary>
    public static bool IsValidUbigeo(string? ubigeo) =>
        ubigeo is { Length: 2 or 4 or 6 } && ubigeo.All(char.IsAsciiDigit) && IsKnown(ubigeo[..2]);
}
