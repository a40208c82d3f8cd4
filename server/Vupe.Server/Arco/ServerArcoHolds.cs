using Microsoft.EntityFrameworkCore;
using Vupe.Server.Audit;
using Vupe.Server.Data;
using Vupe.Server.Documents;
using Vupe.Workflows.Arco;

namespace Vupe.Server.Arco;

/// <summary>
/// The ARCO procedure's holds as <see cref="RecordHold"/> rows on the ficha (kind Arco), so the retention job keeps every
/// document of the holder while the request is open. The hold names its case in its reason; placing it again (a retried
/// step) finds it and adds nothing, lifting it again changes nothing. Each change is in the ficha's audit trail.
/// </summary>
public sealed class ServerArcoHolds(IDbContextFactory<VupeDbContext> contexts, AuditLog audit, TimeProvider time) : IArcoHolds
{
    public const string PlacedBy = "proceso-arco";

    public static string ReasonPrefix(string caseNumber) => $"Solicitud ARCO {caseNumber}";

    public async Task PlaceAsync(string partyId, Guid caseId, string caseNumber, string right, CancellationToken ct)
    {
        var party = PartyOf(partyId);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var prefix = ReasonPrefix(caseNumber);
        if ((await ArcoHoldsOfAsync(db, party, ct)).Any(h => h.Reason.StartsWith(prefix, StringComparison.Ordinal))) return;
        var hold = new RecordHold
        {
            Target = HoldTarget.Party, TargetId = party, Kind = HoldKind.Arco, Reason = $"{prefix} ({ArcoRights.Find(right)?.Name ?? right}), mientras se atiende",
            PlacedAt = time.GetUtcNow(), PlacedBy = PlacedBy,
        };
        db.RecordHolds.Add(hold);
        audit.Stage(db, AuditTrails.ForParty(party), "hold.placed", new { holdId = hold.Id, kind = hold.Kind.ToString(), hold.Reason, caseId });
        await db.SaveChangesAsync(ct);
    }

    public async Task LiftAsync(string partyId, Guid caseId, string caseNumber, CancellationToken ct)
    {
        var party = PartyOf(partyId);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var prefix = ReasonPrefix(caseNumber);
        var holds = (await ArcoHoldsOfAsync(db, party, ct)).Where(h => h.LiftedAt == null && h.Reason.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        foreach (var hold in holds)
        {
            hold.LiftedAt = time.GetUtcNow();
            hold.LiftedBy = PlacedBy;
            hold.LiftReason = "Solicitud ARCO respondida";
            hold.Version++;
            audit.Stage(db, AuditTrails.ForParty(party), "hold.lifted", new { holdId = hold.Id, kind = hold.Kind.ToString(), reason = hold.LiftReason, caseId });
        }
        if (holds.Count > 0) await db.SaveChangesAsync(ct);
    }

    // A ficha has few holds: they are read whole and matched by their case here.
    private static Task<List<RecordHold>> ArcoHoldsOfAsync(VupeDbContext db, Guid party, CancellationToken ct) =>
        db.RecordHolds.Where(h => h.Target == HoldTarget.Party && h.TargetId == party && h.Kind == HoldKind.Arco).ToListAsync(ct);

    private static Guid PartyOf(string partyId) =>
        Guid.TryParse(partyId, out var id) ? id : throw new InvalidOperationException($"'{partyId}' is not a party id.");
}
