using Microsoft.EntityFrameworkCore;

namespace Vupe.Server.JobBank;

/// <summary>The job bank's tables: indexes for the matching's load, the vacancy search and the ministry's figures.</summary>
internal static class JobBankModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<Vacancy>(e =>
        {
            e.HasKey(v => v.Id);
            e.HasIndex(v => new { v.Status, v.ClosingDate });
            e.HasIndex(v => new { v.RegionCode, v.OccupationCode });
            e.HasIndex(v => v.CompanyPartyId);
            e.Property(v => v.CompanyName).HasMaxLength(300);
            e.Property(v => v.OfficeCode).HasMaxLength(6);
            e.Property(v => v.Title).HasMaxLength(200);
            e.Property(v => v.Description).HasMaxLength(4000);
            e.Property(v => v.OccupationCode).HasMaxLength(4);
            e.Property(v => v.Ubigeo).HasMaxLength(6);
            e.Property(v => v.RegionCode).HasMaxLength(2);
            e.Property(v => v.MinEducation).HasMaxLength(20);
            e.Property(v => v.SearchText).HasMaxLength(6000);
            e.Property(v => v.CreatedBy).HasMaxLength(64);
            e.Property(v => v.Status).HasConversion<string>().HasMaxLength(10);
            e.Property(v => v.Version).IsConcurrencyToken();
        });
        builder.Entity<JobSeeker>(e =>
        {
            e.HasKey(s => s.PartyId);
            e.HasIndex(s => new { s.Active, s.SharesProfile });
            e.Property(s => s.DisplayName).HasMaxLength(300);
            e.Property(s => s.Ubigeo).HasMaxLength(6);
            e.Property(s => s.OfficeCode).HasMaxLength(6);
            e.Property(s => s.UpdatedBy).HasMaxLength(64);
            e.Property(s => s.Mobility).HasConversion<string>().HasMaxLength(10);
            e.Property(s => s.Version).IsConcurrencyToken();
        });
        builder.Entity<JobReferral>(e =>
        {
            e.HasKey(r => r.Id);
            e.HasIndex(r => new { r.VacancyId, r.SeekerPartyId }).IsUnique();
            e.HasIndex(r => new { r.SeekerPartyId, r.ReferredAt });
            e.HasIndex(r => r.CaseId);
            e.Property(r => r.OfficeCode).HasMaxLength(6);
            e.Property(r => r.ReferredBy).HasMaxLength(64);
            e.Property(r => r.AnsweredBy).HasMaxLength(64);
            e.Property(r => r.Notes).HasMaxLength(1000);
            e.Property(r => r.Status).HasConversion<string>().HasMaxLength(10);
            e.Property(r => r.Channel).HasConversion<string>().HasMaxLength(12);
            e.Property(r => r.Version).IsConcurrencyToken();
        });
        builder.Entity<Placement>(e =>
        {
            e.HasKey(p => p.Id);
            e.HasIndex(p => p.ReferralId).IsUnique();
            e.HasIndex(p => new { p.RegionCode, p.OccupationCode, p.StartDate });
            e.HasIndex(p => new { p.OfficeCode, p.StartDate });
            e.HasIndex(p => p.SeekerPartyId);
            e.Property(p => p.OfficeCode).HasMaxLength(6);
            e.Property(p => p.RegionCode).HasMaxLength(2);
            e.Property(p => p.OccupationCode).HasMaxLength(4);
            e.Property(p => p.RecordedBy).HasMaxLength(64);
        });
    }
}
