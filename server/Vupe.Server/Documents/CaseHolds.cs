using Vupe.Engine;
using Vupe.Server.Auth;
using Vupe.Server.Cases;

namespace Vupe.Server.Documents;

/// <summary>
/// Legal and ARCO holds on one case, for the API and the case page alike: the case is found through
/// <see cref="CaseAccess"/> (another office's case is a 404, a role that may not hold a 403), then
/// <see cref="RecordHolds"/> places or lifts the hold and writes it in the case's trail.
/// </summary>
public sealed class CaseHolds(CaseAccess access, RecordHolds holds)
{
    public async Task<List<RecordHold>> ListAsync(Guid caseId, CancellationToken ct)
    {
        await access.GetCaseAsync(caseId, CaseOperations.Hold, ct);
        return await holds.ListAsync(HoldTarget.Case, caseId, ct);
    }

    /// <summary>The holds for a case page: null when the user may not place or lift them (the page shows nothing).</summary>
    public async Task<List<RecordHold>?> ListIfAllowedAsync(CaseFileInfo caseFile, CancellationToken ct) =>
        await access.MayAsync(caseFile, CaseOperations.Hold) ? await holds.ListAsync(HoldTarget.Case, caseFile.Id, ct) : null;

    public async Task<RecordHold> PlaceAsync(Guid caseId, PlaceHoldRequest request, CancellationToken ct)
    {
        await access.GetCaseAsync(caseId, CaseOperations.Hold, ct);
        return await holds.PlaceAsync(HoldTarget.Case, caseId, request, access.Scope, ct);
    }

    public async Task<RecordHold> LiftAsync(Guid caseId, Guid holdId, LiftHoldRequest request, CancellationToken ct)
    {
        await access.GetCaseAsync(caseId, CaseOperations.Hold, ct);
        return await holds.LiftAsync(HoldTarget.Case, caseId, holdId, request, access.Scope, ct);
    }
}
