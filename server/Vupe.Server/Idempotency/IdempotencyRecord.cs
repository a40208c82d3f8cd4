using Microsoft.EntityFrameworkCore;

namespace Vupe.Server.Idempotency;

/// <summary>
/// One Idempotency-Key of one caller on one route: reserved (no <see cref="Status"/> yet) by a server process
/// (<see cref="OwnerNode"/>, <see cref="OwnerInstance"/>) before the request's work starts, marked with the
/// <see cref="Resource"/> it created in the work's own transaction, completed with its answer after. The unique key
/// (scope, route, key) is what makes the reservation atomic: of two requests with the same key, one inserts the row
/// and the other finds it.
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
    /// <summary>The node whose process reserved the key (<see cref="ServerInstance.NodeName"/>).</summary>
    public string? OwnerNode { get; set; }
    /// <summary>
    /// The process that reserved the key (<see cref="ServerInstance.Id"/>); <see cref="Released"/> once it gave the key up
    /// after its work created <see cref="Resource"/>; null on keys reserved before owners were recorded (never taken over).
    /// </summary>
    public string? OwnerInstance { get; set; }
    /// <summary>
    /// What the work created, e.g. "case:{id}", written in the same transaction as the work itself
    /// (<see cref="IdempotentWork"/>): a key without an answer whose owner died was done iff this is set.
    /// </summary>
    public string? Resource { get; set; }

    /// <summary><see cref="OwnerInstance"/> of a key whose owner gave it up after its work was done.</summary>
    public const string Released = "-";

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
        e.Property(r => r.OwnerNode).HasMaxLength(ServerInstance.MaxNodeNameLength);
        e.Property(r => r.OwnerInstance).HasMaxLength(32);
        e.Property(r => r.Resource).HasMaxLength(100);
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
