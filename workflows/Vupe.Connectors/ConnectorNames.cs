namespace Vupe.Connectors;

/// <summary>
/// The back-office connectors: the six the CUL draws on, and SUNAT's taxpayer registry, which vets the companies that
/// sign up to the job bank online. Each name is the configuration key under
/// <c>Vupe:Connectors</c>, the connector named in a <see cref="ConnectorCallRecord"/> and the key of
/// <see cref="Simulation.SimulatorControl"/>.
/// </summary>
public static class ConnectorNames
{
    public const string Identity = "Identity";
    public const string PoliceRecords = "PoliceRecords";
    public const string JudicialRecords = "JudicialRecords";
    public const string PenalRecords = "PenalRecords";
    public const string Education = "Education";
    public const string Employment = "Employment";
    public const string Taxpayers = "Taxpayers";

    public static IReadOnlyList<string> All { get; } =
        [Identity, PoliceRecords, JudicialRecords, PenalRecords, Education, Employment, Taxpayers];
}

/// <summary>The institutions behind the connectors, as a certificate names its sources.</summary>
public static class SourceNames
{
    public const string Reniec = "RENIEC";
    public const string Pnp = "PNP";
    public const string PoderJudicial = "Poder Judicial";
    public const string Inpe = "INPE";
    public const string MineduSunedu = "MINEDU/SUNEDU";
    public const string PlanillaElectronica = "Planilla Electrónica";
    public const string Sunat = "SUNAT";
}
