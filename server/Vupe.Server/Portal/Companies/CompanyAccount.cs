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
    });
}
