using Microsoft.Extensions.Logging;

namespace Vupe.Connectors.Http;

// The typed HttpClients, one per back office; each base URL comes from Vupe:Connectors:{Name}:BaseUrl.
// Each asks GET {base}/{resource}/{dni}; police, judicial and penal records share one contract: GET {base}/antecedentes/{dni}.

internal sealed class HttpIdentityRegistry(HttpClient http, TimeProvider time, ILogger<HttpIdentityRegistry> logger) : IIdentityRegistry
{
    private readonly BackOfficeHttpCaller caller = new(http, time, logger);

    public Task<ConnectorResult<IdentityLookup>> LookUpAsync(ConnectorRequest request, CancellationToken cancellationToken) =>
        caller.GetAsync<PersonReply, IdentityLookup>(ConnectorDescriptor.Identity, "personas", request,
            reply => new IdentityLookup(new CitizenIdentity(reply.Dni, reply.GivenNames, reply.PaternalSurname, reply.MaternalSurname,
                reply.BirthDate, reply.Address, reply.Status)),
            notFound: IdentityLookup.NotFound, cancellationToken);
}

internal sealed class HttpPoliceRecords(HttpClient http, TimeProvider time, ILogger<HttpPoliceRecords> logger) : IPoliceRecords
{
    private readonly BackOfficeHttpCaller caller = new(http, time, logger);

    public Task<ConnectorResult<BackgroundCheck>> GetRecordsAsync(ConnectorRequest request, CancellationToken cancellationToken) =>
        BackgroundRecordsContract.GetAsync(caller, ConnectorDescriptor.PoliceRecords, request, cancellationToken);
}

internal sealed class HttpJudicialRecords(HttpClient http, TimeProvider time, ILogger<HttpJudicialRecords> logger) : IJudicialRecords
{
    private readonly BackOfficeHttpCaller caller = new(http, time, logger);

    public Task<ConnectorResult<BackgroundCheck>> GetRecordsAsync(ConnectorRequest request, CancellationToken cancellationToken) =>
        BackgroundRecordsContract.GetAsync(caller, ConnectorDescriptor.JudicialRecords, request, cancellationToken);
}

internal sealed class HttpPenalRecords(HttpClient http, TimeProvider time, ILogger<HttpPenalRecords> logger) : IPenalRecords
{
    private readonly BackOfficeHttpCaller caller = new(http, time, logger);

    public Task<ConnectorResult<BackgroundCheck>> GetRecordsAsync(ConnectorRequest request, CancellationToken cancellationToken) =>
        BackgroundRecordsContract.GetAsync(caller, ConnectorDescriptor.PenalRecords, request, cancellationToken);
}

internal static class BackgroundRecordsContract
{
    // No "not found" here: a 404 could as well be a wrong base URL, and reading it as "no records" would
    // certify a clean record nobody checked. A person without records is a 200 with an empty list.
    public static Task<ConnectorResult<BackgroundCheck>> GetAsync(BackOfficeHttpCaller caller, ConnectorDescriptor descriptor,
        ConnectorRequest request, CancellationToken cancellationToken) =>
        caller.GetAsync<RecordsReply, BackgroundCheck>(descriptor, "antecedentes", request,
            reply => new BackgroundCheck([.. reply.Records.Select(r => new BackgroundRecord(r.Date, r.Authority, r.Description, r.Status))]),
            notFound: null, cancellationToken);
}

internal sealed class HttpEducationRecords(HttpClient http, TimeProvider time, ILogger<HttpEducationRecords> logger) : IEducationRecords
{
    private readonly BackOfficeHttpCaller caller = new(http, time, logger);

    public Task<ConnectorResult<EducationHistory>> GetEducationAsync(ConnectorRequest request, CancellationToken cancellationToken) =>
        caller.GetAsync<EducationReply, EducationHistory>(ConnectorDescriptor.Education, "educacion", request,
            reply => new EducationHistory([.. reply.Entries.Select(e => new EducationEntry(e.Level, e.Institution, e.Title, e.Year))]),
            notFound: null, cancellationToken);
}

internal sealed class HttpFormalEmploymentHistory(HttpClient http, TimeProvider time, ILogger<HttpFormalEmploymentHistory> logger)
    : IFormalEmploymentHistory
{
    private readonly BackOfficeHttpCaller caller = new(http, time, logger);

    public Task<ConnectorResult<EmploymentHistory>> GetEmploymentHistoryAsync(ConnectorRequest request, CancellationToken cancellationToken) =>
        caller.GetAsync<EmploymentReply, EmploymentHistory>(ConnectorDescriptor.Employment, "periodos-laborales", request,
            reply => new EmploymentHistory([.. reply.Periods.Select(ToPeriod)]),
            notFound: null, cancellationToken);

    private static EmploymentPeriod ToPeriod(EmploymentItem item)
    {
        if (item.EmployerRuc is not { Length: 11 } || !item.EmployerRuc.All(char.IsAsciiDigit))
        {
            throw new WireContractViolation($"employer RUC '{item.EmployerRuc}' is not 11 digits");
        }
        if (item.To is { } to && to < item.From)
        {
            throw new WireContractViolation($"a period at {item.EmployerRuc} ends before it starts");
        }
        return new EmploymentPeriod(item.EmployerName, item.EmployerRuc, item.From, item.To);
    }
}

/// <summary>SUNAT's padrón RUC: GET {base}/contribuyentes/{ruc}; 404 is "SUNAT does not know this RUC".</summary>
internal sealed class HttpTaxpayerRegistry(HttpClient http, TimeProvider time, ILogger<HttpTaxpayerRegistry> logger) : ITaxpayerRegistry
{
    private readonly BackOfficeHttpCaller caller = new(http, time, logger);

    public Task<ConnectorResult<TaxpayerLookup>> LookUpAsync(TaxpayerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return caller.GetAsync<TaxpayerReply, TaxpayerLookup>(ConnectorDescriptor.Taxpayers, "contribuyentes", new Subject("RUC", request.Ruc),
            request.IdempotencyKey, reply => string.IsNullOrWhiteSpace(reply.LegalName)
                ? throw new WireContractViolation("the taxpayer has no legal name")
                : new TaxpayerLookup(new Taxpayer(reply.Ruc, reply.LegalName.Trim(), reply.State, reply.Condition)),
            notFound: TaxpayerLookup.NotFound, cancellationToken);
    }
}
