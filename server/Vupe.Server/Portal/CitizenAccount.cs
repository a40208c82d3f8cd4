using Microsoft.EntityFrameworkCore;

namespace Vupe.Server.Portal;

/// <summary>
/// A citizen's account of the virtual window (Mi VUPE): one per DNI, linked to the citizen's ficha. Kept apart from the
/// staff's Identity users on purpose — its own table, its own password hashes, its own cookie scheme — so that no
/// citizen session can ever pass for a staff one (<see cref="PortalAuthentication"/>).
/// </summary>
public sealed class CitizenAccount : IPortalAccount
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    /// <summary>The 8 digits of the DNI (unique: one account per person).</summary>
    public required string Dni { get; init; }
    /// <summary>The ficha única of the citizen (<see cref="Parties.Party"/>).</summary>
    public Guid PartyId { get; init; }
    public string? Email { get; set; }
    public DateTimeOffset? EmailVerifiedAt { get; set; }
    public string? Phone { get; set; }
    public DateTimeOffset? PhoneVerifiedAt { get; set; }
    /// <summary>PBKDF2 hash by <see cref="Microsoft.AspNetCore.Identity.PasswordHasher{TUser}"/>.</summary>
    public required string PasswordHash { get; set; }
    /// <summary>Changes at sign-out (and with the password): every cookie issued before stops working at its next request.</summary>
    public required string SecurityStamp { get; set; }
    public int FailedSignIns { get; set; }
    public DateTimeOffset? LockoutEnd { get; set; }
    public DateTimeOffset CreatedAt { get; init; }

    internal static void Configure(ModelBuilder builder) => builder.Entity<CitizenAccount>(e =>
    {
        e.ToTable("CitizenAccounts");
        e.HasKey(a => a.Id);
        e.HasIndex(a => a.Dni).IsUnique();
        e.HasIndex(a => a.PartyId).IsUnique();
        e.Property(a => a.Dni).HasMaxLength(8);
        e.Property(a => a.Email).HasMaxLength(254);
        e.Property(a => a.Phone).HasMaxLength(20);
        e.Property(a => a.PasswordHash).HasMaxLength(200);
        e.Property(a => a.SecurityStamp).HasMaxLength(64);
    });
}
