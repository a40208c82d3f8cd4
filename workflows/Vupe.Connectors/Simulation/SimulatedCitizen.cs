namespace Vupe.Connectors.Simulation;

/// <summary>Everything the six simulated back offices know about one DNI.</summary>
/// <param name="Identity">Null when RENIEC does not know the DNI; the other sources then know nothing either.</param>
public sealed record SimulatedCitizen(
    string Dni,
    CitizenIdentity? Identity,
    IReadOnlyList<BackgroundRecord> PoliceRecords,
    IReadOnlyList<BackgroundRecord> JudicialRecords,
    IReadOnlyList<BackgroundRecord> PenalRecords,
    IReadOnlyList<EducationEntry> Education,
    IReadOnlyList<EmploymentPeriod> Employment);
