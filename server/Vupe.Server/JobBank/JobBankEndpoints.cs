using Vupe.JobBank.Classification;
using Vupe.Server.Auth;
using Vupe.Server.Hosting;

namespace Vupe.Server.JobBank;

/// <summary>
/// The national job bank: vacancies (read by every office, changed by the one that registered them), seekers'
/// profiles, matching with reasons, referrals and the company's answers, which consultants record on its behalf.
/// </summary>
public static class JobBankEndpoints
{
    public static void MapJobBankEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/occupations", (OccupationCatalog occupations) => occupations.All)
            .WithTags("Job bank").RequireAuthorization(Policies.ReadCases).WithSummary("The occupational classification (CNO Perú, four-digit codes)");

        api.MapGet("/labour-market", async (string? region, string? occupation, int? top, string? format, LabourMarketReport report, CancellationToken ct) =>
            {
                var result = await report.ForAsync(region, occupation, top, ct);
                return format == "csv"
                    ? Results.File(LabourMarketReport.ToCsv(result), "text/csv; charset=utf-8", $"mercado-de-trabajo-{result.RegionCode ?? "peru"}.csv")
                    : Results.Ok(result);
            })
            .WithTags("Job bank").RequireAuthorization(Policies.ReadCases)
            .WithSummary("Labour-market information by occupation for a region (or Peru): open vacancies and positions, placements in 12 months, active seekers; format=csv to export");

        var vacancies = api.MapGroup("/vacancies").WithTags("Job bank").RequireAuthorization(Policies.ReadCases);
        vacancies.MapGet("/", (string? q, string? occupation, string? region, decimal? minSalary, string? status, int? page, int? pageSize, VacancyService service, CancellationToken ct) =>
                service.SearchAsync(q, occupation, region, minSalary, status, page, pageSize, ct))
            .WithSummary("National vacancy search: free text (accent-insensitive), occupation, region (INEI department), minimum salary, status");
        vacancies.MapPost("/", async (VacancyInput input, VacancyService service, HttpContext http, CancellationToken ct) =>
            {
                var vacancy = await service.CreateAsync(input, UserScope.From(http.User), ct);
                return Results.Created($"/api/vacancies/{vacancy.Id}", vacancy);
            })
            .RequireAuthorization(Policies.WorkCases).WithSummary("Registers a company's vacancy (on its behalf)");
        vacancies.MapGet("/{id:guid}", (Guid id, VacancyService service, CancellationToken ct) => service.GetAsync(id, ct)).WithSummary("A vacancy");
        vacancies.MapPut("/{id:guid}", (Guid id, VacancyInput input, VacancyService service, HttpContext http, CancellationToken ct) =>
                service.UpdateAsync(id, input, UserScope.From(http.User), ct))
            .RequireAuthorization(Policies.WorkCases).WithSummary("Edits an open vacancy (send the version read)");
        vacancies.MapPost("/{id:guid}/close", (Guid id, long? version, VacancyService service, HttpContext http, CancellationToken ct) =>
                service.CloseAsync(id, version, UserScope.From(http.User), ct))
            .RequireAuthorization(Policies.WorkCases).WithSummary("Closes an open vacancy before its closing date");
        vacancies.MapGet("/{id:guid}/candidates", (Guid id, int? top, MatchingService service, CancellationToken ct) => service.CandidatesForAsync(id, top, ct))
            .RequireAuthorization(Policies.WorkCases).WithSummary("Consenting seekers of every region ranked for the vacancy, with the reasons");
        vacancies.MapGet("/{id:guid}/match/{partyId:guid}", (Guid id, Guid partyId, MatchingService service, HttpContext http, CancellationToken ct) =>
                service.ExplainAsync(id, partyId, UserScope.From(http.User), ct))
            .WithSummary("Why a seeker and the vacancy match or not, criterion by criterion");
        vacancies.MapGet("/{id:guid}/referrals", (Guid id, ReferralService service, CancellationToken ct) => service.ForVacancyAsync(id, ct))
            .WithSummary("Seekers referred to the vacancy and the company's answers");
        vacancies.MapPost("/{id:guid}/referrals", async (Guid id, ReferralInput input, ReferralService service, HttpContext http, CancellationToken ct) =>
            {
                var referral = await service.ReferAsync(id, input, UserScope.From(http.User), ct);
                return Results.Created($"/api/referrals/{referral.Id}", referral);
            })
            .RequireAuthorization(Policies.WorkCases).WithSummary("Refers a consenting seeker who meets the vacancy's requirements");

        api.MapPost("/referrals/{id:guid}/answer", async (Guid id, ReferralAnswerInput input, ReferralService service, PlacementFollowUps followUps, HttpContext http, CancellationToken ct) =>
            {
                var user = UserScope.From(http.User);
                var answered = await service.AnswerAsync(id, input, user, ct);
                await followUps.OpenForAsync(answered, user.UserName, ct);
                return answered;
            })
            .WithTags("Job bank").RequireAuthorization(Policies.WorkCases).WithSummary("Records the company's answer; Hired records a placement (colocación)");

        var parties = api.MapGroup("/parties/{partyId:guid}").WithTags("Job bank").RequireAuthorization(Policies.ReadCases);
        parties.MapGet("/jobseeker", async (Guid partyId, SeekerService service, CancellationToken ct) =>
                await service.FindAsync(partyId, ct) is { } seeker ? Results.Ok(seeker) : Results.NotFound())
            .WithSummary("The citizen's job-bank profile");
        parties.MapPut("/jobseeker", (Guid partyId, SeekerInput input, SeekerService service, HttpContext http, CancellationToken ct) =>
                service.SaveAsync(partyId, input, UserScope.From(http.User), ct))
            .RequireAuthorization(Policies.WorkCases).WithSummary("Records what the citizen seeks (occupations, mobility, certifications); the rest comes from the ficha");
        parties.MapGet("/matches", (Guid partyId, int? top, MatchingService service, CancellationToken ct) => service.VacanciesForAsync(partyId, top, ct))
            .WithSummary("Open vacancies of every region ranked for the citizen, with the reasons");
        parties.MapGet("/referrals", (Guid partyId, ReferralService service, CancellationToken ct) => service.ForSeekerAsync(partyId, ct))
            .WithSummary("The citizen's referrals to vacancies and their answers");
    }
}
