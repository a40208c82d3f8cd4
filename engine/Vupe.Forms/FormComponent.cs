using System.Text.RegularExpressions;
using Vupe.Feel;

namespace Vupe.Forms;

/// <summary>
/// One component of a form-js schema (a field, a container or a presentation element), as parsed. Immutable.
/// Components of a type this library does not know are kept here (so the schema reads whole) but take no part in
/// validation; see <see cref="IsKnownType"/>.
/// </summary>
public sealed class FormComponent
{
    internal FormComponent(string type, ComponentKind kind, string location)
    {
        Type = type;
        Kind = kind;
        Location = location;
    }

    /// <summary>The form-js id ("Field_0x1ab2c"); form-js reports errors by it. Null when the schema gave none.</summary>
    public string? Id { get; internal set; }

    /// <summary>The form-js type as written: "textfield", "number", "group", "dynamiclist", ...</summary>
    public string Type { get; }

    /// <summary>The data key of an input field; may be a dotted path ("direccion.distrito"). Null for containers and presentation.</summary>
    public string? Key { get; internal set; }

    /// <summary>The data path of a group or dynamic list (dotted); null when the container does not nest data.</summary>
    public string? Path { get; internal set; }

    /// <summary>The label shown to the user, if any.</summary>
    public string? Label { get; internal set; }

    /// <summary>Children of a group or dynamic list, in schema order; empty for other components.</summary>
    public IReadOnlyList<FormComponent> Components { get; internal set; } = [];

    /// <summary>False for a type this library does not know: such a component is kept but not validated (forward compatibility).</summary>
    public bool IsKnownType => Kind != ComponentKind.Unknown;

    internal ComponentKind Kind { get; }

    /// <summary>Where the component sits in the schema ("components[2].components[0]"), for problems when it has no id.</summary>
    internal string Location { get; }

    internal string[] KeySegments { get; set; } = [];

    internal string[] PathSegments { get; set; } = [];

    internal ValidationRules Rules { get; set; } = ValidationRules.None;

    /// <summary>Static options (values); null when the options are dynamic (valuesKey / valuesExpression) or the field has none.</summary>
    internal IReadOnlyList<FormOption>? Options { get; set; }

    internal FeelExpression? Hide { get; set; }

    internal Flag Readonly { get; set; } = Flag.False;

    internal Flag Disabled { get; set; } = Flag.False;

    /// <summary>The default value already normalised for the field, applied when the submitted data lacks the key.</summary>
    internal object? DefaultValue { get; set; }

    internal bool HasDefaultValue { get; set; }

    internal int? DecimalDigits { get; set; }

    internal decimal? Increment { get; set; }

    internal bool SerializeToString { get; set; }

    internal DateTimeSubtype Subtype { get; set; } = DateTimeSubtype.Date;

    internal bool DisallowPassedDates { get; set; }

    /// <summary>For a dynamic list: its items repeat (an array of objects at <see cref="Path"/>). Otherwise it nests like a group.</summary>
    internal bool IsRepeating { get; set; }

    /// <summary>The FEEL of an expression field, evaluated on the server so that a client cannot forge the result.</summary>
    internal FeelExpression? Expression { get; set; }

    /// <summary>"'edad' (Field_1)" — how problems and messages name the component.</summary>
    internal string DisplayName =>
        Parsing.FormProblemText.Component(Key ?? Path, Id, Location);
}

/// <summary>The families of components; each family validates one way.</summary>
internal enum ComponentKind
{
    Unknown,
    Presentation,
    Text,
    Number,
    Checkbox,
    SingleChoice,
    MultiChoice,
    DateTime,
    FilePicker,
    Expression,
    Group,
    DynamicList,
}

internal enum DateTimeSubtype
{
    Date,
    Time,
    DateTime,
}

/// <summary>A static option of a select, radio, checklist or taglist; <see cref="Value"/> is a string, decimal or bool.</summary>
internal sealed record FormOption(string? Label, object Value);

/// <summary>readonly / disabled: a constant or a FEEL expression over the form data.</summary>
internal sealed class Flag
{
    public static readonly Flag False = new(false, null);
    public static readonly Flag True = new(true, null);

    private Flag(bool constant, FeelExpression? expression)
    {
        Constant = constant;
        Expression = expression;
    }

    public bool Constant { get; }

    public FeelExpression? Expression { get; }

    public static Flag Of(FeelExpression expression) => new(false, expression);
}

/// <summary>A numeric bound (min, max, minLength, maxLength): a constant, or a FEEL expression evaluated against the data.</summary>
internal sealed class Bound
{
    public Bound(decimal value) => Value = value;

    public Bound(FeelExpression expression) => Expression = expression;

    public decimal? Value { get; }

    public FeelExpression? Expression { get; }
}

internal enum ValidationType
{
    None,
    Email,
    Phone,
}

/// <summary>The "validate" object of a component.</summary>
internal sealed class ValidationRules
{
    public static readonly ValidationRules None = new();

    public bool Required { get; init; }

    public Bound? Min { get; init; }

    public Bound? Max { get; init; }

    public Bound? MinLength { get; init; }

    public Bound? MaxLength { get; init; }

    public Regex? Pattern { get; init; }

    public ValidationType ValidationType { get; init; }
}
