using Vupe.Server.Audit;
using Vupe.Server.Auth;
using Vupe.Server.Hosting;
using Vupe.Server.Idempotency;

namespace Vupe.Server.Parties;

/// <summary>
/// The ficha única. Readable nationally by those who serve or audit cases (that is its point),
/// every read logged; written by consultants and supervisors.
/// </summary>
public static class PartyEndpoints
{
    public static void MapPartyEndpoints(this IEndpointRouteBuilder api)
    {
        var parties = api.MapGroup("/parties").WithTags("Parties").RequireAuthorization(Policies.ReadCases);

        parties.MapPost("/persons", async (CreatePersonRequest request, PartyDirectory directory, HttpContext http, CancellationToken ct) =>
            {
                var party = await directory.CreatePersonAsync(request, UserScope.From(http.User), ct);
                return Results.Created($"/api/parties/{party.Id}", party);
            })
            .RequireAuthorization(Policies.WorkCases).Idempotent(IdempotentResources.Party, Registered).WithSummary("Registers a citizen (DNI, carné de extranjería or passport)");

        parties.MapPost("/companies", async (CreateCompanyRequest request, PartyDirectory directory, HttpContext http, CancellationToken ct) =>
            {
                var party = await directory.CreateCompanyAsync(request, UserScope.From(http.User), ct);
                return Results.Created($"/api/parties/{party.Id}", party);
            })
            .RequireAuthorization(Policies.WorkCases).Idempotent(IdempotentResources.Party, Registered).WithSummary("Registers a company (RUC)");

        parties.MapGet("/", (string? document, string? q, PartyDirectory directory, CancellationToken ct) => directory.SearchAsync(document, q, ct))
            .WithSummary("Search by document number or by name (accent-insensitive)");

        parties.MapGet("/{id:guid}", (Guid id, PartyDirectory directory, HttpContext http, CancellationToken ct) => directory.ReadAsync(id, ct, UserScope.From(http.User)))
            .WithSummary("The ficha única");

        parties.MapPut("/{id:guid}/ficha", (Guid id, UpdateFichaRequest request, PartyDirectory directory, HttpContext http, CancellationToken ct) =>
                directory.UpdateFichaAsync(id, request, UserScope.From(http.User), ct))
            .RequireAuthorization(Policies.WorkCases).WithSummary("Updates contact data, education, experience, skills, disability, migrant status (send the version read)");

        parties.MapPost("/{id:guid}/identity/verify", (Guid id, VerifyIdentityRequest request, PartyDirectory directory, HttpContext http, CancellationToken ct) =>
                directory.VerifyIdentityAsync(id, request.AdoptReniec, request.Version, UserScope.From(http.User), ct))
            .RequireAuthorization(Policies.WorkCases)
            .WithSummary("Checks a DNI ficha against RENIEC now: marks it verified, or names the fields that disagree (adoptReniec: take RENIEC's names and birth date)");

        parties.MapPost("/{id:guid}/consents", async (Guid id, ConsentInput request, PartyDirectory directory, HttpContext http, CancellationToken ct) =>
                Results.Created($"/api/parties/{id}", await directory.AddConsentAsync(id, request, UserScope.From(http.User), ct)))
            .RequireAuthorization(Policies.WorkCases).WithSummary("Records consent given or withdrawn (Ley 29733)");

        parties.MapPost("/{id:guid}/contacts/{channel}/code", async (Guid id, string channel, ContactVerification verification, CancellationToken ct) =>
                Results.Accepted((string?)null, await verification.SendAsync(id, channel, ct)))
            .RequireAuthorization(Policies.WorkCases)
            .WithSummary("Sends a one-time code to the ficha's email (channel email) or phone (channel phone), to verify it");

        parties.MapPost("/{id:guid}/contacts/{channel}/verify", (Guid id, string channel, VerifyContactRequest request, ContactVerification verification,
                HttpContext http, CancellationToken ct) => verification.VerifyAsync(id, channel, request, UserScope.From(http.User), ct))
            .RequireAuthorization(Policies.WorkCases)
            .WithSummary("Marks the email or phone verified when the code sent there is typed back (code); 400 naming why not");

        parties.MapGet("/{id:guid}/history", (Guid id, PartyDirectory directory, CancellationToken ct) => directory.EmployabilityHistoryAsync(id, ct))
            .WithSummary("The employability history: every case in every office, in time order");

        parties.MapGet("/{id:guid}/audit", (Guid id, PartyDirectory directory, CancellationToken ct) => directory.TrailAsync(id, ct))
            .RequireAuthorization(Policies.Audit).WithSummary("Who read or changed this ficha, when and from where");

        parties.MapGet("/{id:guid}/audit/verify", (Guid id, PartyDirectory directory, CancellationToken ct) => directory.VerifyTrailAsync(id, ct))
            .RequireAuthorization(Policies.Audit).WithSummary("Recomputes the ficha's hash chain; reports the first broken link");
    }

    /// <summary>A registration's answer again, from the ficha a process that died before answering registered (the read is logged).</summary>
    private static async Task<IResult> Registered(HttpContext http, Guid partyId) =>
        Results.Created($"/api/parties/{partyId}", await http.RequestServices.GetRequiredService<PartyDirectory>().ReadAsync(partyId, http.RequestAborted));
}
