namespace Vupe.Workflows.Cul;

/// <summary>The six sections of a Certificado Único Laboral, each answered by one back office.</summary>
public static class CulSections
{
    public const string Identity = "identidad";
    public const string PoliceRecords = "antecedentesPoliciales";
    public const string JudicialRecords = "antecedentesJudiciales";
    public const string PenalRecords = "antecedentesPenales";
    public const string Education = "trayectoriaEducativa";
    public const string Employment = "experienciaLaboral";

    public static IReadOnlyList<string> All { get; } = [Identity, PoliceRecords, JudicialRecords, PenalRecords, Education, Employment];

    /// <summary>Sections holding criminal data: only roles allowed to see antecedentes may read them.</summary>
    public static IReadOnlyList<string> Criminal { get; } = [PoliceRecords, JudicialRecords, PenalRecords];

    public static bool IsCriminal(string section) => Criminal.Contains(section);
}
