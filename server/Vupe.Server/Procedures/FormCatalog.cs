using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Vupe.Engine;
using Vupe.Forms;

namespace Vupe.Server.Procedures;

/// <summary>
/// The deployed forms (form-js JSON), each version parsed once (by its file's hash). Which version a task shows is the
/// engine's: the one its case bound to when it started (<see cref="Vupe.Engine.TaskService.GetFormAsync"/>), so a
/// form deployed later never changes a running case's task.
/// </summary>
public sealed class FormCatalog
{
    private readonly ConcurrentDictionary<string, (JsonNode Json, FormSchema Schema)> _parsed = new(StringComparer.Ordinal);

    private (JsonNode Json, FormSchema Schema)? Parse(DeployedResource? form) =>
        form is null ? null : _parsed.GetOrAdd(form.Sha256, _ => (JsonNode.Parse(form.Content)!, FormSchema.Parse(form.Content)));

    /// <summary>The schema as the form-js viewer takes it.</summary>
    public JsonNode? FindJson(DeployedResource? form) => Parse(form)?.Json.DeepClone();

    public FormSchema? FindSchema(DeployedResource? form) => Parse(form)?.Schema;
}
