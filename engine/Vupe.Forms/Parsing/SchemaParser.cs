using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Vupe.Feel;
using Vupe.Forms.Validation;

namespace Vupe.Forms.Parsing;

/// <summary>
/// Reads a form-js schema into <see cref="FormComponent"/>s, collecting every problem before throwing one
/// <see cref="FormSchemaException"/>, so a designer fixes a broken form in one round. FEEL is parsed here, once, so a
/// syntax error is a deployment error and never a surprise while a citizen waits at the counter.
/// </summary>
internal sealed partial class SchemaParser
{
    private readonly List<FormSchemaProblem> problems = [];
    private readonly Dictionary<string, FormComponent> ids = new(StringComparer.Ordinal);

    private SchemaParser()
    {
    }

    public static FormSchema Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 128 });
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var column = (e.BytePositionInLine ?? 0) + 1;
            throw new FormSchemaException(FormProblemText.NotJson(line, column, JsonReason(e.Message)), e);
        }
        catch (ArgumentException e)
        {
            // System.Text.Json refuses a string that is not valid UTF-16 (a lone surrogate, e.g. from a "\ud800" escape) before parsing.
            throw new FormSchemaException(FormProblemText.InvalidText(), e);
        }

        using (document)
        {
            return new SchemaParser().ParseRoot(document.RootElement);
        }
    }

    // System.Text.Json appends " Path: $ | LineNumber: 0 | BytePositionInLine: 9." — we say line and column ourselves.
    private static string JsonReason(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        return cut < 0 ? message : message[..cut];
    }

    private FormSchema ParseRoot(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormSchemaException(FormProblemText.RootNotObject(Describe(root)));
        }

        string? id = null;
        if (root.TryGetProperty("id", out var idElement))
        {
            if (idElement.ValueKind == JsonValueKind.String)
            {
                id = idElement.GetString();
            }
            else
            {
                problems.Add(new FormSchemaProblem(null, null, null, FormProblemText.FormIdNotString()));
            }
        }

        int? schemaVersion = null;
        if (root.TryGetProperty("schemaVersion", out var versionElement))
        {
            if (versionElement.ValueKind == JsonValueKind.Number && versionElement.TryGetInt32(out var version))
            {
                schemaVersion = version;
            }
            else
            {
                problems.Add(new FormSchemaProblem(null, null, null, FormProblemText.SchemaVersionNotInteger()));
            }
        }

        IReadOnlyList<FormComponent> components = [];
        if (!root.TryGetProperty("components", out var componentsElement) || componentsElement.ValueKind != JsonValueKind.Array)
        {
            problems.Add(new FormSchemaProblem(null, null, null, FormProblemText.NoComponents()));
        }
        else
        {
            var claims = new List<Claim>();
            components = ParseComponents(componentsElement, "components", [], claims);
            CheckClaims(claims);
        }

        if (problems.Count > 0)
        {
            throw new FormSchemaException(problems);
        }

        return new FormSchema(id, schemaVersion, components);
    }

    private List<FormComponent> ParseComponents(JsonElement array, string location, string[] prefix, List<Claim> claims)
    {
        var result = new List<FormComponent>();
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            if (ParseComponent(element, $"{location}[{index}]", prefix, claims) is { } component)
            {
                result.Add(component);
            }

            index++;
        }

        return result;
    }

    private FormComponent? ParseComponent(JsonElement element, string location, string[] prefix, List<Claim> claims)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new FormSchemaProblem(location, null, null, FormProblemText.ComponentNotObject(Describe(element))));
            return null;
        }

        var id = element.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
        if (!element.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String
            || string.IsNullOrEmpty(typeElement.GetString()))
        {
            problems.Add(new FormSchemaProblem(location, id, null, FormProblemText.NoType()));
            return null;
        }

        var type = typeElement.GetString()!;
        var component = new FormComponent(type, KindOf(type), location) { Id = id };
        if (idElement.ValueKind is not JsonValueKind.Undefined and not JsonValueKind.String)
        {
            Problem(component, FormProblemText.IdNotString());
        }
        else if (id is not null && !ids.TryAdd(id, component))
        {
            Problem(component, FormProblemText.DuplicateId(id, ids[id].Location));
        }

        component.Label = OptionalString(element, "label", component);
        if (Property(element, "conditional") is { } conditional)
        {
            ParseConditional(conditional, component);
        }

        switch (component.Kind)
        {
            case ComponentKind.Presentation:
                break;
            case ComponentKind.Unknown:
                // Kept for the shape of the schema; a key it binds is passed through untouched (see architecture.md).
                if (OptionalString(element, "key", component) is { Length: > 0 } unknownKey)
                {
                    BindKey(component, unknownKey, prefix, claims);
                }

                break;
            case ComponentKind.Group:
                ParseContainer(element, component, prefix, claims);
                break;
            case ComponentKind.DynamicList:
                component.IsRepeating = OptionalBool(element, "isRepeating", component) ?? false;
                ParseContainer(element, component, prefix, claims);
                break;
            default:
                ParseInput(element, component, prefix, claims);
                break;
        }

        return component;
    }

    private static ComponentKind KindOf(string type) => type switch
    {
        "textfield" or "textarea" => ComponentKind.Text,
        "number" => ComponentKind.Number,
        "checkbox" => ComponentKind.Checkbox,
        "radio" or "select" => ComponentKind.SingleChoice,
        "checklist" or "taglist" => ComponentKind.MultiChoice,
        "datetime" => ComponentKind.DateTime,
        "filepicker" => ComponentKind.FilePicker,
        "expression" => ComponentKind.Expression,
        "group" => ComponentKind.Group,
        "dynamiclist" => ComponentKind.DynamicList,
        "text" or "html" or "image" or "spacer" or "separator" or "button" or "iframe" or "table" or "documentPreview" => ComponentKind.Presentation,
        _ => ComponentKind.Unknown,
    };

    private void ParseContainer(JsonElement element, FormComponent component, string[] prefix, List<Claim> claims)
    {
        var path = OptionalString(element, "path", component);
        string[] segments = [];
        if (!string.IsNullOrEmpty(path))
        {
            if (!PathSyntax().IsMatch(path))
            {
                Problem(component, FormProblemText.BadPath(path));
            }
            else
            {
                component.Path = path;
                segments = path.Split('.');
            }
        }

        component.PathSegments = segments;
        var children = Property(element, "components");
        if (children is { ValueKind: not JsonValueKind.Array })
        {
            Problem(component, FormProblemText.ComponentsNotArray());
            children = null;
        }

        if (component.Kind == ComponentKind.DynamicList && component.IsRepeating)
        {
            // A repeating list owns an array at its path; its children bind inside each item, a scope of their own.
            if (segments.Length == 0)
            {
                Problem(component, FormProblemText.RepeatingListNeedsPath());
            }
            else
            {
                claims.Add(new Claim([.. prefix, .. segments], Closed: true, component));
            }

            var itemClaims = new List<Claim>();
            component.Components = children is { } items ? ParseComponents(items, component.Location + ".components", [], itemClaims) : [];
            CheckClaims(itemClaims);
            return;
        }

        string[] childPrefix = [.. prefix, .. segments];
        if (segments.Length > 0)
        {
            claims.Add(new Claim(childPrefix, Closed: false, component));
        }

        component.Components = children is { } list ? ParseComponents(list, component.Location + ".components", childPrefix, claims) : [];
    }

    private void ParseInput(JsonElement element, FormComponent component, string[] prefix, List<Claim> claims)
    {
        var key = OptionalString(element, "key", component);
        if (string.IsNullOrEmpty(key))
        {
            Problem(component, FormProblemText.FieldNeedsKey(component.Type));
        }
        else
        {
            BindKey(component, key, prefix, claims);
        }

        if (component.Kind == ComponentKind.Expression)
        {
            var expression = OptionalString(element, "expression", component);
            if (string.IsNullOrEmpty(expression))
            {
                Problem(component, FormProblemText.ExpressionFieldNeedsExpression());
            }
            else
            {
                component.Expression = ParseFeel(expression, "expression", component);
            }

            return;
        }

        component.Readonly = ParseFlag(element, "readonly", component);
        component.Disabled = ParseFlag(element, "disabled", component);
        if (Property(element, "validate") is { } validate)
        {
            component.Rules = ParseRules(validate, component);
        }

        switch (component.Kind)
        {
            case ComponentKind.Number:
                ParseNumberSettings(element, component);
                break;
            case ComponentKind.SingleChoice or ComponentKind.MultiChoice:
                ParseOptions(element, component);
                break;
            case ComponentKind.DateTime:
                ParseDateTimeSettings(element, component);
                break;
        }

        if (Property(element, "defaultValue") is { } defaultValue)
        {
            var normalized = ValueNormalizer.Normalize(component, DataTree.FromClr(defaultValue));
            if (normalized.IsOk)
            {
                component.DefaultValue = normalized.Value;
                component.HasDefaultValue = true;
            }
            else
            {
                Problem(component, FormProblemText.DefaultValueDoesNotFit(Describe(defaultValue), normalized.Code));
            }
        }
    }

    private void BindKey(FormComponent component, string key, string[] prefix, List<Claim> claims)
    {
        if (!PathSyntax().IsMatch(key))
        {
            Problem(component, FormProblemText.BadKey(key));
            return;
        }

        component.Key = key;
        component.KeySegments = key.Split('.');
        claims.Add(new Claim([.. prefix, .. component.KeySegments], Closed: true, component));
    }

    private void ParseConditional(JsonElement conditional, FormComponent component)
    {
        if (conditional.ValueKind != JsonValueKind.Object)
        {
            Problem(component, FormProblemText.ConditionalNotObject());
            return;
        }

        if (OptionalString(conditional, "hide", component, "conditional.hide") is { Length: > 0 } hide)
        {
            component.Hide = ParseFeel(hide, "conditional.hide", component);
        }
    }

    private Flag ParseFlag(JsonElement element, string name, FormComponent component)
    {
        switch (Property(element, name))
        {
            case null:
                return Flag.False;
            case { ValueKind: JsonValueKind.True }:
                return Flag.True;
            case { ValueKind: JsonValueKind.False }:
                return Flag.False;
            case { ValueKind: JsonValueKind.String } text when text.GetString() is { } value:
                if (value.Length == 0)
                {
                    return Flag.False;
                }

                return ParseFeel(value, name, component) is { } expression ? Flag.Of(expression) : Flag.False;
            case { } other:
                Problem(component, FormProblemText.BadFlag(name, Describe(other)));
                return Flag.False;
        }
    }

    private ValidationRules ParseRules(JsonElement validate, FormComponent component)
    {
        if (validate.ValueKind != JsonValueKind.Object)
        {
            Problem(component, FormProblemText.ValidateNotObject());
            return ValidationRules.None;
        }

        var validationType = OptionalString(validate, "validationType", component, "validate.validationType") switch
        {
            null or "" or "custom" => ValidationType.None,
            "email" => ValidationType.Email,
            "phone" => ValidationType.Phone,
            var other => Unknown(other),
        };

        return new ValidationRules
        {
            Required = OptionalBool(validate, "required", component, "validate.required") ?? false,
            Min = ParseBound(validate, "min", component, integer: false),
            Max = ParseBound(validate, "max", component, integer: false),
            MinLength = ParseBound(validate, "minLength", component, integer: true),
            MaxLength = ParseBound(validate, "maxLength", component, integer: true),
            Pattern = ParsePattern(validate, component),
            ValidationType = validationType,
        };

        ValidationType Unknown(string other)
        {
            Problem(component, FormProblemText.UnknownValidationType(other));
            return ValidationType.None;
        }
    }

    /// <summary>min, max, minLength, maxLength: a number, a numeric string, or a FEEL expression ("=edadMinima").</summary>
    private Bound? ParseBound(JsonElement validate, string name, FormComponent component, bool integer)
    {
        var what = "validate." + name;
        switch (Property(validate, name))
        {
            case null:
                return null;
            case { ValueKind: JsonValueKind.String } text when text.GetString() is { } value:
                if (value.Length == 0)
                {
                    return null;
                }

                if (value.StartsWith('='))
                {
                    return ParseFeel(value, what, component) is { } expression ? new Bound(expression) : null;
                }

                if (TextFormats.TryParseNumber(value.Trim(), out var parsed))
                {
                    return CheckBound(parsed, what, component, integer);
                }

                Problem(component, FormProblemText.BoundNotNumberOrFeel(what, value));
                return null;
            case { ValueKind: JsonValueKind.Number } number when number.TryGetDecimal(out var value):
                return CheckBound(value, what, component, integer);
            case { } other:
                Problem(component, FormProblemText.BoundNotNumber(what, Describe(other)));
                return null;
        }
    }

    private Bound? CheckBound(decimal value, string what, FormComponent component, bool integer)
    {
        if (integer && (value < 0 || value != decimal.Truncate(value) || value > int.MaxValue))
        {
            Problem(component, FormProblemText.BoundNotWholeNumber(what));
            return null;
        }

        return new Bound(value);
    }

    /// <summary>
    /// form-js tests patterns with JavaScript's RegExp, unanchored; here the pattern is compiled with ECMAScript
    /// semantics when .NET can (ASCII \w and \d, as in the browser) and with .NET's own otherwise, always with a time
    /// limit so a designer's catastrophic pattern cannot stall the server.
    /// </summary>
    private Regex? ParsePattern(JsonElement validate, FormComponent component)
    {
        if (OptionalString(validate, "pattern", component, "validate.pattern") is not { Length: > 0 } pattern)
        {
            return null;
        }

        try
        {
            return new Regex(pattern, RegexOptions.ECMAScript | RegexOptions.CultureInvariant, TextFormats.PatternTimeout);
        }
        catch (ArgumentException)
        {
            try
            {
                return new Regex(pattern, RegexOptions.CultureInvariant, TextFormats.PatternTimeout);
            }
            catch (ArgumentException e)
            {
                Problem(component, FormProblemText.BadPattern(pattern, e.Message));
                return null;
            }
        }
    }

    private void ParseNumberSettings(JsonElement element, FormComponent component)
    {
        switch (Property(element, "decimalDigits"))
        {
            case null:
                break;
            case { ValueKind: JsonValueKind.Number } digits when digits.TryGetInt32(out var value) && value >= 0:
                component.DecimalDigits = value;
                break;
            case { } other:
                Problem(component, FormProblemText.BadDecimalDigits(Describe(other)));
                break;
        }

        switch (Property(element, "increment"))
        {
            case null:
                break;
            case { ValueKind: JsonValueKind.String } text when text.GetString() is "":
                break;
            case { ValueKind: JsonValueKind.Number } number when number.TryGetDecimal(out var value) && value > 0:
                component.Increment = value;
                break;
            case { ValueKind: JsonValueKind.String } text when TextFormats.TryParseNumber(text.GetString()!.Trim(), out var value) && value > 0:
                component.Increment = value;
                break;
            case { } other:
                Problem(component, FormProblemText.BadIncrement(Describe(other)));
                break;
        }

        component.SerializeToString = OptionalBool(element, "serializeToString", component) ?? false;
    }

    private void ParseDateTimeSettings(JsonElement element, FormComponent component)
    {
        component.Subtype = OptionalString(element, "subtype", component) switch
        {
            null or "" or "date" => DateTimeSubtype.Date,
            "time" => DateTimeSubtype.Time,
            "datetime" => DateTimeSubtype.DateTime,
            var other => UnknownSubtype(other),
        };
        component.DisallowPassedDates = OptionalBool(element, "disallowPassedDates", component) ?? false;

        DateTimeSubtype UnknownSubtype(string other)
        {
            Problem(component, FormProblemText.UnknownSubtype(other));
            return DateTimeSubtype.Date;
        }
    }

    /// <summary>
    /// Options come, as in form-js, from valuesKey (a variable holding them), valuesExpression (FEEL) or the static
    /// 'values'. Only static options can be checked on the server: dynamic ones depend on data the client had.
    /// </summary>
    private void ParseOptions(JsonElement element, FormComponent component)
    {
        if (OptionalString(element, "valuesKey", component) is { Length: > 0 } valuesKey)
        {
            if (valuesKey.Any(char.IsWhiteSpace))
            {
                Problem(component, FormProblemText.ValuesKeyWithBlanks(valuesKey));
            }

            return;
        }

        if (OptionalString(element, "valuesExpression", component) is { Length: > 0 } valuesExpression)
        {
            ParseFeel(valuesExpression, "valuesExpression", component);
            return;
        }

        var options = new List<FormOption>();
        if (Property(element, "values") is { } values)
        {
            if (values.ValueKind != JsonValueKind.Array)
            {
                Problem(component, FormProblemText.ValuesNotArray());
                return;
            }

            var index = 0;
            foreach (var value in values.EnumerateArray())
            {
                if (ParseOption(value, index++, component) is not { } option)
                {
                    continue;
                }

                if (options.Exists(o => Equals(o.Value, option.Value)))
                {
                    Problem(component, FormProblemText.DuplicateOptionValue(index - 1, Describe(value.GetProperty("value"))));
                    continue;
                }

                options.Add(option);
            }
        }

        if (options.Count == 0)
        {
            Problem(component, FormProblemText.FieldNeedsOptions(component.Type));
        }

        component.Options = options;
    }

    private FormOption? ParseOption(JsonElement element, int index, FormComponent component)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("value", out var value))
        {
            Problem(component, FormProblemText.OptionNotObject(index));
            return null;
        }

        object? parsed = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number when value.TryGetDecimal(out var number) => number,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        };
        if (parsed is null or "")
        {
            Problem(component, FormProblemText.BadOptionValue(index, Describe(value)));
            return null;
        }

        var label = element.TryGetProperty("label", out var labelElement) && labelElement.ValueKind == JsonValueKind.String
            ? labelElement.GetString()
            : null;
        return new FormOption(label, parsed);
    }

    private FeelExpression? ParseFeel(string text, string what, FormComponent component)
    {
        if (!text.StartsWith('='))
        {
            Problem(component, FormProblemText.FeelNeedsEquals(what, text));
            return null;
        }

        FeelExpression expression;
        try
        {
            expression = Feel.Feel.Parse(text[1..]);
        }
        catch (FeelSyntaxException e)
        {
            Problem(component, FormProblemText.InvalidFeel(what, text, e.Message));
            return null;
        }

        foreach (var call in expression.FunctionCalls)
        {
            if (!FeelBuiltIns.IsBuiltIn(call.Name))
            {
                Problem(component, FormProblemText.UnknownFeelFunction(call.Name, what, text, call.Column));
                return null;
            }
        }

        return expression;
    }

    /// <summary>
    /// Two fields on one data path would overwrite each other (form-js refuses such a form too), and a field whose
    /// value is a single value cannot also be the object another field or group nests into.
    /// </summary>
    private void CheckClaims(List<Claim> claims)
    {
        for (var i = 0; i < claims.Count; i++)
        {
            for (var j = i + 1; j < claims.Count; j++)
            {
                var (a, b) = (claims[i], claims[j]);
                var (shorter, longer) = a.Segments.Length <= b.Segments.Length ? (a, b) : (b, a);
                if (!longer.Segments.AsSpan(0, shorter.Segments.Length).SequenceEqual(shorter.Segments))
                {
                    continue;
                }

                var samePath = shorter.Segments.Length == longer.Segments.Length;
                if (samePath && (a.Closed || b.Closed))
                {
                    Problem(b.Component, FormProblemText.PathAlreadyBound(string.Join('.', b.Segments), a.Component.DisplayName));
                }
                else if (!samePath && shorter.Closed)
                {
                    Problem(longer.Component, FormProblemText.PathNestsInsideValue(string.Join('.', longer.Segments), string.Join('.', shorter.Segments), shorter.Component.DisplayName));
                }
            }
        }
    }

    private static JsonElement? Property(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private string? OptionalString(JsonElement element, string name, FormComponent component, string? what = null)
    {
        switch (Property(element, name))
        {
            case null:
                return null;
            case { ValueKind: JsonValueKind.String } text:
                return text.GetString();
            case { } other:
                Problem(component, FormProblemText.NotString(what ?? name, Describe(other)));
                return null;
        }
    }

    private bool? OptionalBool(JsonElement element, string name, FormComponent component, string? what = null)
    {
        switch (Property(element, name))
        {
            case null:
                return null;
            case { ValueKind: JsonValueKind.True }:
                return true;
            case { ValueKind: JsonValueKind.False }:
                return false;
            case { } other:
                Problem(component, FormProblemText.NotBoolean(what ?? name, Describe(other)));
                return null;
        }
    }

    private void Problem(FormComponent component, string message) =>
        problems.Add(new FormSchemaProblem(component.Location, component.Id, component.Key ?? component.Path, message));

    private static string Describe(JsonElement element) => FormProblemText.Value(element);

    /// <summary>form-js's key and path syntax: word characters (ASCII, as JavaScript's \w), dot-separated.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex PathSyntax();

    /// <summary>A data path a component binds within one scope (the form or a dynamic list item). Closed: a single value lives there.</summary>
    private sealed record Claim(string[] Segments, bool Closed, FormComponent Component);
}
