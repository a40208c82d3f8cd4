using Microsoft.EntityFrameworkCore;

namespace Vupe.Server.Portal.Companies;

/// <summary>
/// A company's account of the virtual window: one per RUC, linked to the company's ficha (a party with a RUC), with an
/// email proved by a one-time code. Kept apart from the citizens' and the staff's accounts — its own table, its own
/// cookie scheme (<see cref="CompanyAuthentication"/>) — so that no company session passes for anyone else's.
/// </summary>
public sealed class CompanyAccount : IPortalAccount
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    /// <summary>The 11 digits of the RUC (unique: one account per company).</summary>
    public required string Ruc { get; init; }
    /// <summary>The company's ficha (<see cref="Parties.Party"/>).</summary>
    public Guid PartyId { get; init; }
    public required string Email { get; set; }
    public DateTimeOffset EmailVerifiedAt { get; set; }
    /// <summary>PBKDF2 hash by <see cref="Microsoft.AspNetCore.Identity.PasswordHasher{TUser}"/>.</summary>
    public required string PasswordHash { get; set; }
    /// <summary>Changes at sign-out: every cookie issued before stops working at its next request.</summary>
    public required string SecurityStamp { get; set; }
    public int FailedSignIns { get; set; }
    public DateTimeOffset? LockoutEnd { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>
    /// Whether the VUPE trusts the account to publish: an account whose email the VUPE already knew for the RUC is
    /// <see cref="CompanyValidation.Validated"/> at once; any other starts <see cref="CompanyValidation.Pending"/> until a supervisor decides.
    /// </summary>
    public CompanyValidation Validation { get; set; }
    public DateTimeOffset? ValidationDecidedAt { get; set; }
    /// <summary>The staff user who approved or rejected the company.</summary>
    public string? ValidationDecidedBy { get; set; }
    /// <summary>The supervisor's reason, sent to the company.</summary>
    public string? ValidationReason { get; set; }
    /// <summary>SUNAT's reference for the consultation the account was created on (padrón RUC).</summary>
    public string? SunatReference { get; set; }

    internal static void Configure(ModelBuilder builder) => builder.Entity<CompanyAccount>(e =>
    {
        e.ToTable("CompanyAccounts");
        e.HasKey(a => a.Id);
        e.HasIndex(a => a.Ruc).IsUnique();
        e.HasIndex(a => a.PartyId).IsUnique();
        e.Property(a => a.Ruc).HasMaxLength(11);
        e.Property(a => a.Email).HasMaxLength(254);
        e.Property(a => a.PasswordHash).HasMaxLength(200);
        e.Property(a => a.SecurityStamp).HasMaxLength(64);
        e.Property(a => a.Validation).HasConversion<string>().HasMaxLength(12);
        e.HasIndex(a => a.Validation);
        e.Property(a => a.ValidationDecidedBy).HasMaxLength(100);
        e.Property(a => a.ValidationReason).HasMaxLength(500);
        e.Property(a => a.SunatReference).HasMaxLength(100);
    });
}

/// <summary>Where a company account stands with the VUPE: only a validated company's vacancies are published.</summary>
public enum CompanyValidation
{
    /// <summary>Publishes: its email was the one the VUPE held for the RUC, or a supervisor approved it.</summary>
    Validated,
    /// <summary>«En validación»: signs in and drafts; its vacancies wait unpublished until a supervisor decides.</summary>
    Pending,
    /// <summary>A supervisor refused it: it signs in to read the reason, and publishes nothing.</summary>
    Rejected,
}
