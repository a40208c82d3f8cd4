using System.Collections.Frozen;

namespace Vupe.JobBank.Classification;

/// <summary>
/// An occupation of the Clasificación Nacional de Ocupaciones (CNO Perú 2015, built on CIUO-08/ISCO-08): a
/// four-digit unit group. Occupations sharing their first three digits (the minor group) are related: a seeker
/// of one is a fair candidate for a vacancy of the other.
/// </summary>
public sealed record Occupation(string Code, string Name)
{
    public string MinorGroup => MinorGroupOf(Code);

    public static string MinorGroupOf(string code) => code.Length >= 3 ? code[..3] : code;
}

/// <summary>
/// The occupational classification the job bank uses, kept as data (Data/ocupaciones.csv, "codigo;nombre"):
/// vacancies and seekers name occupations by code, pages show the name.
/// </summary>
public sealed class OccupationCatalog
{
    private readonly FrozenDictionary<string, Occupation> _byCode;

    private OccupationCatalog(IEnumerable<Occupation> occupations)
    {
        All = [.. occupations.OrderBy(o => o.Code, StringComparer.Ordinal)];
        _byCode = All.ToFrozenDictionary(o => o.Code, StringComparer.Ordinal);
    }

    private static readonly Lazy<OccupationCatalog> Embedded = new(() =>
    {
        using var stream = typeof(OccupationCatalog).Assembly.GetManifestResourceStream("ocupaciones.csv")
            ?? throw new InvalidOperationException("The occupational classification (ocupaciones.csv) is not embedded.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    });

    /// <summary>The classification this assembly carries.</summary>
    public static OccupationCatalog Load() => Embedded.Value;

    /// <summary>Reads "codigo;nombre" lines (a header line first). Codes are four digits and unique.</summary>
    /// <exception cref="InvalidDataException">A line is malformed or a code repeats.</exception>
    public static OccupationCatalog Parse(string csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var occupations = new List<Occupation>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, number) in csv.Split('\n').Select((l, i) => (l.Trim(), i + 1)).Skip(1))
        {
            if (line.Length == 0) continue;
            var parts = line.Split(';', 2);
            if (parts.Length != 2 || parts[0].Length != 4 || !parts[0].All(char.IsAsciiDigit) || parts[1].Trim().Length == 0)
                throw new InvalidDataException($"ocupaciones.csv line {number}: expected 'codigo;nombre' with a four-digit code, got '{line}'.");
            if (!seen.Add(parts[0])) throw new InvalidDataException($"ocupaciones.csv line {number}: code {parts[0]} repeats.");
            occupations.Add(new Occupation(parts[0], parts[1].Trim()));
        }
        return new OccupationCatalog(occupations);
    }

    public IReadOnlyList<Occupation> All { get; }

    public Occupation? Find(string code) => _byCode.GetValueOrDefault(code);

    public bool IsKnown(string code) => _byCode.ContainsKey(code);

    /// <summary>The occupation's name, or the code itself when it is not in the classification (an old vacancy).</summary>
    public string NameOf(string code) => Find(code)?.Name ?? code;
}
