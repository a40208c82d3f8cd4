using System.Security.Cryptography;

namespace Vupe.Documents.Pdf;

/// <summary>
/// The code printed on a certificate so anyone can look it up: 12 characters of Crockford base32 (60 random bits
/// from a CSPRNG) shown as <c>K7QF-9M2X-RT4P</c>. Crockford's alphabet leaves out I, L, O and U, so people who type
/// it from paper can read O as 0 and I or L as 1 and still reach the right certificate.
/// </summary>
public readonly record struct VerificationCode
{
    public const int Length = 12;
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private VerificationCode(string value) => Value = value;

    /// <summary>The 12 characters without dashes, upper case: the form to store and index.</summary>
    public string Value { get; }

    public static VerificationCode New()
    {
        Span<char> chars = stackalloc char[Length];
        for (var i = 0; i < Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
        return new VerificationCode(new string(chars));
    }

    public static bool TryParse(string? text, out VerificationCode code)
    {
        code = default;
        if (text is null) return false;
        Span<char> chars = stackalloc char[Length];
        var count = 0;
        foreach (var raw in text)
        {
            if (raw is '-' or ' ') continue;
            var c = char.ToUpperInvariant(raw) switch
            {
                'O' => '0',
                'I' or 'L' => '1',
                var other => other,
            };
            if (count == Length || !Alphabet.Contains(c, StringComparison.Ordinal)) return false;
            chars[count++] = c;
        }
        if (count != Length) return false;
        code = new VerificationCode(new string(chars));
        return true;
    }

    public static VerificationCode Parse(string text) =>
        TryParse(text, out var code) ? code : throw new FormatException("A verification code has 12 characters such as K7QF-9M2X-RT4P.");

    /// <summary>Grouped for reading aloud and typing: <c>XXXX-XXXX-XXXX</c>.</summary>
    public override string ToString() => Value is null ? string.Empty : $"{Value[..4]}-{Value[4..8]}-{Value[8..]}";
}
