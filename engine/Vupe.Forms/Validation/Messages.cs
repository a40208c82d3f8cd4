using System.Globalization;

namespace Vupe.Forms.Validation;

/// <summary>
/// The Spanish (es-PE) messages shown to the citizen or consultant. Kept in one place so wording stays consistent
/// and can be reviewed by the people who write the VUPE's forms. Numbers are written with a decimal point, as in
/// Peru, never with thousands separators.
/// </summary>
internal static class Messages
{
    public const string Required = "Este campo es obligatorio.";
    public const string NotText = "Debe ser un texto.";
    public const string NotNumber = "Debe ser un número.";
    public const string NotBoolean = "Debe ser verdadero o falso.";
    public const string NotChoice = "Debe ser una de las opciones.";
    public const string NotList = "Debe ser una lista.";
    public const string NotObject = "Debe ser un conjunto de campos.";
    public const string NotListItem = "Cada elemento de la lista debe ser un conjunto de campos.";
    public const string NotFileReference = "Debe ser una referencia a archivos.";
    public const string Option = "Seleccione una opción válida.";
    public const string Options = "Contiene una opción que no es válida.";
    public const string Pattern = "El formato no es válido.";
    public const string Email = "Debe ser un correo electrónico válido.";
    public const string Phone = "Debe ser un número de teléfono internacional válido (por ejemplo, +51987654321).";
    public const string Date = "Debe ser una fecha válida (AAAA-MM-DD).";
    public const string Time = "Debe ser una hora válida (HH:mm).";
    public const string DateTime = "Debe ser una fecha y hora válidas (AAAA-MM-DDTHH:mm).";
    public const string PastDate = "La fecha no puede ser anterior a hoy.";
    public const string Integer = "Debe ser un número entero.";

    public static string Min(decimal min) => $"Debe ser un número mayor o igual a {Number(min)}.";

    public static string Max(decimal max) => $"Debe ser un número menor o igual a {Number(max)}.";

    public static string MinLength(int length) =>
        length == 1 ? "Debe tener al menos 1 carácter." : $"Debe tener al menos {length} caracteres.";

    public static string MaxLength(int length) =>
        length == 1 ? "Debe tener como máximo 1 carácter." : $"Debe tener como máximo {length} caracteres.";

    public static string DecimalDigits(int digits) => digits switch
    {
        0 => Integer,
        1 => "Debe tener como máximo 1 decimal.",
        _ => $"Debe tener como máximo {digits} decimales.",
    };

    public static string Increment(decimal previous, decimal next) =>
        $"Seleccione un valor válido; los dos valores válidos más cercanos son {Number(previous)} y {Number(next)}.";

    /// <summary>18, 2.5, -0.25: invariant digits without trailing zeros.</summary>
    public static string Number(decimal value) => (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
}
