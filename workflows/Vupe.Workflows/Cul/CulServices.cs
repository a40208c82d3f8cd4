using Microsoft.Extensions.Logging.Abstractions;
using Vupe.Connectors;
using Vupe.Connectors.Simulation;

namespace Vupe.Workflows.Cul;

/// <summary>What the CUL procedure's handlers call: the six back offices, the archive and the PDF issuer.</summary>
public sealed record CulServices(
    IIdentityRegistry Identity,
    IPoliceRecords PoliceRecords,
    IJudicialRecords JudicialRecords,
    IPenalRecords PenalRecords,
    IEducationRecords Education,
    IFormalEmploymentHistory Employment,
    ICulArchive Archive,
    ICulPdfIssuer PdfIssuer)
{
    /// <summary>The six back offices simulated (Vupe.Connectors.Simulation), for tests, the sample and the demo without a host's DI.</summary>
    public static CulServices WithSimulators(SimulatorControl control, ICulArchive archive, ICulPdfIssuer pdfIssuer, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        return new CulServices(
            new SimulatedIdentityRegistry(control, time, NullLogger<SimulatedIdentityRegistry>.Instance),
            new SimulatedPoliceRecords(control, time, NullLogger<SimulatedPoliceRecords>.Instance),
            new SimulatedJudicialRecords(control, time, NullLogger<SimulatedJudicialRecords>.Instance),
            new SimulatedPenalRecords(control, time, NullLogger<SimulatedPenalRecords>.Instance),
            new SimulatedEducationRecords(control, time, NullLogger<SimulatedEducationRecords>.Instance),
            new SimulatedFormalEmploymentHistory(control, time, NullLogger<SimulatedFormalEmploymentHistory>.Instance),
            archive, pdfIssuer);
    }
}
