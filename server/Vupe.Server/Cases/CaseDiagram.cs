using System.Xml.Linq;
using Vupe.Engine;

namespace Vupe.Server.Cases;

/// <summary>What the case page's diagram shows: the BPMN of one instance, where it has been and where it is.</summary>
public sealed record CaseDiagramDto(Guid InstanceId, string Procedure, int Version, string Xml, IReadOnlyList<string> CompletedElements,
    IReadOnlyList<string> ActiveElements, IReadOnlyList<string> TakenFlows, IReadOnlyList<string> IncidentElements);

public static class CaseDiagram
{
    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    public static async Task<CaseDiagramDto> BuildAsync(ProcessEngine engine, Guid caseId, Guid? instanceId, CancellationToken ct)
    {
        var instances = await engine.Runtime.ListInstancesAsync(caseId, ct);
        var instance = (instanceId is { } wanted ? instances.FirstOrDefault(i => i.Id == wanted) : instances.OrderBy(i => i.StartedAt).FirstOrDefault())
            ?? throw new NotFoundException($"Case {caseId} has no such process instance.");
        var xml = await engine.Repository.GetDefinitionXmlAsync(instance.DefinitionId, ct);
        var history = await engine.History.ForInstanceAsync(instance.Id, ct);
        var completed = history.Where(h => h.EventType == HistoryEventTypes.ElementCompleted && h.ElementId is not null).Select(h => h.ElementId!).ToHashSet();
        var reached = history.Where(h => h.ElementId is not null && h.EventType is HistoryEventTypes.ElementStarted or HistoryEventTypes.ElementCompleted)
            .Select(h => h.ElementId!).ToHashSet();
        var incidents = await engine.Management.ListIncidentsAsync(instanceId: instance.Id, ct: ct);
        return new CaseDiagramDto(instance.Id, instance.ProcessKey, instance.Version, xml, [.. completed], instance.ActiveElementIds,
            TakenFlows(xml, completed, reached), [.. incidents.Select(i => i.ElementId).Distinct()]);
    }

    /// <summary>
    /// The history records elements, not flows: a flow counts as taken when its source completed and its target was reached.
    /// (A gateway that completed and reached two targets on different passes shows both.)
    /// </summary>
    private static List<string> TakenFlows(string xml, HashSet<string> completed, HashSet<string> reached) =>
    [
        .. XDocument.Parse(xml).Descendants(Bpmn + "sequenceFlow")
            .Where(f => completed.Contains((string?)f.Attribute("sourceRef") ?? "") && reached.Contains((string?)f.Attribute("targetRef") ?? ""))
            .Select(f => (string)f.Attribute("id")!),
    ];
}
