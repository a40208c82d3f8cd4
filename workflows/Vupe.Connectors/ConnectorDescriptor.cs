namespace Vupe.Connectors;

/// <summary>Which connector, which institution behind it and which of its operations: the fixed part of every call record.</summary>
internal sealed record ConnectorDescriptor(string Name, string Source, string Operation)
{
    public static ConnectorDescriptor Identity { get; } = new(ConnectorNames.Identity, SourceNames.Reniec, "LookUp");
    public static ConnectorDescriptor PoliceRecords { get; } = new(ConnectorNames.PoliceRecords, SourceNames.Pnp, "GetRecords");
    public static ConnectorDescriptor JudicialRecords { get; } = new(ConnectorNames.JudicialRecords, SourceNames.PoderJudicial, "GetRecords");
    public static ConnectorDescriptor PenalRecords { get; } = new(ConnectorNames.PenalRecords, SourceNames.Inpe, "GetRecords");
    public static ConnectorDescriptor Education { get; } = new(ConnectorNames.Education, SourceNames.MineduSunedu, "GetEducation");
    public static ConnectorDescriptor Employment { get; } = new(ConnectorNames.Employment, SourceNames.PlanillaElectronica, "GetEmploymentHistory");
    public static ConnectorDescriptor Taxpayers { get; } = new(ConnectorNames.Taxpayers, SourceNames.Sunat, "LookUpTaxpayer");
}
