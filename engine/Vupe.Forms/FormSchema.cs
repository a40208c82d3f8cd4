using System.Text.Json;
using Vupe.Forms.Parsing;
using Vupe.Forms.Validation;

namespace Vupe.Forms;

/// <summary>
/// A form-js form (the JSON the form-js editor saves), parsed once at deployment and then used to validate the data
/// a task is completed with. Immutable and safe to share between threads.
/// </summary>
/// <example>
/// <code>
/// var form = FormSchema.Parse(File.ReadAllText("diagnostico.form.json"));   // FormSchemaException if broken
/// var result = form.Validate(submitted, new FormValidationOptions { Variables = taskVariables });
/// if (!result.IsValid) return ValidationProblem(result.Errors);                 // Path, Code, Spanish Message
/// await engine.Tasks.CompleteAsync(taskId, result.Data, user);
/// </code>
/// </example>
public sealed class FormSchema
{
    internal FormSchema(string? id, int? schemaVersion, IReadOnlyList<FormComponent> components)
    {
        Id = id;
        SchemaVersion = schemaVersion;
        Components = components;
    }

    /// <summary>The form's id as the editor wrote it ("Form_diagnostico"); a user task's form key refers to it.</summary>
    public string? Id { get; }

    /// <summary>The form-js schema version the editor wrote (16–18 today); newer versions are read as far as they are understood.</summary>
    public int? SchemaVersion { get; }

    /// <summary>The top-level components, in schema order.</summary>
    public IReadOnlyList<FormComponent> Components { get; }

    /// <summary>Parses a form-js schema.</summary>
    /// <exception cref="FormSchemaException">The JSON is malformed or a component cannot be used; every problem is listed.</exception>
    public static FormSchema Parse(string json) => SchemaParser.Parse(json);

    /// <summary>Validates submitted data (JSON object properties as a dictionary; values may be CLR values or <see cref="JsonElement"/>s).</summary>
    public FormValidationResult Validate(IReadOnlyDictionary<string, object?> data) => Validate(data, FormValidationOptions.Default);

    /// <summary>Validates submitted data with what else the form was opened with (<see cref="FormValidationOptions.Variables"/>) and a clock.</summary>
    public FormValidationResult Validate(IReadOnlyDictionary<string, object?> data, FormValidationOptions? options)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new FormValidator(this, options ?? FormValidationOptions.Default).Validate(DataTree.FromDictionary(data));
    }

    /// <summary>Validates submitted data given as a JSON object (the body of a task-completion request).</summary>
    /// <exception cref="ArgumentException"><paramref name="data"/> is not a JSON object.</exception>
    public FormValidationResult Validate(JsonElement data) => Validate(data, FormValidationOptions.Default);

    /// <summary>Validates a JSON object with what else the form was opened with, as the dictionary overload does.</summary>
    /// <exception cref="ArgumentException"><paramref name="data"/> is not a JSON object.</exception>
    public FormValidationResult Validate(JsonElement data, FormValidationOptions? options) =>
        new FormValidator(this, options ?? FormValidationOptions.Default).Validate(DataTree.FromJson(data));
}
