using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Vupe.Forms;
using Vupe.Server.Hosting;

namespace Vupe.Server.Procedures;

/// <summary>
/// The catalogue's forms (form-js JSON, "*.form.json"), found by a user task's vupe:formKey: the
/// file name without ".form.json", or the schema's "id". Loaded and checked once at start: a broken
/// form stops the server with its problems rather than failing the first consultant who opens it.
/// </summary>
public sealed class FormCatalog
{
    private readonly Dictionary<string, (JsonNode Json, FormSchema Schema)> _forms = new(StringComparer.Ordinal);

    public FormCatalog(IOptions<ServerOptions> options, ILogger<FormCatalog> logger)
    {
        var directory = CatalogueDeployer.ResolveDirectory(options.Value);
        if (!Directory.Exists(directory)) return;
        foreach (var file in Directory.GetFiles(directory, "*.form.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file);
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
        logger.LogInformation("{Count} forms loaded from {Directory}", _forms.Count, directory);
    }

    /// <summary>The schema as the form-js viewer takes it.</summary>
    public JsonNode? FindJson(string? formKey) => formKey is not null && _forms.TryGetValue(formKey, out var form) ? form.Json.DeepClone() : null;

    public FormSchema? FindSchema(string? formKey) => formKey is not null && _forms.TryGetValue(formKey, out var form) ? form.Schema : null;
}
