using System.Security.Cryptography;

namespace Vupe.Engine.Runtime;

/// <summary>New row ids.</summary>
internal static class Ids
{
    private const int IdsPerRefill = 64;
    [ThreadStatic] private static byte[]? t_random;
    [ThreadStatic] private static int t_left;

    /// <summary>
    /// The same as <see cref="Guid.CreateVersion7()"/> (RFC 9562 version 7: Unix time in milliseconds,
    /// then random bits from the cryptographic generator), but the random bytes are fetched for 64 ids
    /// at a time: <see cref="Guid.NewGuid"/> costs a system call per id on Linux, and a reference
    /// instance makes three ids.
    /// </summary>
    public static Guid NewVersion7()
    {
        var random = t_random ??= new byte[16 * IdsPerRefill];
        if (t_left == 0)
        {
            RandomNumberGenerator.Fill(random);
            t_left = IdsPerRefill;
        }
        var slot = random.AsSpan(16 * --t_left, 16);
        Span<byte> bytes = stackalloc byte[16];
        slot.CopyTo(bytes);
        slot.Clear(); // used randomness does not stay in memory
        var ms = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        bytes[0] = (byte)(ms >> 40);
        bytes[1] = (byte)(ms >> 32);
        bytes[2] = (byte)(ms >> 24);
        bytes[3] = (byte)(ms >> 16);
        bytes[4] = (byte)(ms >> 8);
        bytes[5] = (byte)ms;
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x70); // version 7
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // variant 10
        return new Guid(bytes, bigEndian: true);
    }
}
