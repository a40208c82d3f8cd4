using System.Text.Json;
using Vupe.Engine;
using Vupe.Server.Inbox;

namespace Vupe.Server.Cases;

public sealed record OpenCaseRequest(Guid? PartyId, string? Procedure, string? OfficeCode, Dictionary<string, JsonElement>? Variables);

/// <param name="PartyName">The citizen's or company's name (case searches only).</param>
/// <param name="PartyDocument">Their document number (case searches only).</param>
public sealed record CaseSummaryDto(Guid Id, string CaseNumber, string OfficeCode, string? Procedure, string? Title, string Status,
    DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt, Guid? ParentCaseId, string? PartyId, string? PartyName = null, string? PartyDocument = null)
{
    public static CaseSummaryDto From(CaseFileInfo c) =>
        new(c.Id, c.CaseNumber, c.OfficeCode, c.ProcessKey, c.Title, c.Status.ToString(), c.OpenedAt, c.ClosedAt, c.ParentCaseId, c.SubjectId);
}

public sealed record CasePageDto(IReadOnlyList<CaseSummaryDto> Items, int Total, int Page, int PageSize);

public sealed record InstanceDto(Guid Id, string Procedure, int Version, string Status, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, IReadOnlyList<string> ActiveElements);

/// <summary>A linked case: its number always; the rest only when it is within the reader's scope.</summary>
public sealed record LinkedCaseDto(Guid? Id, string CaseNumber, string? OfficeCode, string? Procedure, string? Status);

public sealed record CaseDetailDto(
    CaseSummaryDto Case, IReadOnlyDictionary<string, object?> Variables, IReadOnlyList<InstanceDto> Instances,
    LinkedCaseDto? Parent, IReadOnlyList<LinkedCaseDto> Children, IReadOnlyList<TaskDto> Tasks, IReadOnlyList<Documents.DocumentDto> Documents,
    IReadOnlyList<IncidentInfo> Incidents, IReadOnlyList<HistoryEntry> History);
