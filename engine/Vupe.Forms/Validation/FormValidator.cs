using System.Text.RegularExpressions;
using Vupe.Feel;

namespace Vupe.Forms.Validation;

/// <summary>
/// Validates one submission against a form, in the order the form-js viewer works:
/// <list type="number">
/// <item>prepare the data as the viewer would hold it: absent fields take their default (or form-js's empty value),
/// present values are brought to their field's type where that is unambiguous ("18" → 18), and expression fields are
/// computed on the server (a client cannot forge them);</item>
/// <item>walk the components: hidden ones (conditional.hide true over the prepared data), disabled and read-only
/// ones are skipped; the others are validated and their normalised value copied into fresh output data.</item>
/// </list>
/// Nothing outside the form's keys reaches the output. One instance serves one validation.
/// </summary>
internal sealed class FormValidator(FormSchema schema, FormValidationOptions options)
{
    private readonly List<FormFieldError> errors = [];
    private Dictionary<string, object?> root = [];

    public FormValidationResult Validate(Dictionary<string, object?> data)
    {
        root = data;
        var output = new Dictionary<string, object?>(StringComparer.Ordinal);
        var top = new Scope(root, output, [], string.Empty, root, null, []);
        Prepare(schema.Components, top, computeExpressions: false);
        Prepare(schema.Components, top, computeExpressions: true);
        Walk(schema.Components, top);
        return new FormValidationResult(errors, output);
    }

    // ---- pass 1: the data as the viewer holds it ----

    private void Prepare(IReadOnlyList<FormComponent> components, Scope scope, bool computeExpressions)
    {
        foreach (var component in components)
        {
            switch (component.Kind)
            {
                case ComponentKind.Presentation or ComponentKind.Unknown:
                    break;
                case ComponentKind.Group:
                case ComponentKind.DynamicList when !component.IsRepeating:
                    if (component.PathSegments.Length == 0)
                    {
                        Prepare(component.Components, scope, computeExpressions);
                    }
                    else if (DataTree.GetOrCreateObject(scope.Data, scope.Segments(component.PathSegments), out _) is not null)
                    {
                        Prepare(component.Components, scope.Nested(component.PathSegments), computeExpressions);
                    }

                    break;
                case ComponentKind.DynamicList:
                    PrepareList(component, scope, computeExpressions);
                    break;
                case ComponentKind.Expression when computeExpressions:
                    var result = component.Expression is { } expression ? FormFeelScope.FromFeel(expression.Evaluate(FeelScope(scope))) : null;
                    DataTree.TrySet(scope.Data, scope.Segments(component.KeySegments), result);
                    break;
                case ComponentKind.Expression:
                    break;
                default:
                    if (!computeExpressions)
                    {
                        PrepareInput(component, scope);
                    }

                    break;
            }
        }
    }

    private void PrepareList(FormComponent list, Scope scope, bool computeExpressions)
    {
        var segments = scope.Segments(list.PathSegments);
        switch (DataTree.TryGet(scope.Data, segments, out var value, out _))
        {
            case Lookup.Absent:
            case Lookup.Found when value is null:
                DataTree.TrySet(scope.Data, segments, new List<object?>());
                break;
            case Lookup.Found when value is List<object?> items:
                for (var i = 0; i < items.Count; i++)
                {
                    if (items[i] is Dictionary<string, object?> item)
                    {
                        Prepare(list.Components, scope.Item(item, DisplayPath(scope, segments), i), computeExpressions);
                    }
                }

                break;
        }
    }

    private static void PrepareInput(FormComponent field, Scope scope)
    {
        var segments = scope.Segments(field.KeySegments);
        switch (DataTree.TryGet(scope.Data, segments, out var raw, out _))
        {
            case Lookup.Absent:
                DataTree.TrySet(scope.Data, segments, Copy(field.HasDefaultValue ? field.DefaultValue : ValueNormalizer.EmptyValue(field)));
                break;
            case Lookup.Found:
                var normalized = ValueNormalizer.Normalize(field, raw);
                if (normalized.IsOk)
                {
                    DataTree.TrySet(scope.Data, segments, normalized.Value);
                }

                break;
        }
    }

    // ---- pass 2: validate what the user could fill in, copy it out ----

    private void Walk(IReadOnlyList<FormComponent> components, Scope scope)
    {
        foreach (var component in components)
        {
            if (component.Kind == ComponentKind.Presentation || IsTrue(component.Hide, scope))
            {
                // A hidden container hides everything in it: nothing below is validated or submitted (as in form-js).
                continue;
            }

            switch (component.Kind)
            {
                case ComponentKind.Group:
                case ComponentKind.DynamicList when !component.IsRepeating:
                    WalkGroup(component, scope);
                    break;
                case ComponentKind.DynamicList:
                    WalkList(component, scope);
                    break;
                case ComponentKind.Unknown:
                    if (component.Key is not null && Read(component, scope, out var raw) == Lookup.Found)
                    {
                        DataTree.TrySet(scope.Output, scope.Segments(component.KeySegments), raw);
                    }

                    break;
                case ComponentKind.Expression:
                    if (Read(component, scope, out var computed) == Lookup.Found)
                    {
                        DataTree.TrySet(scope.Output, scope.Segments(component.KeySegments), computed);
                    }

                    break;
                default:
                    if (!IsSet(component.Disabled, scope) && !IsSet(component.Readonly, scope))
                    {
                        ValidateField(component, scope);
                    }

                    break;
            }
        }
    }

    private void WalkGroup(FormComponent group, Scope scope)
    {
        if (group.PathSegments.Length == 0)
        {
            Walk(group.Components, scope);
            return;
        }

        var segments = scope.Segments(group.PathSegments);
        switch (DataTree.TryGet(scope.Data, segments, out var value, out var blockedAt))
        {
            case Lookup.Blocked:
                Error(group, scope, segments[..blockedAt], FormErrorCodes.Type, Messages.NotObject);
                return;
            case Lookup.Found when value is not null and not Dictionary<string, object?>:
                Error(group, scope, segments, FormErrorCodes.Type, Messages.NotObject);
                return;
        }

        Walk(group.Components, scope.Nested(group.PathSegments));
    }

    private void WalkList(FormComponent list, Scope scope)
    {
        var segments = scope.Segments(list.PathSegments);
        List<object?> items;
        switch (DataTree.TryGet(scope.Data, segments, out var value, out var blockedAt))
        {
            case Lookup.Blocked:
                Error(list, scope, segments[..blockedAt], FormErrorCodes.Type, Messages.NotObject);
                return;
            case Lookup.Found when value is List<object?> found:
                items = found;
                break;
            case Lookup.Found when value is not null:
                Error(list, scope, segments, FormErrorCodes.Type, Messages.NotList);
                return;
            default:
                items = [];
                break;
        }

        var output = new List<object?>(items.Count);
        DataTree.TrySet(scope.Output, segments, output);
        var listPath = DisplayPath(scope, segments);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not Dictionary<string, object?> item)
            {
                errors.Add(new FormFieldError($"{listPath}[{i}]", FormErrorCodes.Type, Messages.NotListItem, list.Id, scope.Indexes));
                continue;
            }

            var itemOutput = new Dictionary<string, object?>(StringComparer.Ordinal);
            output.Add(itemOutput);
            Walk(list.Components, scope.Item(item, listPath, i) with { Output = itemOutput });
        }
    }

    private void ValidateField(FormComponent field, Scope scope)
    {
        var segments = scope.Segments(field.KeySegments);
        object? raw;
        switch (DataTree.TryGet(scope.Data, segments, out var found, out var blockedAt))
        {
            case Lookup.Blocked:
                Error(field, scope, segments[..blockedAt], FormErrorCodes.Type, Messages.NotObject);
                return;
            case Lookup.Found:
                raw = found;
                break;
            default:
                raw = field.HasDefaultValue ? Copy(field.DefaultValue) : ValueNormalizer.EmptyValue(field);
                break;
        }

        var normalized = ValueNormalizer.Normalize(field, raw);
        if (!normalized.IsOk)
        {
            Error(field, scope, segments, normalized.Code!, normalized.Message!);
            return;
        }

        var value = normalized.Value;
        var before = errors.Count;
        if (IsEmpty(value))
        {
            if (field.Rules.Required)
            {
                Error(field, scope, segments, FormErrorCodes.Required, Messages.Required);
            }
        }
        else
        {
            CheckRules(field, value!, scope, segments);
        }

        if (errors.Count == before)
        {
            DataTree.TrySet(scope.Output, segments, value);
        }
    }

    /// <summary>
    /// What counts as "no value" for required: null, empty or blank text (form-js lets "   " through; a blank name is
    /// no name), an unchecked checkbox, an empty list.
    /// </summary>
    private static bool IsEmpty(object? value) => value switch
    {
        null => true,
        string s => string.IsNullOrWhiteSpace(s),
        bool b => !b,
        List<object?> list => list.Count == 0,
        _ => false,
    };

    private void CheckRules(FormComponent field, object value, Scope scope, string[] segments)
    {
        var rules = field.Rules;
        switch (field.Kind)
        {
            case ComponentKind.Number:
                var number = value is decimal d ? d : decimal.Parse((string)value, System.Globalization.CultureInfo.InvariantCulture);
                CheckNumber(field, number, scope, segments);
                break;
            case ComponentKind.Text:
                var text = (string)value;
                var length = text.Trim().Length;
                if (Resolve(rules.MinLength, scope) is { } minLength && length < minLength)
                {
                    Error(field, scope, segments, FormErrorCodes.MinLength, Messages.MinLength((int)minLength));
                }

                if (Resolve(rules.MaxLength, scope) is { } maxLength && length > maxLength)
                {
                    Error(field, scope, segments, FormErrorCodes.MaxLength, Messages.MaxLength((int)maxLength));
                }

                if (rules.Pattern is { } pattern && !Matches(pattern, text))
                {
                    Error(field, scope, segments, FormErrorCodes.Pattern, Messages.Pattern);
                }

                if (rules.ValidationType == ValidationType.Email && !TextFormats.IsEmail(text))
                {
                    Error(field, scope, segments, FormErrorCodes.Email, Messages.Email);
                }
                else if (rules.ValidationType == ValidationType.Phone && !TextFormats.IsPhone(text))
                {
                    Error(field, scope, segments, FormErrorCodes.Phone, Messages.Phone);
                }

                break;
            case ComponentKind.DateTime when field.DisallowPassedDates && field.Subtype != DateTimeSubtype.Time:
                if (TextFormats.TryParseDate((string)value, out var date) && date < Today())
                {
                    Error(field, scope, segments, FormErrorCodes.PastDate, Messages.PastDate);
                }

                break;
        }
    }

    private void CheckNumber(FormComponent field, decimal number, Scope scope, string[] segments)
    {
        if (Resolve(field.Rules.Min, scope) is { } min && number < min)
        {
            Error(field, scope, segments, FormErrorCodes.Min, Messages.Min(min));
        }

        if (Resolve(field.Rules.Max, scope) is { } max && number > max)
        {
            Error(field, scope, segments, FormErrorCodes.Max, Messages.Max(max));
        }

        if (field.DecimalDigits is { } digits && CountDecimals(number) > digits)
        {
            Error(field, scope, segments, FormErrorCodes.DecimalDigits, Messages.DecimalDigits(digits));
        }

        // Multiples of the increment counted from zero, as form-js counts them.
        if (field.Increment is { } increment && number % increment != 0)
        {
            var previous = Math.Floor(number / increment) * increment;
            Error(field, scope, segments, FormErrorCodes.Increment, Messages.Increment(previous, previous + increment));
        }
    }

    // Decimals that count: 2.50 has one. Dividing by 1.000…0 drops trailing zeros of the scale without changing the value.
    private static int CountDecimals(decimal number) => (number / 1.0000000000000000000000000000m).Scale;

    // A pattern that runs out of time on a value is treated as not matching: the value is refused, the server goes on.
    private static bool Matches(Regex pattern, string text)
    {
        try
        {
            return pattern.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private DateOnly Today() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(options.TimeProvider.GetUtcNow(), options.TimeZone).DateTime);

    /// <summary>A constant bound, or a FEEL bound evaluated now; a FEEL bound that gives no number checks nothing.</summary>
    private decimal? Resolve(Bound? bound, Scope scope) =>
        bound switch
        {
            null => null,
            { Value: { } value } => value,
            { Expression: { } expression } => expression.Evaluate(FeelScope(scope)) is FeelNumber n ? n.Value : null,
            _ => null,
        };

    private bool IsTrue(FeelExpression? expression, Scope scope) =>
        expression is not null && expression.Evaluate(FeelScope(scope)) is FeelBoolean { Value: true };

    private bool IsSet(Flag flag, Scope scope) => flag.Constant || IsTrue(flag.Expression, scope);

    private Lookup Read(FormComponent component, Scope scope, out object? value) =>
        DataTree.TryGet(scope.Data, scope.Segments(component.KeySegments), out value, out _);

    private FormFeelScope FeelScope(Scope scope) =>
        new(root, options.Variables, scope.This, scope.Parent, scope.Indexes, options.TimeProvider);

    private void Error(FormComponent field, Scope scope, string[] segments, string code, string message) =>
        errors.Add(new FormFieldError(DisplayPath(scope, segments), code, message, field.Id, scope.Indexes));

    private static string DisplayPath(Scope scope, string[] segments)
    {
        var relative = string.Join('.', segments);
        return scope.DisplayBase.Length == 0 ? relative : $"{scope.DisplayBase}.{relative}";
    }

    // Defaults are shared by every validation; a list default is copied before it goes into anyone's data.
    private static object? Copy(object? value) => value is List<object?> list ? new List<object?>(list) : value;

    /// <summary>
    /// Where the walk stands: the object of the form or of one dynamic list item (<see cref="Data"/>, and its twin in
    /// the output), the group path segments inside it (<see cref="Prefix"/>), and what FEEL calls this / parent / i.
    /// </summary>
    private sealed record Scope(
        Dictionary<string, object?> Data,
        Dictionary<string, object?> Output,
        string[] Prefix,
        string DisplayBase,
        object? This,
        object? Parent,
        int[] Indexes)
    {
        public string[] Segments(string[] relative) => Prefix.Length == 0 ? relative : [.. Prefix, .. relative];

        public Scope Nested(string[] path) => this with { Prefix = Segments(path) };

        public Scope Item(Dictionary<string, object?> item, string listPath, int index) =>
            new(item, [], [], $"{listPath}[{index}]", item, This, [.. Indexes, index]);
    }
}
