using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Vupe.Server.Hosting;

namespace Vupe.Server.Procedures;

/// <summary>
/// The catalogue's forms (form-js JSON, "*.form.json"), found by a user task's vupe:formKey: the
/// file name without ".form.json", or the schema's "id". Loaded once at start.
/// </summary>
public sealed class FormCatalog
{
    private readonly Dictionary<string, JsonNode> _forms = new(StringComparer.Ordinal);

    public FormCatalog(IOptions<ServerOptions> options, ILogger<FormCatalog> logger)
    {
        var directory = CatalogueDeployer.ResolveDirectory(options.Value);
        if (!Directory.Exists(directory)) return;
        foreach (var file in Directory.GetFiles(directory, "*.form.json", SearchOption.AllDirectories))
        {
            var node = JsonNode.Parse(File.ReadAllText(file))
                ?? throw new InvalidOperationException($"Form {file} is empty.");
            var name = Path.GetFileName(file)[..^".form.json".Length];
            _forms[name] = node;
            if (node["id"]?.GetValue<string>() is { Length: > 0 } id) _forms.TryAdd(id, node);
        }
        logger.LogInformation("{Count} forms loaded from {Directory}", _forms.Count, directory);
    }

    public JsonNode? Find(string? formKey) => formKey is not null && _forms.TryGetValue(formKey, out var form) ? form.DeepClone() : null;
}
