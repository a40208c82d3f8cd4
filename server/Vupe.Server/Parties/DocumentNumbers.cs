namespace Vupe.Server.Parties;

/// <summary>Identity documents the VUPE accepts, with their SUNAT document-type codes.</summary>
public enum DocumentType
{
    Dni = 1,
    CarneExtranjeria = 4,
    Ruc = 6,
    Pasaporte = 7,
}

/// <summary>
/// Checks and normalises document numbers. DNI and RUC carry check digits (domain-facts.md);
/// the DNI's check character is printed apart from the number, so it is optional here but
/// verified when given. Errors are Spanish sentences the UI shows as they are.
/// </summary>
public static class DocumentNumbers
{
    private static readonly int[] DniWeights = [3, 2, 7, 6, 5, 4, 3, 2];
    private static readonly int[] RucWeights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
    private const string DniCheckDigits = "65432110987";
    private const string DniCheckLetters = "KJIHGFEDCBA";

    /// <summary>The normalised number, or an error message.</summary>
    public static (string? Number, string? Error) Normalise(DocumentType type, string? number, string? checkCharacter = null)
    {
        var value = (number ?? "").Trim().ToUpperInvariant().Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (value.Length == 0) return (null, "Ingrese el número de documento.");
        return type switch
        {
            DocumentType.Dni => CheckDni(value, checkCharacter),
            DocumentType.Ruc => IsValidRuc(value) ? (value, null) : (null, RucError(value)),
            DocumentType.CarneExtranjeria => value.Length <= 12 && value.All(char.IsAsciiLetterOrDigit)
                ? (value, null) : (null, "El carné de extranjería tiene hasta 12 letras o dígitos."),
            DocumentType.Pasaporte => value.Length is >= 5 and <= 15 && value.All(char.IsAsciiLetterOrDigit)
                ? (value, null) : (null, "El pasaporte tiene de 5 a 15 letras o dígitos."),
            _ => (null, "Tipo de documento desconocido."),
        };
    }

    private static (string?, string?) CheckDni(string value, string? checkCharacter)
    {
        // "12345678-9" or "12345678K" as typed from the card: split the check character off.
        if (value.Length == 9 && checkCharacter is null) (value, checkCharacter) = (value[..8], value[8..]);
        if (value.Length != 8 || !value.All(char.IsAsciiDigit)) return (null, "El DNI tiene 8 dígitos.");
        if (string.IsNullOrWhiteSpace(checkCharacter)) return (value, null);
        return IsValidDniCheck(value, checkCharacter.Trim()[0]) ? (value, null) : (null, "El carácter de verificación no corresponde al DNI.");
    }

    /// <summary>The check character's index: weights 3,2,7,6,5,4,3,2 over the digits, sum mod 11.</summary>
    private static int DniCheckIndex(string digits)
    {
        var sum = 0;
        for (var i = 0; i < 8; i++) sum += (digits[i] - '0') * DniWeights[i];
        return sum % 11;
    }

    /// <summary>True when <paramref name="check"/> is the DNI's check digit or its check letter.</summary>
    public static bool IsValidDniCheck(string dni, char check)
    {
        if (dni.Length != 8 || !dni.All(char.IsAsciiDigit)) return false;
        var c = DniCheckIndex(dni);
        check = char.ToUpperInvariant(check);
        return check == DniCheckDigits[c] || check == DniCheckLetters[c];
    }

    /// <summary>The check digit and letter of a DNI, e.g. 10117410 → ('2', 'G').</summary>
    public static (char Digit, char Letter) DniCheck(string dni)
    {
        var c = DniCheckIndex(dni);
        return (DniCheckDigits[c], DniCheckLetters[c]);
    }

    /// <summary>The check digit that completes the first ten digits of a RUC.</summary>
    public static char RucCheckDigit(string firstTen)
    {
        if (firstTen.Length != 10 || !firstTen.All(char.IsAsciiDigit)) throw new ArgumentException("A RUC's first ten digits are expected.", nameof(firstTen));
        var sum = 0;
        for (var i = 0; i < 10; i++) sum += (firstTen[i] - '0') * RucWeights[i];
        return (char)('0' + (11 - sum % 11) % 10);
    }

    public static bool IsValidRuc(string ruc)
    {
        if (ruc.Length != 11 || !ruc.All(char.IsAsciiDigit)) return false;
        if (ruc[..2] is not ("10" or "15" or "17" or "20")) return false;
        return RucCheckDigit(ruc[..10]) == ruc[10];
    }

    private static string RucError(string value) =>
        value.Length != 11 || !value.All(char.IsAsciiDigit) ? "El RUC tiene 11 dígitos."
        : value[..2] is not ("10" or "15" or "17" or "20") ? "El RUC empieza con 10, 15, 17 o 20."
        : "El dígito verificador del RUC no es válido.";
}
