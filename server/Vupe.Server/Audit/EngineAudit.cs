using System.Text.Json;
using System.Text.Json.Nodes;
using Vupe.Engine;

namespace Vupe.Server.Audit;

/// <summary>
/// Audits the changes people make through the engine in the same transaction as the change: as a command acting
/// for someone (<see cref="ProcessEngine.ActAs"/>, set per request) commits, its history rows that record a
/// person's act become entries of the case's trail — cases opened (also the referral cases a triage opens),
/// tasks claimed, released, assigned and completed (with the form's data), incidents retried, processes
/// cancelled, suspended and resumed, instances migrated to another version, tokens moved and variables set by an operator
/// (with the reason the operations console was given: <see cref="OperatorReason"/>). A crash therefore never leaves a committed change without its audit entry. The engine's own work
/// (timers, retries: no actor) stays in the engine's history.
/// </summary>
public sealed class EngineAudit(TimeProvider time) : ICommandInterceptor
{
    public ValueTask OnCommittingAsync(CommittingCommand command, CancellationToken ct)
    {
        if (command.Actor is not { } actor) return ValueTask.CompletedTask;
        List<AuditDraft>? drafts = null;
        var now = time.GetUtcNow();
        foreach (var change in command.Changes)
        {
            if (Describe(change, command.Changes) is not var (action, data)) continue;
            if (OperatorReason.Current is { } reason) data["reason"] = reason;
            (drafts ??= []).Add(AuditDraft.Of(AuditTrails.ForCase(change.CaseId), action, data.ToJsonString(), now, actor));
        }
        if (drafts is not null) command.Enlist(new AuditAppend(drafts));
        return ValueTask.CompletedTask;
    }

    private static (string Action, JsonObject Data)? Describe(CommandChange change, IReadOnlyList<CommandChange> all) => change.EventType switch
    {
        HistoryEventTypes.CaseOpened => ("case.opened", CaseOpened(change, all)),
        HistoryEventTypes.TaskClaimed => ("task.claimed", Task(change, "before", "previous", "after", "assignee")),
        HistoryEventTypes.TaskUnclaimed => ("task.unclaimed", Task(change, "before", "previous")),
        HistoryEventTypes.TaskAssigned => ("task.assigned", Task(change, "before", "previous", "after", "assignee")),
        HistoryEventTypes.TaskCompleted => ("task.completed", Task(change, "data", "variables")),
        HistoryEventTypes.IncidentResolved => ("incident.retried", Copy(change, new JsonObject { ["elementId"] = change.ElementId }, "incidentId", "incidentId", "message", "message")),
        HistoryEventTypes.ProcessCancelled => ("process.cancelled", Copy(change, new JsonObject { ["process"] = change.ElementId }, "reason", "reason")),
        HistoryEventTypes.ProcessMigrated => ("process.migrated", Copy(change, [], "from", "from", "to", "to", "moved", "moved")),
        HistoryEventTypes.TokenMoved => ("token.moved", Copy(change, [], "from", "from", "to", "to")),
        HistoryEventTypes.ProcessSuspended => ("process.suspended", new JsonObject { ["process"] = change.ElementId }),
        HistoryEventTypes.ProcessResumed => ("process.resumed", new JsonObject { ["process"] = change.ElementId }),
        // Variables change with every step; only an operator's correction (with its reason) is an act of its own.
        HistoryEventTypes.VariablesChanged when OperatorReason.SetsVariables => ("variables.changed", new JsonObject { ["variables"] = Details(change)?.DeepClone() }),
        _ => null,
    };

    private static JsonObject Task(CommandChange change, params string[] pairs)
    {
        var details = Details(change);
        return Copy(details, new JsonObject { ["taskId"] = details?["taskId"]?.DeepClone(), ["task"] = change.ElementName ?? change.ElementId }, pairs);
    }

    /// <summary>The case, its procedure and version, and the variables it was opened with (the party's identity among them).</summary>
    private static JsonObject CaseOpened(CommandChange opened, IReadOnlyList<CommandChange> all)
    {
        var data = Copy(opened, [], "caseNumber", "caseNumber", "office", "office", "parentCaseId", "parentCaseId");
        var started = all.FirstOrDefault(c => c.EventType == HistoryEventTypes.ProcessStarted && c.CaseId == opened.CaseId);
        if (started is not null)
        {
            data["procedure"] = started.ElementId;
            data["version"] = Details(started)?["version"]?.DeepClone();
            var variables = all.FirstOrDefault(c => c.EventType == HistoryEventTypes.VariablesChanged && c.InstanceId == started.InstanceId);
            if (variables is not null && Details(variables) is { } changed)
                data["variables"] = new JsonObject(changed.Select(v => KeyValuePair.Create(v.Key, v.Value?["new"]?.DeepClone())));
        }
        return data;
    }

    /// <summary>Copies details by (to, from) name pairs into <paramref name="data"/>.</summary>
    private static JsonObject Copy(CommandChange change, JsonObject data, params string[] pairs) => Copy(Details(change), data, pairs);

    private static JsonObject Copy(JsonObject? details, JsonObject data, params string[] pairs)
    {
        for (var i = 0; i + 1 < pairs.Length; i += 2) data[pairs[i]] = details?[pairs[i + 1]]?.DeepClone();
        return data;
    }

    private static JsonObject? Details(CommandChange change) =>
        change.DetailsJson is { } json ? JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 256 }) as JsonObject : null;
}
