namespace Vupe.Connectors;

/// <summary>Everything the six sources said for one CUL, each answer with its source, time and reference.</summary>
public sealed record CulSources(
    ConnectorResult<IdentityLookup> Identity,
    ConnectorResult<BackgroundCheck> PoliceRecords,
    ConnectorResult<BackgroundCheck> JudicialRecords,
    ConnectorResult<BackgroundCheck> PenalRecords,
    ConnectorResult<EducationHistory> Education,
    ConnectorResult<EmploymentHistory> Employment);
