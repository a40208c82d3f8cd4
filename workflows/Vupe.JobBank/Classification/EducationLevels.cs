namespace Vupe.JobBank.Classification;

/// <summary>
/// The education levels of the ficha única, in order: a vacancy asks for a minimum, a seeker's highest completed
/// level meets it or not. The codes are the ficha's (sin-estudios … posgrado).
/// </summary>
public static class EducationLevels
{
    public static IReadOnlyList<(string Code, string Name)> All { get; } =
    [
        ("sin-estudios", "Sin estudios"), ("primaria", "Primaria"), ("secundaria", "Secundaria"),
        ("tecnica", "Técnica"), ("universitaria", "Universitaria"), ("posgrado", "Posgrado"),
    ];

    /// <summary>The level's rank (0 = sin estudios), or -1 for an unknown code.</summary>
    public static int Rank(string? code)
    {
        for (var i = 0; i < All.Count; i++)
            if (string.Equals(All[i].Code, code, StringComparison.Ordinal)) return i;
        return -1;
    }

    public static bool IsKnown(string? code) => Rank(code) >= 0;

    public static string NameOf(int rank) => rank >= 0 && rank < All.Count ? All[rank].Name : "Sin dato";
}
