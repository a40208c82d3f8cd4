using Microsoft.EntityFrameworkCore;
using Vupe.Server.Certificates;
using Vupe.Server.JobBank;
using Vupe.Server.Parties;

namespace Vupe.Server.Figures;

/// <summary>
/// Indexes for the ministry's figures on the server's tables (migration FiguresIndexes): each figure is a range of
/// one period read from one index, with the office and the grouped columns on the index entry so that the rows
/// themselves are not read (docs/benchmarks.md, Figures). Kept apart from the tables' own configuration: the figures
/// only read these tables.
/// </summary>
internal static class FiguresModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<IssuedCertificate>().HasIndex(c => new { c.IssuedAt, c.OfficeCode }, "IX_Certificates_Figures");
        builder.Entity<EmployabilityEntry>().HasIndex(e => new { e.Kind, e.RecordedAt, e.OfficeCode, e.ServiceCode, e.Summary }, "IX_EmployabilityEntries_Figures");
        builder.Entity<Placement>().HasIndex(p => new { p.StartDate, p.OfficeCode, p.RegionCode, p.OccupationCode }, "IX_Placements_Figures");
        builder.Entity<JobReferral>().HasIndex(r => new { r.ReferredAt, r.OfficeCode, r.SeekerPartyId, r.Status }, "IX_JobReferrals_Figures");
        builder.Entity<Vacancy>().HasIndex(v => new { v.CreatedAt, v.OfficeCode }, "IX_Vacancies_Figures");
    }
}
