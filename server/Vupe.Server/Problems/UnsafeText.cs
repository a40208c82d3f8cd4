namespace Vupe.Server.Problems;

/// <summary>
/// Characters that make a name read differently from what it is: control characters (a line break inside a name in a
/// certificate or an audit entry) and the bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069, and
/// the marks U+200E, U+200F, U+061C) that can show "fdp.exe" as "exe.pdf". No Peruvian name or file name needs them.
/// </summary>
public static class UnsafeText
{
    public const string NameMessage = "Contiene caracteres de control o de dirección del texto (bidi) que no se permiten en nombres.";

    public static bool HasUnsafeCharacters(string? text) => text is not null && text.Any(IsUnsafe);

    public static bool IsUnsafe(char c) => char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C';

    /// <summary>Checks a person's or company's name like <see cref="FieldErrors.Text"/>, refusing control and bidi characters.</summary>
    public static string? Name(this FieldErrors errors, string field, string? value, int maxLength, bool required = true)
    {
        if (HasUnsafeCharacters(value))
        {
            errors.Add(field, NameMessage);
            return null;
        }
        return errors.Text(field, value, maxLength, required);
    }
}
