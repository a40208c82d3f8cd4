using System.Collections.Concurrent;
using System.Xml.Linq;
using Vupe.Documents.Content;
using Vupe.Engine;

namespace Vupe.Server.Documents;

/// <summary>
/// The documents a user task needs before it can be completed, from its <c>vupe:requiredDocuments</c> attribute
/// (document kind codes, comma-separated). The engine does not read this attribute: documents are the server's
/// concern. A deployed definition never changes, so what is read from its XML is kept per definition id.
/// </summary>
public sealed class TaskDocumentRequirements(ProcessEngine engine)
{
    public const string AttributeName = "requiredDocuments";
    private static readonly XNamespace Vupe = "http://vupecases.pe/schema/bpmn/1.0";
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<DocumentKind>>> _byDefinition = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<DocumentKind>> ForTaskAsync(TaskInfo task, CancellationToken ct) =>
        await ForElementAsync((await engine.Runtime.GetInstanceAsync(task.InstanceId, ct)).DefinitionId, task.ElementId, ct);

    /// <summary>The documents a task of this element of this definition needs (when the definition is known: no read of the instance).</summary>
    public async Task<IReadOnlyList<DocumentKind>> ForElementAsync(string definitionId, string elementId, CancellationToken ct) =>
        (await ByElementAsync(definitionId, ct)).GetValueOrDefault(elementId) ?? [];

    /// <summary>
    /// Whether any deployed version of the process asks for documents on this element: false lets a scan over many
    /// tasks pass a task by without reading its instance to learn its version.
    /// </summary>
    public async Task<bool> AnyVersionRequiresAsync(string processKey, string elementId, CancellationToken ct)
    {
        foreach (var definition in await engine.Repository.ListDefinitionsAsync(processKey, ct))
            if ((await ByElementAsync(definition.Id, ct)).ContainsKey(elementId)) return true;
        return false;
    }

    private async Task<IReadOnlyDictionary<string, IReadOnlyList<DocumentKind>>> ByElementAsync(string definitionId, CancellationToken ct)
    {
        if (!_byDefinition.TryGetValue(definitionId, out var byElement))
        {
            byElement = Read(await engine.Repository.GetDefinitionXmlAsync(definitionId, ct));
            _byDefinition.TryAdd(definitionId, byElement);
        }
        return byElement;
    }

    /// <summary>Element id → required kinds. An unknown kind code is kept as a kind of its own name so the requirement cannot be met silently.</summary>
    internal static IReadOnlyDictionary<string, IReadOnlyList<DocumentKind>> Read(string xml)
    {
        var map = new Dictionary<string, IReadOnlyList<DocumentKind>>(StringComparer.Ordinal);
        foreach (var element in XDocument.Parse(xml).Descendants())
        {
            if (element.Attribute(Vupe + AttributeName) is not { } attribute || element.Attribute("id")?.Value is not { } id) continue;
            map[id] = [.. attribute.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(code => DocumentKinds.Find(code) ?? new DocumentKind(code, code, RetentionClass.SupportingCopy, TimeSpan.Zero, [], 0))];
        }
        return map;
    }
}
