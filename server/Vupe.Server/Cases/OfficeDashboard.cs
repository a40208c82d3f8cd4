using Vupe.Engine;
using Vupe.JobBank.Classification;
using Vupe.Server.Auth;
using Vupe.Server.Figures;
using Vupe.Server.JobBank;
using Vupe.Server.Offices;
using Vupe.Server.Procedures;
using Vupe.Workflows;

namespace Vupe.Server.Cases;

/// <summary>
/// The ministry's figures for a period in the user's scope (their office; every office with a per-office breakdown for
/// a national user), for the dashboard page, <c>GET /api/figures</c> and its exports alike. The counting is done by the
/// database (<see cref="CaseFiguresQuery"/> through the engine's aggregate API, <see cref="ServerFiguresQuery"/> over the
/// server's tables); this class only names and arranges what they counted.
/// </summary>
public sealed class OfficeDashboard(ProcessEngine engine, ProcedureCatalog procedures, OccupationCatalog occupations,
    Microsoft.EntityFrameworkCore.IDbContextFactory<Data.VupeDbContext> contexts, TimeProvider time)
{
    public async Task<DashboardFigures> ForAsync(UserScope user, FiguresPeriod period, CancellationToken ct)
    {
        var office = user.OfficeCode;
        // The engine's counts and the server's run side by side (separate connections; see CaseFiguresQuery).
        var casesTask = new CaseFiguresQuery(engine).RunAsync(user.Offices, period, time.GetUtcNow(), ct);
        var serverTask = new ServerFiguresQuery(contexts).RunAsync(office, period, ct);
        var names = await procedures.NamesAsync(ct);
        var (cases, server) = (await casesTask, await serverTask);

        var byProcedure = cases.Opened.Select(c => c.ProcessKey).Concat(cases.Closed.Select(c => c.ProcessKey)).Distinct()
            .Select(key => new ProcedureFigures(key ?? "", names.Of(key),
                cases.Opened.Where(c => c.ProcessKey == key).Sum(c => c.Count), cases.Closed.Where(c => c.ProcessKey == key).Sum(c => c.Count)))
            .OrderByDescending(p => p.Opened).ThenBy(p => p.Procedure, StringComparer.Ordinal).ToList();

        var placements = server.PlacementsByOffice.Sum(p => p.Count);
        var totals = new CaseTotals(cases.Opened.Sum(c => c.Count), cases.Closed.Sum(c => c.Count),
            cases.Tasks.Sum(t => t.Open), cases.Tasks.Sum(t => t.Overdue), server.CulIssued.Sum(c => c.Count));
        var durations = cases.Durations;
        var timeToServe = new TimeToServe(durations.Count, durations.Count > 0 ? durations.Percentiles[0] : null, durations.Count > 0 ? durations.Percentiles[1] : null);

        var referrals = cases.Referrals.Select(r => new ReferralFigures(FigureTexts.ServiceOfReferralTitle(r.Title), r.Count))
            .OrderByDescending(r => r.Opened).ThenBy(r => r.Service, StringComparer.Ordinal).ToList();
        var outcomes = server.Outcomes.Select(o => new OutcomeFigures(o.Service, VupeServices.Find(o.Service)?.Name ?? o.Service, o.Result, FigureTexts.Result(o.Result), o.Count))
            .OrderBy(o => o.Service, StringComparer.Ordinal).ThenByDescending(o => o.Count).ToList();

        var served = server.SeekersServed;
        var jobBank = new JobBankFigures(placements, served, served == 0 ? null : (double)placements / served,
            server.ReferralsByStatus.Select(s => new StatusFigures(s.Status.ToString(), JobBankTexts.Of(s.Status), s.Count)).OrderBy(s => s.Status, StringComparer.Ordinal).ToList(),
            server.PlacementsByRegion.Select(p => new PlacementFigures(p.Region, Regions.NameOf(p.Region), p.Occupation, occupations.NameOf(p.Occupation), p.Count))
                .OrderByDescending(p => p.Placements).ThenBy(p => p.Region, StringComparer.Ordinal).ThenBy(p => p.OccupationCode, StringComparer.Ordinal).ToList(),
            server.Vacancies.Select(v => new VacancyFigures(v.Region, Regions.NameOf(v.Region), v.Occupation, occupations.NameOf(v.Occupation), v.Registered, v.Open, v.Filled, v.Positions, v.PositionsFilled))
                .OrderBy(v => v.Region, StringComparer.Ordinal).ThenBy(v => v.OccupationCode, StringComparer.Ordinal).ToList());

        return new DashboardFigures(office is null ? "Todas las oficinas" : $"Oficina {office}", office, period, totals, timeToServe,
            byProcedure, user.IsNational ? ByOffice(cases, server) : [], referrals, outcomes, jobBank);
    }

    /// <summary>For a national user: each office that has something to count in the period, in code order.</summary>
    private static List<OfficeFigures> ByOffice(CaseCounts cases, ServerCounts server)
    {
        var codes = cases.Opened.Select(c => c.OfficeCode!).Concat(cases.Closed.Select(c => c.OfficeCode!)).Concat(cases.Tasks.Select(t => t.OfficeCode))
            .Concat(server.CulIssued.Select(c => c.Office)).Concat(server.PlacementsByOffice.Select(p => p.Office)).Distinct().Order(StringComparer.Ordinal);
        return codes.Select(code => new OfficeFigures(code, OfficeCatalog.Find(code)?.Name ?? code,
            cases.Opened.Where(c => c.OfficeCode == code).Sum(c => c.Count), cases.Closed.Where(c => c.OfficeCode == code).Sum(c => c.Count),
            cases.Tasks.Where(t => t.OfficeCode == code).Sum(t => t.Open), cases.Tasks.Where(t => t.OfficeCode == code).Sum(t => t.Overdue),
            server.CulIssued.Where(c => c.Office == code).Sum(c => c.Count), server.PlacementsByOffice.Where(p => p.Office == code).Sum(p => p.Count))).ToList();
    }
}
