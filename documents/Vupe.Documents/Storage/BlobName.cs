namespace Vupe.Documents.Storage;

/// <summary>Checks blob names before they become paths, so a name can never point outside the store.</summary>
internal static class BlobName
{
    public static string Validate(string sha256Hex)
    {
        ArgumentNullException.ThrowIfNull(sha256Hex);
        if (sha256Hex.Length != 64 || !sha256Hex.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException("A blob name is 64 lower-case hexadecimal characters (a SHA-256).", nameof(sha256Hex));
        }
        return sha256Hex;
    }
}
