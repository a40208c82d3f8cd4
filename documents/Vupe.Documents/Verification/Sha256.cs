using System.Security.Cryptography;

namespace Vupe.Documents.Verification;

/// <summary>SHA-256 as lower-case hex, the form blob names and audit entries use.</summary>
public static class Sha256
{
    public static string Hex(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    public static async Task<string> HexAsync(Stream content, CancellationToken cancellationToken = default) =>
        Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken).ConfigureAwait(false));

    /// <summary>Compares two hex digests in constant time, ignoring case.</summary>
    public static bool Equal(string left, string right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return left.Length == right.Length && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(left.ToLowerInvariant()), System.Text.Encoding.ASCII.GetBytes(right.ToLowerInvariant()));
    }
}
