using Microsoft.EntityFrameworkCore;
using Vupe.Server.Data;
using Vupe.Server.JobBank;
using Vupe.Server.Parties;

namespace Vupe.Server.Figures;

/// <summary>What the server's own tables count for the figures (all GROUP BY in the database, read-only, no tracking).</summary>
internal sealed record ServerCounts(
    IReadOnlyList<(string Office, int Count)> CulIssued,
    IReadOnlyList<(string Service, string Result, int Count)> Outcomes,
    IReadOnlyList<(string Office, int Count)> PlacementsByOffice,
    IReadOnlyList<(string Region, string Occupation, int Count)> PlacementsByRegion,
    int SeekersServed,
    IReadOnlyList<(ReferralStatus Status, int Count)> ReferralsByStatus,
    IReadOnlyList<VacancyCount> Vacancies);

internal sealed record VacancyCount(string Region, string Occupation, int Registered, int Open, int Filled, int Positions, int PositionsFilled);

/// <summary>
/// The server's part of the figures: certificates issued, referral outcomes recorded in the ficha, and the job bank's
/// placements, referrals and vacancies (read only; the job bank's services own those rows). Scoped by the office that
/// recorded each row; null for every office.
/// </summary>
internal sealed class ServerFiguresQuery(IDbContextFactory<VupeDbContext> contexts)
{
    public async Task<ServerCounts> RunAsync(string? office, FiguresPeriod period, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var (start, end, from, to) = (period.Start, period.End, period.From, period.To);

        var certificates = db.Certificates.AsNoTracking().Where(c => c.IssuedAt >= start && c.IssuedAt < end);
        if (office is not null) certificates = certificates.Where(c => c.OfficeCode == office);
        var cul = await certificates.GroupBy(c => c.OfficeCode).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);

        var entries = db.EmployabilityEntries.AsNoTracking()
            .Where(e => e.Kind == EmployabilityEntryKind.ReferralOutcome && e.RecordedAt >= start && e.RecordedAt < end);
        if (office is not null) entries = entries.Where(e => e.OfficeCode == office);
        var outcomes = await entries.GroupBy(e => new { e.ServiceCode, e.Summary }).Select(g => new { g.Key.ServiceCode, g.Key.Summary, Count = g.Count() }).ToListAsync(ct);

        var placements = db.Placements.AsNoTracking().Where(p => p.StartDate >= from && p.StartDate <= to);
        if (office is not null) placements = placements.Where(p => p.OfficeCode == office);
        var placementsByOffice = await placements.GroupBy(p => p.OfficeCode).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var placementsByRegion = await placements.GroupBy(p => new { p.RegionCode, p.OccupationCode })
            .Select(g => new { g.Key.RegionCode, g.Key.OccupationCode, Count = g.Count() }).ToListAsync(ct);

        var referrals = db.JobReferrals.AsNoTracking().Where(r => r.ReferredAt >= start && r.ReferredAt < end);
        if (office is not null) referrals = referrals.Where(r => r.OfficeCode == office);
        // Nationally, seekers are counted by reading the (seeker, referred) index in seeker order with the period checked
        // on each entry: no sort. A DISTINCT over the period's range sorted every referral of it (bench/figures.sh:
        // ~100 ms for a national year). One office's referrals are few enough for the range.
        var served = office is null
            ? await db.JobReferrals.AsNoTracking().GroupBy(r => r.SeekerPartyId).Where(g => g.Count(r => r.ReferredAt >= start && r.ReferredAt < end) > 0).CountAsync(ct)
            : await referrals.Select(r => r.SeekerPartyId).Distinct().CountAsync(ct);
        var byStatus = await referrals.GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);

        // A vacancy held while its company is «En validación» is not published yet: not a figure either.
        var vacancies = db.Vacancies.AsNoTracking().Where(v => v.CreatedAt >= start && v.CreatedAt < end && v.Status != VacancyStatus.Held);
        if (office is not null) vacancies = vacancies.Where(v => v.OfficeCode == office);
        var vacancyCounts = await vacancies.GroupBy(v => new { v.RegionCode, v.OccupationCode })
            .Select(g => new VacancyCount(g.Key.RegionCode, g.Key.OccupationCode, g.Count(), g.Count(v => v.Status == VacancyStatus.Open),
                g.Count(v => v.Status == VacancyStatus.Filled), g.Sum(v => v.Positions), g.Sum(v => v.PositionsFilled)))
            .ToListAsync(ct);

        return new ServerCounts(
            cul.Select(c => (c.Key, c.Count)).ToList(),
            outcomes.Select(o => (o.ServiceCode ?? "", o.Summary ?? "", o.Count)).ToList(),
            placementsByOffice.Select(p => (p.Key, p.Count)).ToList(),
            placementsByRegion.Select(p => (p.RegionCode, p.OccupationCode, p.Count)).ToList(),
            served, byStatus.Select(s => (s.Key, s.Count)).ToList(), vacancyCounts);
    }
}
