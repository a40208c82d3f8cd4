using Microsoft.EntityFrameworkCore;
using Vupe.Engine;
using Vupe.Server.Audit;
using Vupe.Server.Auth;
using Vupe.Server.Data;
using Vupe.Server.Problems;

namespace Vupe.Server.Documents;

public sealed record PlaceHoldRequest(string? Kind, string? Reason);

public sealed record LiftHoldRequest(string? Reason);

public sealed record RecordHoldDto(Guid Id, string Target, Guid TargetId, string Kind, string KindName, string Reason, DateTimeOffset PlacedAt, string PlacedBy,
    DateTimeOffset? LiftedAt, string? LiftedBy, string? LiftReason, bool Active)
{
    public static RecordHoldDto From(RecordHold h) => new(h.Id, h.Target.ToString(), h.TargetId, h.Kind.ToString(), RecordHolds.KindName(h.Kind), h.Reason,
        h.PlacedAt, h.PlacedBy, h.LiftedAt, h.LiftedBy, h.LiftReason, h.Active);
}

/// <summary>
/// Legal and ARCO holds on cases and fichas: placed and lifted by supervisors (their office's cases, any ficha) and
/// auditors, each change written in the case's or ficha's audit trail with the reason. The retention job reads them.
/// </summary>
public sealed class RecordHolds(IDbContextFactory<VupeDbContext> contexts, AuditLog audit, TimeProvider time)
{
    public static string KindName(HoldKind kind) => kind == HoldKind.Legal ? "Retención legal" : "Retención por derechos ARCO";

    public async Task<List<RecordHold>> ListAsync(HoldTarget target, Guid targetId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.RecordHolds.AsNoTracking().Where(h => h.Target == target && h.TargetId == targetId).OrderBy(h => h.PlacedAt).ToListAsync(ct);
    }

    public async Task<RecordHold> PlaceAsync(HoldTarget target, Guid targetId, PlaceHoldRequest request, UserScope user, CancellationToken ct)
    {
        var errors = new FieldErrors();
        HoldKind? kind = request.Kind?.Trim().ToLowerInvariant() switch
        {
            "legal" => HoldKind.Legal,
            "arco" => HoldKind.Arco,
            _ => null,
        };
        if (kind is null) errors.Add("kind", "Indique el tipo de retención: «legal» o «arco».");
        var reason = errors.Text("reason", request.Reason, 500, required: true);
        errors.ThrowIfAny();
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (target == HoldTarget.Party && !await db.Parties.AnyAsync(p => p.Id == targetId, ct)) throw new NotFoundException($"Party {targetId} does not exist.");
        var hold = new RecordHold { Target = target, TargetId = targetId, Kind = kind!.Value, Reason = reason!, PlacedAt = time.GetUtcNow(), PlacedBy = user.UserName };
        db.RecordHolds.Add(hold);
        audit.Stage(db, TrailOf(target, targetId), "hold.placed", new { holdId = hold.Id, kind = hold.Kind.ToString(), hold.Reason });
        await db.SaveChangesAsync(ct);
        return hold;
    }

    public async Task<RecordHold> LiftAsync(HoldTarget target, Guid targetId, Guid holdId, LiftHoldRequest request, UserScope user, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var reason = errors.Text("reason", request.Reason, 500, required: true);
        errors.ThrowIfAny();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var hold = await db.RecordHolds.FirstOrDefaultAsync(h => h.Id == holdId && h.Target == target && h.TargetId == targetId, ct)
            ?? throw new NotFoundException($"Hold {holdId} is not on {target} {targetId}.");
        if (!hold.Active) throw new StateConflictException("Esta retención ya fue levantada.");
        hold.LiftedAt = time.GetUtcNow();
        hold.LiftedBy = user.UserName;
        hold.LiftReason = reason;
        hold.Version++;
        audit.Stage(db, TrailOf(target, targetId), "hold.lifted", new { holdId = hold.Id, kind = hold.Kind.ToString(), reason });
        await db.SaveChangesAsync(ct);
        return hold;
    }

    private static string TrailOf(HoldTarget target, Guid id) => target == HoldTarget.Case ? AuditTrails.ForCase(id) : AuditTrails.ForParty(id);
}
