using Microsoft.Extensions.Logging;

namespace Vupe.Connectors.Simulation;

/// <summary>RENIEC, simulated: <see cref="SimulatedPopulation"/> decides who exists.</summary>
public sealed class SimulatedIdentityRegistry(SimulatorControl control, TimeProvider time, ILogger<SimulatedIdentityRegistry> logger)
    : IIdentityRegistry
{
    private readonly SimulatedBackOffice backOffice = new(control, time, logger);

    public Task<ConnectorResult<IdentityLookup>> LookUpAsync(ConnectorRequest request, CancellationToken cancellationToken) =>
        backOffice.ConsultAsync(ConnectorDescriptor.Identity, request,
            citizen => citizen.Identity is null ? IdentityLookup.NotFound : new IdentityLookup(citizen.Identity), cancellationToken);
}

public sealed class SimulatedPoliceRecords(SimulatorControl control, TimeProvider time, ILogger<SimulatedPoliceRecords> logger)
    : IPoliceRecords
{
    private readonly SimulatedBackOffice backOffice = new(control, time, logger);

    public Task<ConnectorResult<BackgroundCheck>> GetRecordsAsync(ConnectorRequest request, CancellationToken cancellationToken) =>
        backOffice.ConsultAsync(ConnectorDescriptor.PoliceRecords, request, citizen => new BackgroundCheck(citizen.PoliceRecords), cancellationToken);
}

public sealed class SimulatedJudicialRecords(SimulatorControl control, TimeProvider time, ILogger<SimulatedJudicialRecords> logger)
    : IJudicialRecords
{
    private readonly SimulatedBackOffice backOffice = new(control, time, logger);

    public Task<ConnectorResult<BackgroundCheck>> GetRecordsAsync(ConnectorRequest request, CancellationToken cancellationToken) =>
        backOffice.ConsultAsync(ConnectorDescriptor.JudicialRecords, request, citizen => new BackgroundCheck(citizen.JudicialRecords), cancellationToken);
}

public sealed class SimulatedPenalRecords(SimulatorControl control, TimeProvider time, ILogger<SimulatedPenalRecords> logger)
    : IPenalRecords
{
    private readonly SimulatedBackOffice backOffice = new(control, time, logger);

    public Task<ConnectorResult<BackgroundCheck>> GetRecordsAsync(ConnectorRequest request, CancellationToken cancellationToken) =>
        backOffice.ConsultAsync(ConnectorDescriptor.PenalRecords, request, citizen => new BackgroundCheck(citizen.PenalRecords), cancellationToken);
}

public sealed class SimulatedEducationRecords(SimulatorControl control, TimeProvider time, ILogger<SimulatedEducationRecords> logger)
    : IEducationRecords
{
    private readonly SimulatedBackOffice backOffice = new(control, time, logger);

    public Task<ConnectorResult<EducationHistory>> GetEducationAsync(ConnectorRequest request, CancellationToken cancellationToken) =>
        backOffice.ConsultAsync(ConnectorDescriptor.Education, request, citizen => new EducationHistory(citizen.Education), cancellationToken);
}

public sealed class SimulatedFormalEmploymentHistory(SimulatorControl control, TimeProvider time, ILogger<SimulatedFormalEmploymentHistory> logger)
    : IFormalEmploymentHistory
{
    private readonly SimulatedBackOffice backOffice = new(control, time, logger);

    public Task<ConnectorResult<EmploymentHistory>> GetEmploymentHistoryAsync(ConnectorRequest request, CancellationToken cancellationToken) =>
        backOffice.ConsultAsync(ConnectorDescriptor.Employment, request, citizen => new EmploymentHistory(citizen.Employment), cancellationToken);
}

/// <summary>SUNAT's padrón RUC, simulated: <see cref="SimulatedRucs"/> and generated active taxpayers, or what <see cref="SimulatorControl.SetTaxpayer"/> set.</summary>
public sealed class SimulatedTaxpayerRegistry(SimulatorControl control, TimeProvider time, ILogger<SimulatedTaxpayerRegistry> logger)
    : ITaxpayerRegistry
{
    private readonly SimulatedBackOffice backOffice = new(control, time, logger);

    public async Task<ConnectorResult<TaxpayerLookup>> LookUpAsync(TaxpayerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var call = ConnectorCallTracker.Start(ConnectorDescriptor.Taxpayers, request.IdempotencyKey, time);
        await backOffice.ArriveAsync(ConnectorDescriptor.Taxpayers, request.IdempotencyKey, call, cancellationToken).ConfigureAwait(false);
        var taxpayer = control.FindTaxpayer(request.Ruc);
        var result = taxpayer is null
            ? call.Answer(TaxpayerLookup.NotFound, null, attempts: 1, ConnectorCallOutcome.NotFound)
            : call.Answer(new TaxpayerLookup(taxpayer), $"SIM-TAXPAYERS-{request.Ruc}", attempts: 1);
        ConnectorLog.Record(logger, result.Call);
        return result;
    }
}
