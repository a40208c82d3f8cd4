namespace Vupe.Connectors;

/// <summary>
/// One question to a back office about one citizen. The idempotency key is the caller's (for example
/// <c>"{caseId}:{stepId}"</c>): a retried workflow step must send the same key again so the back office
/// can recognise the repeat instead of logging or charging a second consultation.
/// </summary>
public sealed record ConnectorRequest
{
    /// <summary>Idempotency keys travel in an HTTP header, so they are kept short and header-safe.</summary>
    public const int MaxIdempotencyKeyLength = 200;

    public ConnectorRequest(string dni, string idempotencyKey)
    {
        if (!IsDni(dni))
        {
            throw new ArgumentException($"A DNI is exactly 8 digits (the check character is not part of it); got '{dni}'.", nameof(dni));
        }
        if (!IsHeaderSafe(idempotencyKey))
        {
            throw new ArgumentException(
                $"The idempotency key must be 1 to {MaxIdempotencyKeyLength} printable ASCII characters without spaces.",
                nameof(idempotencyKey));
        }
        Dni = dni;
        IdempotencyKey = idempotencyKey;
    }

    public string Dni { get; }

    public string IdempotencyKey { get; }

    private static bool IsDni(string? dni) => dni is { Length: 8 } && dni.All(char.IsAsciiDigit);

    internal static bool IsHeaderSafe(string? key) =>
        key is { Length: > 0 and <= MaxIdempotencyKeyLength } && key.All(c => c is > ' ' and <= '~');
}
