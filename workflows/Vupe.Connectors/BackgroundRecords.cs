namespace Vupe.Connectors;

/// <summary>
/// One source of antecedentes (police, judicial or penal). The three sources answer in the same shape;
/// they stay separate interfaces so a handler asks for the one it means and DI can tell them apart.
/// </summary>
public interface IBackgroundRecords
{
    Task<ConnectorResult<BackgroundCheck>> GetRecordsAsync(ConnectorRequest request, CancellationToken cancellationToken);
}

#pragma warning disable CA1040 // Empty on purpose: the marker is what tells the three sources apart.
/// <summary>Antecedentes policiales, from the PNP.</summary>
public interface IPoliceRecords : IBackgroundRecords;

/// <summary>Antecedentes judiciales, from the Poder Judicial.</summary>
public interface IJudicialRecords : IBackgroundRecords;

/// <summary>Antecedentes penales, from the INPE.</summary>
public interface IPenalRecords : IBackgroundRecords;
#pragma warning restore CA1040

/// <summary>A source's records for one citizen; an empty list means "no records".</summary>
public sealed record BackgroundCheck(IReadOnlyList<BackgroundRecord> Records)
{
    public static BackgroundCheck Clean { get; } = new([]);

    public bool HasRecords => Records.Count > 0;
}

/// <param name="Authority">The court, police unit or prison authority that registered it.</param>
/// <param name="Status">As the source words it, e.g. "Vigente", "Archivado", "Rehabilitado".</param>
public sealed record BackgroundRecord(DateOnly Date, string Authority, string Description, string Status);
