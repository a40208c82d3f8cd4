using System.Globalization;
using System.Text.Json;

namespace Vupe.Forms.Parsing;

/// <summary>
/// Every text of a form schema's problems (what <see cref="SchemaParser"/> refuses at deployment), in English (the
/// library's default, what its tests read) and in Spanish for hosts whose users read Spanish, chosen by
/// <see cref="CultureInfo.CurrentUICulture"/>. Both languages sit side by side so a change to one is made to the
/// other. Keys, paths and form-js property names stay as written in the schema; the Spanish quotes them with «».
/// </summary>
internal static class FormProblemText
{
    /// <summary>Spanish when the UI culture's language is Spanish (es, es-PE, ...), otherwise English.</summary>
    public static bool InSpanish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "es";

    private static string Pick(string en, string es) => InSpanish ? es : en;

    /// <summary>A JSON value as the texts name it: "the string \"x\"", "an array".</summary>
    public static string Value(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => Pick($"the string \"{element.GetString()}\"", $"la cadena \"{element.GetString()}\""),
        JsonValueKind.Number => Pick($"the number {element.GetRawText()}", $"el número {element.GetRawText()}"),
        JsonValueKind.True or JsonValueKind.False => Pick($"the boolean {element.GetRawText()}", $"el booleano {element.GetRawText()}"),
        JsonValueKind.Array => Pick("an array", "un arreglo"),
        JsonValueKind.Object => Pick("an object", "un objeto"),
        _ => "null",
    };

    /// <summary>A component as the texts name it: by key (or path) and id, else by where it is.</summary>
    public static string Component(string? name, string? id, string location) => (name, id) switch
    {
        ({ } n, { } i) => Pick($"'{n}' ({i})", $"«{n}» ({i})"),
        ({ } n, null) => Pick($"'{n}' at {location}", $"«{n}» en {location}"),
        (null, { } i) => Pick($"'{i}'", $"«{i}»"),
        _ => Pick($"at {location}", $"en {location}"),
    };

    // ---- The document ---------------------------------------------------------------------------------------

    /// <summary>The reason is System.Text.Json's own text, which stays English.</summary>
    public static string NotJson(long line, long column, string reason) => Pick(
        $"The form schema is not valid JSON (line {line}, column {column}): {reason}",
        $"El esquema del formulario no es un JSON válido (línea {line}, columna {column}): {reason}");

    public static string InvalidText() => Pick(
        "The form schema contains invalid text (a lone UTF-16 surrogate): it cannot be read as JSON.",
        "El esquema del formulario contiene texto no válido (un sustituto UTF-16 suelto): no se puede leer como JSON.");

    public static string RootNotObject(string value) => Pick(
        $"A form schema must be a JSON object, not {value}.",
        $"Un esquema de formulario debe ser un objeto JSON, no {value}.");

    public static string FormIdNotString() => Pick("The form's id must be a string.", "El «id» del formulario debe ser una cadena.");

    public static string SchemaVersionNotInteger() => Pick("schemaVersion must be an integer.", "«schemaVersion» debe ser un número entero.");

    public static string NoComponents() => Pick("A form schema needs a 'components' array.", "Un esquema de formulario necesita un arreglo «components».");

    // ---- Components -----------------------------------------------------------------------------------------

    public static string ComponentNotObject(string value) => Pick(
        $"A component must be a JSON object, not {value}.",
        $"Un componente debe ser un objeto JSON, no {value}.");

    public static string NoType() => Pick("The component has no 'type'.", "El componente no tiene «type».");

    public static string IdNotString() => Pick("'id' must be a string.", "«id» debe ser una cadena.");

    public static string DuplicateId(string id, string otherLocation) => Pick(
        $"The id '{id}' is used by another component too ({otherLocation}); form-js needs ids to be unique.",
        $"El id «{id}» también lo usa otro componente ({otherLocation}); form-js necesita que los ids sean únicos.");

    public static string BadPath(string path) => Pick(
        $"The path '{path}' is not valid: use letters, digits and '_', with '.' between nesting levels.",
        $"La ruta «{path}» no es válida: use letras, dígitos y «_», con «.» entre niveles de anidamiento.");

    public static string BadKey(string key) => Pick(
        $"The key '{key}' is not valid: use letters, digits and '_', with '.' between nesting levels.",
        $"La clave «{key}» no es válida: use letras, dígitos y «_», con «.» entre niveles de anidamiento.");

    public static string ComponentsNotArray() => Pick("'components' must be an array.", "«components» debe ser un arreglo.");

    public static string RepeatingListNeedsPath() => Pick(
        "A repeating dynamic list needs a 'path' for its items.",
        "Una lista dinámica repetible necesita un «path» para sus elementos.");

    public static string FieldNeedsKey(string type) => Pick(
        $"A '{type}' field needs a 'key' to bind its value.",
        $"Un campo «{type}» necesita una «key» para vincular su valor.");

    public static string ExpressionFieldNeedsExpression() => Pick(
        "An expression field needs an 'expression'.",
        "Un campo de expresión necesita una «expression».");

    /// <summary><paramref name="code"/>: the validation error code (type, pattern, ...).</summary>
    public static string DefaultValueDoesNotFit(string value, string? code) => Pick(
        $"The defaultValue, {value}, does not fit the field ({code}).",
        $"El «defaultValue», {value}, no es válido para el campo ({code}).");

    public static string ConditionalNotObject() => Pick("'conditional' must be an object.", "«conditional» debe ser un objeto.");

    public static string BadFlag(string name, string value) => Pick(
        $"'{name}' must be true, false or a FEEL expression starting with '=', not {value}.",
        $"«{name}» debe ser true, false o una expresión FEEL que empiece con «=», no {value}.");

    public static string NotString(string name, string value) => Pick(
        $"'{name}' must be a string, not {value}.",
        $"«{name}» debe ser una cadena, no {value}.");

    public static string NotBoolean(string name, string value) => Pick(
        $"'{name}' must be true or false, not {value}.",
        $"«{name}» debe ser true o false, no {value}.");

    // ---- Validation rules -----------------------------------------------------------------------------------

    public static string ValidateNotObject() => Pick("'validate' must be an object.", "«validate» debe ser un objeto.");

    public static string UnknownValidationType(string value) => Pick(
        $"validate.validationType '{value}' is not known: use 'email', 'phone' or leave it empty.",
        $"«validate.validationType» no admite «{value}»: use «email», «phone» o déjelo vacío.");

    /// <summary><paramref name="what"/>: validate.min, validate.maxLength, ...</summary>
    public static string BoundNotNumberOrFeel(string what, string value) => Pick(
        $"{what} must be a number or a FEEL expression starting with '=', not \"{value}\".",
        $"«{what}» debe ser un número o una expresión FEEL que empiece con «=», no \"{value}\".");

    public static string BoundNotNumber(string what, string value) => Pick(
        $"{what} must be a number, not {value}.",
        $"«{what}» debe ser un número, no {value}.");

    public static string BoundNotWholeNumber(string what) => Pick(
        $"{what} must be a whole number of characters, 0 or more.",
        $"«{what}» debe ser un número entero de caracteres, 0 o más.");

    /// <summary>The detail is .NET's own text, which stays English.</summary>
    public static string BadPattern(string pattern, string detail) => Pick(
        $"validate.pattern \"{pattern}\" is not a valid regular expression: {detail}",
        $"«validate.pattern» \"{pattern}\" no es una expresión regular válida: {detail}");

    // ---- Field settings and options -------------------------------------------------------------------------

    public static string BadDecimalDigits(string value) => Pick(
        $"decimalDigits must be a whole number, 0 or more, not {value}.",
        $"«decimalDigits» debe ser un número entero, 0 o más, no {value}.");

    public static string BadIncrement(string value) => Pick(
        $"increment must be a number greater than 0, not {value}.",
        $"«increment» debe ser un número mayor que 0, no {value}.");

    public static string UnknownSubtype(string value) => Pick(
        $"subtype '{value}' is not known: use 'date', 'time' or 'datetime'.",
        $"«subtype» no admite «{value}»: use «date», «time» o «datetime».");

    public static string ValuesKeyWithBlanks(string valuesKey) => Pick(
        $"valuesKey '{valuesKey}' must not contain blanks.",
        $"«valuesKey» («{valuesKey}») no debe contener espacios.");

    public static string ValuesNotArray() => Pick(
        "'values' must be an array of { label, value } options.",
        "«values» debe ser un arreglo de opciones { label, value }.");

    public static string DuplicateOptionValue(int index, string value) => Pick(
        $"values[{index}] offers {value} again; option values must be unique.",
        $"values[{index}] repite {value}; los valores de las opciones deben ser únicos.");

    public static string FieldNeedsOptions(string type) => Pick(
        $"A '{type}' field needs options: static 'values', a 'valuesKey' or a 'valuesExpression'.",
        $"Un campo «{type}» necesita opciones: «values» fijos, una «valuesKey» o una «valuesExpression».");

    public static string OptionNotObject(int index) => Pick(
        $"values[{index}] must be an object with a 'value'.",
        $"values[{index}] debe ser un objeto con «value».");

    public static string BadOptionValue(int index, string value) => Pick(
        $"values[{index}].value must be a non-empty string, a number or a boolean, not {value}.",
        $"values[{index}].value debe ser una cadena no vacía, un número o un booleano, no {value}.");

    // ---- FEEL -----------------------------------------------------------------------------------------------

    /// <summary><paramref name="what"/>: the property that holds the FEEL (conditional.hide, readonly, ...).</summary>
    public static string FeelNeedsEquals(string what, string text) => Pick(
        $"{what} must be a FEEL expression starting with '=': \"{text}\".",
        $"«{what}» debe ser una expresión FEEL que empiece con «=»: \"{text}\".");

    /// <summary>The detail is the FEEL parser's own text, which stays English.</summary>
    public static string InvalidFeel(string what, string text, string detail) => Pick(
        $"Invalid FEEL in {what} \"{text}\": {detail}",
        $"FEEL no válido en «{what}» \"{text}\": {detail}");

    public static string UnknownFeelFunction(string name, string what, string text, int column) => Pick(
        $"Unknown FEEL function '{name}' in {what} \"{text}\" at column {column}.",
        $"Función FEEL desconocida «{name}» en «{what}» \"{text}\", columna {column}.");

    // ---- Data paths -----------------------------------------------------------------------------------------

    /// <summary><paramref name="component"/>: as <see cref="Component"/> names it.</summary>
    public static string PathAlreadyBound(string path, string component) => Pick(
        $"The data path '{path}' is already bound by component {component}; keys must be unique at each level.",
        $"La ruta de datos «{path}» ya la vincula el componente {component}; las claves deben ser únicas en cada nivel.");

    public static string PathNestsInsideValue(string path, string outer, string component) => Pick(
        $"The data path '{path}' nests inside '{outer}', which component {component} binds to a single value.",
        $"La ruta de datos «{path}» está dentro de «{outer}», que el componente {component} vincula a un solo valor.");
}
