using System.Text.Json;

namespace Vupe.Forms.Tests;

/// <summary>Shorthands: a form from a few component snippets, data from JSON text, errors as "path:code" strings.</summary>
internal static class TestForms
{
    /// <summary>A form-js schema around the given components (each a JSON object).</summary>
    public static string Json(params string[] components) =>
        $$"""{ "type": "default", "id": "Form_test", "schemaVersion": 18, "components": [ {{string.Join(",\n", components)}} ] }""";

    public static FormSchema Form(params string[] components) => FormSchema.Parse(Json(components));

    public static JsonElement Data(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static FormValidationResult Validate(this FormSchema form, string json, FormValidationOptions? options = null) =>
        form.Validate(Data(json), options);

    /// <summary>"edad:min" for each error, in order.</summary>
    public static string[] Codes(this FormValidationResult result) => [.. result.Errors.Select(e => $"{e.Path}:{e.Code}")];

    public static FormFieldError Single(this FormValidationResult result)
    {
        Assert.That(result.Errors, Has.Count.EqualTo(1), string.Join("; ", result.Errors));
        return result.Errors[0];
    }

    public static FormSchemaException Rejects(params string[] components) =>
        Assert.Throws<FormSchemaException>(() => Form(components))!;

    public static string Fixture(string name) => File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Forms", name));
}
