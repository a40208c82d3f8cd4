using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vupe.Server.Audit;
using Vupe.Server.Data;
using Vupe.Workflows;

namespace Vupe.Server.Parties;

/// <summary>
/// The catalogue's handlers write diagnoses and referral outcomes into the ficha única here. The
/// engine may run a step twice (retry, two nodes): the idempotency key's unique index makes the
/// second write a no-op. Each write is also a change in the party's audit trail, committed with it.
/// </summary>
public sealed class FichaEmployabilityRecord(IDbContextFactory<VupeDbContext> contexts, AuditLog audit, TimeProvider time) : IEmployabilityRecord
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task RecordDiagnosisAsync(EmployabilityDiagnosis diagnosis, CancellationToken ct) =>
        RecordAsync(diagnosis.PartyId, partyId => new EmployabilityEntry
        {
            PartyId = partyId, Kind = EmployabilityEntryKind.Diagnosis, CaseId = diagnosis.CaseId, CaseNumber = diagnosis.CaseNumber, OfficeCode = diagnosis.OfficeCode,
            Summary = string.Join(',', diagnosis.RecommendedServices.Select(s => s.ServiceCode)), IdempotencyKey = diagnosis.IdempotencyKey,
            RecordedAt = time.GetUtcNow(), Data = JsonSerializer.Serialize(diagnosis, Json),
        }, "ficha.diagnosis.recorded", ct);

    public Task RecordReferralOutcomeAsync(ReferralOutcome outcome, CancellationToken ct) =>
        RecordAsync(outcome.PartyId, partyId => new EmployabilityEntry
        {
            PartyId = partyId, Kind = EmployabilityEntryKind.ReferralOutcome, CaseId = outcome.CaseId, CaseNumber = outcome.CaseNumber, OfficeCode = outcome.OfficeCode,
            ServiceCode = outcome.ServiceCode, Summary = outcome.FollowUpResult ?? outcome.DeliveryResult, IdempotencyKey = outcome.IdempotencyKey,
            RecordedAt = time.GetUtcNow(), Data = JsonSerializer.Serialize(outcome, Json),
        }, "ficha.outcome.recorded", ct);

    private async Task RecordAsync(string partyIdText, Func<Guid, EmployabilityEntry> entryFor, string action, CancellationToken ct)
    {
        // A party id the process carries that is not a ficha is a technical failure: the step retries, then raises an incident.
        if (!Guid.TryParse(partyIdText, out var partyId)) throw new InvalidOperationException($"'{partyIdText}' is not a party id.");
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = entryFor(partyId);
        var key = row.IdempotencyKey;
        // One query for both questions (this runs in every diagnosis step): no row, no party; else whether the key is recorded.
        var recorded = await db.Parties.Where(p => p.Id == partyId).Select(p => db.EmployabilityEntries.Any(e => e.IdempotencyKey == key)).ToListAsync(ct);
        if (recorded.Count == 0) throw new InvalidOperationException($"Party {partyId} does not exist.");
        if (recorded[0]) return;
        db.EmployabilityEntries.Add(row);
        audit.Stage(db, AuditTrails.ForParty(partyId), action, new { row.CaseNumber, row.Kind, row.ServiceCode, row.Summary });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent run of the same step recorded it first: done. Anything else is a real failure.
            if (!await KeyRecordedAsync(row.IdempotencyKey, ct)) throw;
        }
    }

    private async Task<bool> KeyRecordedAsync(string key, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.EmployabilityEntries.AnyAsync(e => e.IdempotencyKey == key, ct);
    }
}
