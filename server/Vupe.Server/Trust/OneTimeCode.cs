using Microsoft.EntityFrameworkCore;

namespace Vupe.Server.Trust;

/// <summary>
/// One code sent to someone for one purpose (confirm a ficha's email, authorise a citizen's CUL request). Only its
/// keyed hash is stored; it is spent by one right answer, a newer code for the same purpose and subject, its expiry,
/// or too many wrong answers.
/// </summary>
public sealed class OneTimeCode
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    /// <summary>What the code authorises, e.g. "verificar-correo", "solicitud-cul" (<see cref="CodePurposes"/>).</summary>
    public required string Purpose { get; init; }
    /// <summary>Whose code it is within the purpose: a ficha's id.</summary>
    public required string Subject { get; init; }
    public ContactChannel Channel { get; init; }
    /// <summary>SHA-256 of the address the code went to: a verification only counts for the contact it was sent to.</summary>
    public required string DestinationHash { get; init; }
    /// <summary>HMAC-SHA256 of <see cref="Salt"/> and the code keyed with the server's pepper (<see cref="CodePepper"/>; hex).</summary>
    public required string CodeHash { get; init; }
    public required byte[] Salt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public int FailedAttempts { get; set; }
    /// <summary>When it was used, superseded by a newer code or locked by too many attempts; null while it can still be used.</summary>
    public DateTimeOffset? SpentAt { get; set; }
    public long Version { get; set; }

    internal static void Configure(ModelBuilder builder) => builder.Entity<OneTimeCode>(e =>
    {
        e.ToTable("OneTimeCodes");
        e.HasKey(c => c.Id);
        e.HasIndex(c => new { c.Purpose, c.Subject, c.CreatedAt });
        e.HasIndex(c => c.ExpiresAt);
        e.Property(c => c.Purpose).HasMaxLength(40);
        e.Property(c => c.Subject).HasMaxLength(80);
        e.Property(c => c.Channel).HasConversion<string>().HasMaxLength(10);
        e.Property(c => c.DestinationHash).HasMaxLength(64);
        e.Property(c => c.CodeHash).HasMaxLength(64);
        e.Property(c => c.Salt).HasMaxLength(16);
        e.Property(c => c.Version).IsConcurrencyToken();
    });
}

/// <summary>Where a code goes: an email address or a mobile phone.</summary>
public enum ContactChannel { Email, Phone }

/// <summary>The purposes codes are issued for; each is its own namespace (a code for one never answers another).</summary>
public static class CodePurposes
{
    public const string VerifyEmail = "verificar-correo";
    public const string VerifyPhone = "verificar-telefono";
    public const string CitizenCulRequest = "solicitud-cul";
}

/// <summary>
/// One counted attempt at a guarded public action (a citizen's CUL request for one DNI), kept in the database so the
/// limit holds across client addresses and across nodes.
/// </summary>
public sealed class GuardedAttempt
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    /// <summary>e.g. "cul:dni:12345678".</summary>
    public required string Key { get; init; }
    public DateTimeOffset At { get; init; }

    internal static void Configure(ModelBuilder builder) => builder.Entity<GuardedAttempt>(e =>
    {
        e.ToTable("GuardedAttempts");
        e.HasKey(a => a.Id);
        e.HasIndex(a => new { a.Key, a.At });
        e.HasIndex(a => a.At);
        e.Property(a => a.Key).HasMaxLength(80);
    });
}
