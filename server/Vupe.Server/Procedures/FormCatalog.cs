using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Vupe.Forms;
using Vupe.Server.Hosting;
using Vupe.Workflows;

namespace Vupe.Server.Procedures;

/// <summary>
/// The catalogue's forms (form-js JSON, "*.form.json"; the VUPE catalogue's and those in the catalogue
/// directory), found by a user task's vupe:formKey: the
/// file name without ".form.json", or the schema's "id". Loaded and checked once at start: a broken
/// form stops the server with its problems rather than failing the first consultant who opens it.
/// </summary>
public sealed class FormCatalog
{
    private readonly Dictionary<string, (JsonNode Json, FormSchema Schema)> _forms = new(StringComparer.Ordinal);

    public FormCatalog(VupeCatalogue catalogue, IOptions<ServerOptions> options, ILogger<FormCatalog> logger)
    {
        foreach (var form in catalogue.Forms) Add(form.Name, form.Content);
        if (options.Value.CatalogueDirectory is { } directory && Directory.Exists(directory))
        {
            foreach (var file in Directory.GetFiles(directory, "*.form.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                Add(file, File.ReadAllText(file));
        }
        logger.LogInformation("{Count} forms loaded", _forms.Count);
    }

    private void Add(string file, string text)
    {
        FormSchema schema;
        try
        {
            schema = FormSchema.Parse(text);
        }
        catch (FormSchemaException e)
        {
            throw new InvalidOperationException($"Form {file} is not valid: " + string.Join("; ", e.Problems.Select(p => $"{p.Location ?? p.Key ?? p.ComponentId}: {p.Message}")), e);
        }
        var entry = (JsonNode.Parse(text)!, schema);
        _forms[Path.GetFileName(file)[..^".form.json".Length]] = entry;
        if (schema.Id is { Length: > 0 } id) _forms.TryAdd(id, entry);
    }

    /// <summary>The schema as the form-js viewer takes it.</summary>
    public JsonNode? FindJson(string? formKey) => formKey is not null && _forms.TryGetValue(formKey, out var form) ? form.Json.DeepClone() : null;

    public FormSchema? FindSchema(string? formKey) => formKey is not null && _forms.TryGetValue(formKey, out var form) ? form.Schema : null;
}
