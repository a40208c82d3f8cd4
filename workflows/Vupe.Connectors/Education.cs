namespace Vupe.Connectors;

/// <summary>MINEDU (basic education) and SUNEDU (university degrees) together: the trayectoria educativa.</summary>
public interface IEducationRecords
{
    Task<ConnectorResult<EducationHistory>> GetEducationAsync(ConnectorRequest request, CancellationToken cancellationToken);
}

/// <summary>Oldest first; empty when neither registry knows the citizen.</summary>
public sealed record EducationHistory(IReadOnlyList<EducationEntry> Entries)
{
    public static EducationHistory Empty { get; } = new([]);
}

/// <param name="Title">What was obtained, e.g. "Secundaria completa" or "Bachiller en Ingeniería Industrial".</param>
/// <param name="Year">The year it was completed or conferred.</param>
public sealed record EducationEntry(EducationLevel Level, string Institution, string Title, int Year);

public enum EducationLevel
{
    Primary,
    Secondary,
    HigherTechnical,
    Bachelor,
    ProfessionalTitle,
    Master,
    Doctorate,
}
