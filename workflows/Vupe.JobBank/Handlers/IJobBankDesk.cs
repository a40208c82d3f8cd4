namespace Vupe.JobBank.Handlers;

/// <summary>Whether a citizen can be matched and referred, and if not, what is missing (in Spanish, for the consultant).</summary>
public sealed record SeekerReadiness(bool Ready, IReadOnlyList<string> Missing);

/// <summary>A vacancy offered to a seeker, as a procedure shows it in a checklist.</summary>
public sealed record OfferedVacancy(Guid VacancyId, string Title, string CompanyName, string RegionName, int Score, string Reasons);

/// <summary>A referral made by a procedure step.</summary>
public sealed record ReferralMade(Guid ReferralId, Guid VacancyId, string Title, string CompanyName);

/// <summary>One occupation of a region's labour market, as the información del mercado de trabajo procedure reports it.</summary>
public sealed record MarketLine(string OccupationCode, string OccupationName, int OpenVacancies, int OpenPositions, decimal? AverageSalaryOffered, int Placements, int ActiveSeekers);

/// <summary>Who acts in a procedure step: the consultant who completed the task before it, or the procedure itself.</summary>
public sealed record DeskActor(string UserName, string? OfficeCode);

/// <summary>
/// The job bank as the bolsa-trabajo procedure's steps use it; the server implements it over its tables, in the
/// engine command's transaction. Each call is idempotent where it writes (a retried step refers once).
/// </summary>
public interface IJobBankDesk
{
    Task<SeekerReadiness> CheckSeekerAsync(Guid partyId, CancellationToken ct);

    Task<IReadOnlyList<OfferedVacancy>> RecommendAsync(Guid partyId, int top, CancellationToken ct);

    /// <summary>Refers the seeker to each vacancy; one already referred is returned as it is, not referred twice.</summary>
    Task<IReadOnlyList<ReferralMade>> ReferAsync(Guid partyId, IReadOnlyList<Guid> vacancyIds, Guid caseId, DeskActor actor, CancellationToken ct);

    /// <summary>Records the company's answer: contratado (with the start date: a placement), no-seleccionado or sin-respuesta.</summary>
    Task AnswerAsync(Guid referralId, string answer, DateOnly? startDate, string? notes, DeskActor actor, CancellationToken ct);

    /// <summary>The region's (null: Peru's) labour market by occupation, most positions to fill first.</summary>
    Task<IReadOnlyList<MarketLine>> MarketAsync(string? regionCode, int top, CancellationToken ct);
}

/// <summary>
/// For hosts without a job bank (samples, tests of other procedures): the bolsa-trabajo procedure deploys, and a step
/// that reaches this desk fails with a message saying why (an incident), never with a made-up answer.
/// </summary>
public sealed class UnavailableJobBankDesk : IJobBankDesk
{
    private const string Why = "This host has no job bank: pass an IJobBankDesk (the server's) to AddVupeCatalogue.";

    public Task<SeekerReadiness> CheckSeekerAsync(Guid partyId, CancellationToken ct) => throw new InvalidOperationException(Why);

    public Task<IReadOnlyList<OfferedVacancy>> RecommendAsync(Guid partyId, int top, CancellationToken ct) => throw new InvalidOperationException(Why);

    public Task<IReadOnlyList<ReferralMade>> ReferAsync(Guid partyId, IReadOnlyList<Guid> vacancyIds, Guid caseId, DeskActor actor, CancellationToken ct) =>
        throw new InvalidOperationException(Why);

    public Task AnswerAsync(Guid referralId, string answer, DateOnly? startDate, string? notes, DeskActor actor, CancellationToken ct) =>
        throw new InvalidOperationException(Why);

    public Task<IReadOnlyList<MarketLine>> MarketAsync(string? regionCode, int top, CancellationToken ct) => throw new InvalidOperationException(Why);
}
