using Vupe.Server.Auth;
using Vupe.Server.Hosting;

namespace Vupe.Server.Documents;

/// <summary>Legal and ARCO holds on a case (scoped like the case) or a ficha (national): list, place, lift — each audited.</summary>
public static class HoldEndpoints
{
    public static void MapHoldEndpoints(this IEndpointRouteBuilder api)
    {
        var cases = api.MapGroup("/cases/{id:guid}/holds").WithTags("Retention").RequireAuthorization(Policies.Holds);
        cases.MapGet("/", async (Guid id, CaseHolds holds, CancellationToken ct) => (await holds.ListAsync(id, ct)).Select(RecordHoldDto.From))
            .WithSummary("The case's legal and ARCO holds, active and lifted");
        cases.MapPost("/", async (Guid id, PlaceHoldRequest request, CaseHolds holds, CancellationToken ct) =>
                Results.Created($"/api/cases/{id}/holds", RecordHoldDto.From(await holds.PlaceAsync(id, request, ct))))
            .WithSummary("Places a hold (kind: legal | arco, reason): no document content of the case is deleted while it stands");
        cases.MapPost("/{holdId:guid}/lift", async (Guid id, Guid holdId, LiftHoldRequest request, CaseHolds holds, CancellationToken ct) =>
                RecordHoldDto.From(await holds.LiftAsync(id, holdId, request, ct)))
            .WithSummary("Lifts a hold (reason)");

        var parties = api.MapGroup("/parties/{id:guid}/holds").WithTags("Retention").RequireAuthorization(Policies.Holds);
        parties.MapGet("/", async (Guid id, RecordHolds holds, CancellationToken ct) => (await holds.ListAsync(HoldTarget.Party, id, ct)).Select(RecordHoldDto.From))
            .WithSummary("The ficha's legal and ARCO holds, active and lifted");
        parties.MapPost("/", async (Guid id, PlaceHoldRequest request, RecordHolds holds, HttpContext http, CancellationToken ct) =>
        {
            var hold = await holds.PlaceAsync(HoldTarget.Party, id, request, UserScope.From(http.User), ct);
            return Results.Created($"/api/parties/{id}/holds", RecordHoldDto.From(hold));
        }).WithSummary("Places a hold (kind: legal | arco, reason) on the documents of every case of the ficha");
        parties.MapPost("/{holdId:guid}/lift", async (Guid id, Guid holdId, LiftHoldRequest request, RecordHolds holds, HttpContext http, CancellationToken ct) =>
                RecordHoldDto.From(await holds.LiftAsync(HoldTarget.Party, id, holdId, request, UserScope.From(http.User), ct)))
            .WithSummary("Lifts a hold (reason)");
    }
}
