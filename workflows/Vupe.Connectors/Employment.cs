namespace Vupe.Connectors;

/// <summary>Formal work experience as declared by employers in the Planilla Electrónica.</summary>
public interface IFormalEmploymentHistory
{
    Task<ConnectorResult<EmploymentHistory>> GetEmploymentHistoryAsync(ConnectorRequest request, CancellationToken cancellationToken);
}

/// <summary>Oldest first; empty when no employer ever declared the citizen.</summary>
public sealed record EmploymentHistory(IReadOnlyList<EmploymentPeriod> Periods)
{
    public static EmploymentHistory Empty { get; } = new([]);
}

/// <param name="EmployerRuc">The employer's 11-digit RUC.</param>
/// <param name="To">Null while the employment is ongoing.</param>
public sealed record EmploymentPeriod(string EmployerName, string EmployerRuc, DateOnly From, DateOnly? To);
