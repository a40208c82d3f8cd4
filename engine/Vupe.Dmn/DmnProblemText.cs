using System.Globalization;

namespace Vupe.Dmn;

/// <summary>What a DMN reference points at, for the texts that name it.</summary>
internal enum DmnTarget { Decision, InputData, Invocable }

/// <summary>
/// Every text of a DMN file's problems (what <see cref="DmnParser"/> refuses) and the locations they start with, in
/// English (the library's default, what its tests read) and in Spanish for hosts whose users read Spanish, chosen by
/// <see cref="CultureInfo.CurrentUICulture"/>. Both languages sit side by side so a change to one is made to the
/// other. Ids, names and DMN attribute names stay as written in the file; the Spanish quotes them with «».
/// </summary>
internal static class DmnProblemText
{
    /// <summary>Spanish when the UI culture's language is Spanish (es, es-PE, ...), otherwise English.</summary>
    public static bool InSpanish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "es";

    private static string Pick(string en, string es) => InSpanish ? es : en;

    // ---- The file -------------------------------------------------------------------------------------------

    public static string NotWellFormedXml(string detail) => Pick(
        $"The DMN file is not well-formed XML: {detail}",
        $"El archivo DMN no es un XML bien formado: {detail}");

    public static string NotDmn(string namespaceName, string localName) => Pick(
        $"Not a DMN file: the root element is {{{namespaceName}}}{localName}, expected 'definitions' in a DMN 1.1-1.5 namespace",
        $"No es un archivo DMN: el elemento raíz es {{{namespaceName}}}{localName}; se esperaba «definitions» en un espacio de nombres de DMN 1.1 a 1.5");

    public static string ItemDefinitionWithoutName(int line) => Pick(
        $"An itemDefinition at line {line} has no name",
        $"Un «itemDefinition» de la línea {line} no tiene nombre");

    // ---- Where: each problem starts with the element of the file it is in ----------------------------------

    public static string ItemDefinitionAt(string name) => Pick($"Item definition '{name}'", $"Definición de tipo «{name}»");

    public static string InputDataAt(string idOrName) => Pick($"Input data '{idOrName}'", $"Dato de entrada «{idOrName}»");

    public static string KnowledgeModelAt(string idOrName) => Pick($"Business knowledge model '{idOrName}'", $"Modelo de conocimiento de negocio «{idOrName}»");

    public static string DecisionAt(string idOrName) => Pick($"Decision '{idOrName}'", $"Decisión «{idOrName}»");

    public static string DecisionServiceAt(string label) => Pick($"Decision service '{label}'", $"Servicio de decisión «{label}»");

    // ... and narrows down inside it.

    public static string AllowedValues(string location) => Pick($"{location}, allowed values", $"{location}, valores permitidos");

    public static string ComponentAt(string location, string name) => Pick($"{location}, component '{name}'", $"{location}, componente «{name}»");

    /// <summary>A context entry by its name, or by its position when it has none.</summary>
    public static string ContextEntryAt(string location, int number, string? name) => Pick(
        $"{location}, context entry {(name is null ? number.ToString(CultureInfo.InvariantCulture) : $"'{name}'")}",
        $"{location}, entrada de contexto {(name is null ? number.ToString(CultureInfo.InvariantCulture) : $"«{name}»")}");

    public static string BindingAt(string location, string parameter) => Pick($"{location}, binding '{parameter}'", $"{location}, argumento «{parameter}»");

    public static string InvokedFunction(string location) => Pick($"{location}, invoked function", $"{location}, función invocada");

    public static string ListItemAt(string location, int number) => Pick($"{location}, list item {number}", $"{location}, elemento {number} de la lista");

    public static string RelationCellAt(string location, int row, int column) => Pick(
        $"{location}, row {row}, column {column}",
        $"{location}, fila {row}, columna {column}");

    /// <summary>A part of a DMN 1.4 conditional: <paramref name="part"/> is if, then or else.</summary>
    public static string ConditionalPart(string location, string part) => Pick(
        $"{location}, {part}",
        $"{location}, {part switch { "if" => "condición (if)", "then" => "rama then", _ => "rama else" }}");

    public static string FilterSource(string location) => Pick($"{location}, filter in", $"{location}, colección del filtro (in)");

    public static string FilterMatch(string location) => Pick($"{location}, filter match", $"{location}, condición del filtro (match)");

    /// <summary><paramref name="kind"/>: for, every or some.</summary>
    public static string IteratorSource(string location, string kind) => Pick($"{location}, {kind} in", $"{location}, colección de «{kind}» (in)");

    public static string IteratorBody(string location, string kind) => Pick($"{location}, {kind} body", $"{location}, cuerpo de «{kind}»");

    public static string ParameterAt(string location, string? name) => Pick($"{location}, parameter '{name}'", $"{location}, parámetro «{name}»");

    public static string TableInputAt(string location, int column) => Pick($"{location}, input {column}", $"{location}, entrada {column}");

    public static string InputExpression(string inputLocation, string label) => Pick(
        $"{inputLocation} '{label}', input expression",
        $"{inputLocation} «{label}», expresión de entrada");

    public static string InputValues(string location) => Pick($"{location}, input values", $"{location}, valores de entrada");

    public static string TableOutputAt(string location, int column) => Pick($"{location}, output {column}", $"{location}, salida {column}");

    public static string OutputValues(string location) => Pick($"{location}, output values", $"{location}, valores de salida");

    public static string DefaultOutputEntry(string location) => Pick($"{location}, default output entry", $"{location}, valor de salida por defecto");

    public static string RuleAt(string location, int number) => Pick($"{location}, rule {number}", $"{location}, regla {number}");

    public static string InputEntryAt(string ruleLocation, int number) => Pick($"{ruleLocation}, input entry {number}", $"{ruleLocation}, celda de entrada {number}");

    public static string OutputEntryAt(string ruleLocation, int number) => Pick($"{ruleLocation}, output entry {number}", $"{ruleLocation}, celda de salida {number}");

    // ---- Problems -------------------------------------------------------------------------------------------

    private static string English(DmnTarget target) => target switch
    {
        DmnTarget.Decision => "decision",
        DmnTarget.InputData => "input data",
        _ => "business knowledge model or decision service",
    };

    private static string Spanish(DmnTarget target) => target switch
    {
        DmnTarget.Decision => "la decisión",
        DmnTarget.InputData => "el dato de entrada",
        _ => "el modelo de conocimiento de negocio o servicio de decisión",
    };

    /// <summary>"a" + <see cref="Spanish(DmnTarget)"/>, contracted: "al dato de entrada".</summary>
    private static string SpanishTo(DmnTarget target) => target == DmnTarget.Decision ? "a " + Spanish(target) : "al " + Spanish(target)[3..];

    /// <summary><paramref name="reference"/>: the DMN element that refers (requiredDecision, outputDecision, ...).</summary>
    public static string BrokenReference(string location, string reference, int line, DmnTarget target, string href) => Pick(
        $"{location}: {reference} (line {line}) refers to {English(target)} '{href}' which is not in this file",
        $"{location}: «{reference}» (línea {line}) apunta {SpanishTo(target)} «{href}», que no está en este archivo");

    public static string UndeclaredRead(string decision, DmnTarget target, string name) => Pick(
        $"Decision '{decision}': reads {English(target)} '{name}' without an information requirement on it",
        $"Decisión «{decision}»: lee {Spanish(target)} «{name}» sin tener un requisito de información (informationRequirement) sobre «{name}»");

    /// <summary><paramref name="path"/>: the decisions of the cycle joined by " -> ".</summary>
    public static string RequiresItself(string decision, string path) => Pick(
        $"Decision '{decision}' requires itself: {path}",
        $"La decisión «{decision}» se requiere a sí misma: {path}");

    public static string TypeRefToItself(string location) => Pick(
        $"{location}: its typeRef refers to itself",
        $"{location}: su «typeRef» se refiere a sí mismo");

    public static string UnknownType(string location, string typeRef) => Pick(
        $"{location}: unknown type '{typeRef}'",
        $"{location}: tipo desconocido «{typeRef}»");

    public static string InvocationWithoutFunction(string location) => Pick(
        $"{location}: invocation without the name of the function to call",
        $"{location}: invocación sin el nombre de la función que se llama");

    public static string IteratorWithoutVariable(string location, string kind) => Pick(
        $"{location}: '{kind}' without an iteratorVariable",
        $"{location}: «{kind}» sin «iteratorVariable»");

    public static string MissingExpression(string location) => Pick(
        $"{location}: missing expression",
        $"{location}: falta la expresión");

    public static string UnsupportedFunctionKind(string location, string kind) => Pick(
        $"{location}: function kind '{kind}' is not supported (only FEEL)",
        $"{location}: no se admite el tipo de función «{kind}» (solo FEEL)");

    public static string UnknownHitPolicy(string location, string hitPolicy) => Pick(
        $"{location}: unknown hit policy '{hitPolicy}'",
        $"{location}: política de aciertos desconocida «{hitPolicy}»");

    public static string BadAggregation(string location, string? aggregation, string hitPolicy) => Pick(
        $"{location}: aggregation '{aggregation}' is not valid with hit policy {hitPolicy}",
        $"{location}: la agregación «{aggregation}» no es válida con la política de aciertos {hitPolicy}");

    public static string InputWithoutExpression(string inputLocation) => Pick(
        $"{inputLocation}: the input has no input expression",
        $"{inputLocation}: la entrada no tiene expresión de entrada");

    public static string TableWithoutOutput(string location) => Pick(
        $"{location}: the decision table has no output",
        $"{location}: la tabla de decisión no tiene ninguna salida");

    public static string UnnamedOutputs(string location) => Pick(
        $"{location}: a decision table with several outputs must name each of them",
        $"{location}: una tabla de decisión con varias salidas debe dar nombre a cada una");

    public static string CollectNeedsOneOutput(string location, string? aggregation) => Pick(
        $"{location}: COLLECT {aggregation} needs exactly one output",
        $"{location}: COLLECT {aggregation} necesita exactamente una salida");

    public static string InputEntryCount(string ruleLocation, int entries, int inputs) => Pick(
        $"{ruleLocation}: has {entries} input entries for {inputs} inputs",
        $"{ruleLocation}: tiene {entries} celdas de entrada para {inputs} entradas");

    public static string OutputEntryCount(string ruleLocation, int entries, int outputs) => Pick(
        $"{ruleLocation}: has {entries} output entries for {outputs} outputs",
        $"{ruleLocation}: tiene {entries} celdas de salida para {outputs} salidas");

    /// <summary>Follows the table's location: "Decision 'd', rule 2, output entry 1 'group': gives ...".</summary>
    public static string OutputNotAllowed(int rule, int output, string? outputName, string value, string allowed) => Pick(
        $"rule {rule}, output entry {output}{(outputName is null ? "" : $" '{outputName}'")}: gives {value}, which is not among its output values ({allowed})",
        $"regla {rule}, celda de salida {output}{(outputName is null ? "" : $" «{outputName}»")}: da {value}, que no está entre sus valores de salida ({allowed})");

    /// <summary>The reason is the FEEL parser's own text, which stays English.</summary>
    public static string FeelSyntaxError(string location, int position, int line, int column, string text, string reason) => Pick(
        $"{location}: FEEL syntax error at position {position} (line {line}, column {column}) in '{text}': {reason}",
        $"{location}: error de sintaxis FEEL en la posición {position} (línea {line}, columna {column}) de «{text}»: {reason}");
}
