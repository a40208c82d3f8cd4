using Microsoft.EntityFrameworkCore;

namespace Vupe.Server.Idempotency;

/// <summary>
/// One Idempotency-Key of one caller on one route: reserved (no <see cref="Status"/> yet) before the request's work
/// starts, completed with its answer after. The unique key (scope, route, key) is what makes the reservation atomic:
/// of two requests with the same key, one inserts the row and the other finds it.
/// </summary>
public sealed class IdempotencyRecord
{
    /// <summary>"user:{id}", or "anonimo" for a public request.</summary>
    public required string Scope { get; init; }
    /// <summary>The request's path (method POST implied), e.g. "/api/cases".</summary>
    public required string Route { get; init; }
    public required string Key { get; init; }
    /// <summary>SHA-256 of the request body (multipart boundaries left out): the same key with another body is refused.</summary>
    public required string RequestHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Also the row's concurrency token: of two requests renewing an expired key, one wins.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
    /// <summary>The first answer's status; null while the first request is still at work.</summary>
    public int? Status { get; set; }
    public string? ContentType { get; set; }
    public string? Location { get; set; }
    public byte[]? Body { get; set; }

    internal static void Configure(ModelBuilder builder) => builder.Entity<IdempotencyRecord>(e =>
    {
        e.ToTable("IdempotencyKeys");
        e.HasKey(r => new { r.Scope, r.Route, r.Key });
        e.HasIndex(r => r.ExpiresAt);
        e.Property(r => r.ExpiresAt).IsConcurrencyToken();
        e.Property(r => r.Scope).HasMaxLength(80);
        e.Property(r => r.Route).HasMaxLength(300);
        e.Property(r => r.Key).HasMaxLength(IdempotencyKeys.MaxLength);
        e.Property(r => r.RequestHash).HasMaxLength(64);
        e.Property(r => r.ContentType).HasMaxLength(200);
        e.Property(r => r.Location).HasMaxLength(500);
    });
}

/// <summary>How long a key answers with its first response (Vupe:Idempotency).</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Vupe:Idempotency";

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(24);
}

public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 200;

    /// <summary>Printable ASCII, 1 to 200 characters (a UUID is the usual choice).</summary>
    public static bool IsValid(string key) => key.Length is > 0 and <= MaxLength && key.All(c => c is > ' ' and <= '~');
}
