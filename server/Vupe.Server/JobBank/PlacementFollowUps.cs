using Hangfire;
using Microsoft.EntityFrameworkCore;
using Vupe.Engine;
using Vupe.Engine.Persistence;
using Vupe.Server.Audit;
using Vupe.Server.Cases;
using Vupe.Server.Data;
using Vupe.Workflows;

namespace Vupe.Server.JobBank;

/// <summary>
/// The 30- and 90-day follow-up of a hire recorded outside a bolsa-trabajo case — a company answering an online
/// application "contratado", or a consultant recording the answer on the vacancy's page. A hire inside the procedure gets
/// its follow-up from the procedure itself; this opens a bolsa-trabajo case for the placement at the placement's office
/// that starts at the same follow-up (the timers, the consultant's "Seguimiento a los 30/90 días" tasks, the ficha's
/// record). One case per placement: a placement that already has one is left as it is.
/// </summary>
public sealed class PlacementFollowUps(VupeDbContext db, ProcessEngine engine, CaseOpener opener, AuditLog audit, ILogger<PlacementFollowUps> logger)
{
    /// <summary>The case variable naming the placement a follow-up case is for.</summary>
    public const string PlacementVariable = "colocacion";

    /// <summary>Opens the follow-up of <paramref name="answered"/> when it is a hire without a case of its own; returns the follow-up's case number, or null when none is needed.</summary>
    public async Task<string?> OpenForAsync(ReferralDto answered, string userName, CancellationToken ct)
    {
        if (answered.Status != ReferralStatus.Hired || answered.CaseId is not null) return null;
        var placement = await db.Placements.AsNoTracking().FirstOrDefaultAsync(p => p.ReferralId == answered.Id, ct);
        if (placement is null) return null;
        if (await ExistingAsync(placement, ct) is { } existing) return existing.CaseNumber;
        return await OpenAsync(placement, answered.VacancyTitle, answered.CompanyName, userName, ct);
    }

    /// <summary>
    /// Opens the follow-ups that a stop between recording a hire and opening its case left unopened: hires outside a
    /// case recorded in the last <paramref name="within"/> but more than <paramref name="settled"/> ago (so a request
    /// still opening one is not raced). Run by a recurring job, once across nodes; returns how many it opened.
    /// </summary>
    public async Task<int> RepairAsync(DateTimeOffset now, TimeSpan within, TimeSpan settled, CancellationToken ct)
    {
        var (earliest, latest) = (now - within, now - settled);
        var hires = await (from p in db.Placements.AsNoTracking()
                           where p.RecordedAt >= earliest && p.RecordedAt <= latest
                           join r in db.JobReferrals.AsNoTracking() on p.ReferralId equals r.Id
                           where r.CaseId == null
                           join v in db.Vacancies.AsNoTracking() on p.VacancyId equals v.Id
                           orderby p.RecordedAt
                           select new { Placement = p, v.Title, v.CompanyName }).ToListAsync(ct);
        var opened = 0;
        foreach (var hire in hires)
        {
            if (await ExistingAsync(hire.Placement, ct) is not null) continue;
            await OpenAsync(hire.Placement, hire.Title, hire.CompanyName, "sistema", ct);
            opened++;
        }
        if (opened > 0) logger.LogWarning("{Opened} placements had no follow-up case (a stop between the hire and its follow-up): opened now", opened);
        return opened;
    }

    /// <summary>Opens the follow-up case; the callers have looked for an existing one.</summary>
    private async Task<string> OpenAsync(Placement placement, string vacancyTitle, string companyName, string userName, CancellationToken ct)
    {

        var party = await db.Parties.AsNoTracking().FirstAsync(p => p.Id == placement.SeekerPartyId, ct);
        var procedure = await engine.Repository.FindLatestDefinitionAsync(VupeProcesses.JobBank, ct)
            ?? throw new InvalidOperationException($"The procedure {VupeProcesses.JobBank} is not deployed.");
        var opened = await opener.OpenAsync(party, procedure, placement.OfficeCode, new Dictionary<string, object?>
        {
            ["colocacionEnLinea"] = true,
            [PlacementVariable] = placement.Id.ToString(),
            ["fechaInicio"] = placement.StartDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            // As the procedure's own referral step leaves them, so its follow-up steps read the job the same way.
            ["derivaciones"] = new List<object?>
            {
                new Dictionary<string, object?>
                {
                    ["referralId"] = placement.ReferralId.ToString(), ["vacanteId"] = placement.VacancyId.ToString(),
                    ["puesto"] = vacancyTitle, ["empresa"] = companyName,
                },
            },
            ["respuestas"] = new List<object?> { "contratado" },
        }, userName, ct);
        await audit.AppendAsync(AuditTrails.ForParty(placement.SeekerPartyId), "jobbank.followup.opened",
            new { placement = placement.Id, placement.VacancyId, caseNumber = opened.CaseNumber, placement.OfficeCode, by = userName }, ct);
        await audit.AppendAsync(AuditTrails.ForVacancy(placement.VacancyId), "jobbank.followup.opened",
            new { placement = placement.Id, placement.SeekerPartyId, caseNumber = opened.CaseNumber, by = userName }, ct);
        logger.LogInformation("Placement {Placement} (online hire) follows up in case {CaseNumber} at {Office}", placement.Id, opened.CaseNumber, placement.OfficeCode);
        return opened.CaseNumber;
    }

    private async Task<CaseFileInfo?> ExistingAsync(Placement placement, CancellationToken ct)
    {
        var cases = await engine.Cases.QueryAsync(new CaseFilter { SubjectId = placement.SeekerPartyId.ToString(), ProcessKey = VupeProcesses.JobBank, Take = 200 }, ct);
        foreach (var c in cases)
            if ((await engine.Cases.GetVariablesAsync(c.Id, ct)).GetValueOrDefault(PlacementVariable) as string == placement.Id.ToString()) return c;
        return null;
    }
}

/// <summary>Hangfire's entry point for <see cref="PlacementFollowUps.RepairAsync"/> (a recurring job: once across nodes, hourly).</summary>
public sealed class PlacementFollowUpRepairJob(PlacementFollowUps followUps, TimeProvider time)
{
    public const string RecurringJobId = "placement-follow-up-repair";

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public Task RunAsync(CancellationToken ct) => followUps.RepairAsync(time.GetUtcNow(), TimeSpan.FromDays(14), TimeSpan.FromMinutes(5), ct);
}
