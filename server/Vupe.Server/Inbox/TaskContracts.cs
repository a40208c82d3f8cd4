using Vupe.Engine;

namespace Vupe.Server.Inbox;

public enum SlaState { NoDueDate, OnTime, DueSoon, Overdue }

public enum InboxView { Mine, Available, Office }

public enum InboxSort { Due, Created, Priority, Name }

public sealed record TaskDto(
    Guid Id, string? Name, string ElementId, Guid CaseId, string CaseNumber, string OfficeCode, string Procedure,
    string? Assignee, IReadOnlyList<string> CandidateGroups, DateTimeOffset? DueAt, SlaState Sla, int Priority, string? FormKey,
    DateTimeOffset CreatedAt, DateTimeOffset? ClaimedAt, long Version)
{
    public static TaskDto From(TaskInfo t, DateTimeOffset now, TimeSpan dueSoon) => new(
        t.Id, t.Name, t.ElementId, t.CaseId, t.CaseNumber, t.OfficeCode, t.ProcessKey, t.Assignee, t.CandidateGroups, t.DueAt,
        SlaOf(t.DueAt, now, dueSoon), t.Priority, t.FormKey, t.CreatedAt, t.ClaimedAt, t.Version);

    public static SlaState SlaOf(DateTimeOffset? due, DateTimeOffset now, TimeSpan dueSoon) => due switch
    {
        null => SlaState.NoDueDate,
        { } d when d <= now => SlaState.Overdue,
        { } d when d <= now + dueSoon => SlaState.DueSoon,
        _ => SlaState.OnTime,
    };
}

/// <summary>
/// A page of the inbox. <see cref="Total"/> is exact up to the server's InboxCountLimit (1 000 by default); when more
/// tasks match, it is that limit and <see cref="TotalIsCapped"/> is true: show "más de 1 000", not a number.
/// </summary>
public sealed record TaskPageDto(IReadOnlyList<TaskDto> Items, int Total, bool TotalIsCapped, int Page, int PageSize);

/// <summary>A document kind the task needs before it can be completed, and whether the case already holds one.</summary>
public sealed record RequiredDocumentDto(string Kind, string Name, bool Present);

public sealed record TaskDetailDto(TaskDto Task, IReadOnlyDictionary<string, object?> Variables, System.Text.Json.Nodes.JsonNode? Form,
    IReadOnlyList<RequiredDocumentDto> RequiredDocuments);

public sealed record CompleteTaskRequest(Dictionary<string, System.Text.Json.JsonElement>? Data, long? Version);

public sealed record AssignTaskRequest(string? Assignee);
