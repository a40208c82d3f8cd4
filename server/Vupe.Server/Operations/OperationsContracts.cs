using System.Text.Json;
using Vupe.Engine;

namespace Vupe.Server.Operations;

/// <summary>A process definition version with its instances in the user's scope.</summary>
public sealed record OperationsDefinitionDto(string Id, string Key, int Version, string? Name, DateTimeOffset DeployedAt, int Running, int Ended);

/// <summary>The instance list's filters as the query string or the page's form has them (validated by <see cref="OperationsConsole"/>).</summary>
public sealed record InstanceListRequest(string? DefinitionId, string? Office, string? State, string? Activity, DateTimeOffset? From, DateTimeOffset? To,
    string? Variable, int? Page, int? PageSize);

/// <summary>One process instance as the console lists it. <see cref="State"/>: Running, Suspended, Completed, Terminated or Cancelled.</summary>
public sealed record OperationsInstanceDto(Guid Id, string DefinitionId, string ProcessKey, int Version, Guid CaseId, string CaseNumber, string OfficeCode,
    string State, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, IReadOnlyList<string> ActiveElementIds)
{
    public bool IsRunning => State is "Running" or "Suspended";

    internal static OperationsInstanceDto From(ProcessInstanceInfo i, string officeCode) => new(
        i.Id, i.DefinitionId, i.ProcessKey, i.Version, i.CaseId, i.CaseNumber, officeCode, StateOf(i), i.StartedAt, i.EndedAt, i.ActiveElementIds);

    private static string StateOf(ProcessInstanceInfo i) => i.Status == Engine.Persistence.InstanceStatus.Active
        ? i.Suspended ? "Suspended" : "Running"
        : i.Status.ToString();
}

public sealed record OperationsInstancePage(IReadOnlyList<OperationsInstanceDto> Items, int Total, int Page, int PageSize);

/// <summary>An open incident with its case: what failed, where, since when.</summary>
public sealed record OperationsIncidentDto(Guid Id, Guid InstanceId, Guid CaseId, string CaseNumber, string OfficeCode, string ElementId, string Kind,
    string Message, DateTimeOffset Since);

/// <summary>The incident list's filters: one office (within the user's scope) and the page.</summary>
public sealed record IncidentListRequest(string? Office, int? Page, int? PageSize);

public sealed record OperationsIncidentPage(IReadOnlyList<OperationsIncidentDto> Items, int Total, int Page, int PageSize);

/// <summary>A flow element of the instance's definition (where a token may be moved).</summary>
public sealed record ProcessElementDto(string Id, string? Name, string Type);

/// <summary>One engine job waiting for the instance.</summary>
public sealed record InstanceJobDto(Guid Id, string Kind, string ElementId, DateTimeOffset DueAt, int RetriesLeft, int Attempts, string? LastError);

/// <summary>An instance with what an operator needs to act on it.</summary>
public sealed record OperationsInstanceDetail(OperationsInstanceDto Instance, IReadOnlyDictionary<string, object?> Variables,
    IReadOnlyList<OperationsIncidentDto> Incidents, IReadOnlyList<InstanceJobDto> Jobs, IReadOnlyList<ProcessElementDto> Elements);

public sealed record ReasonRequest(string? Reason);

public sealed record MoveTokenRequest(string? From, string? To, string? Reason);

public sealed record SetVariablesRequest(Dictionary<string, JsonElement>? Variables, string? Reason);

public sealed record RetryIncidentsRequest(List<Guid>? IncidentIds, string? Reason);

/// <summary>What became of one incident of a bulk retry: retried, or why not (Spanish).</summary>
public sealed record RetryOutcomeDto(Guid IncidentId, bool Retried, string? Problem);

/// <summary>A count of the job queue with its Spanish label.</summary>
public sealed record JobCountDto(string Key, string Label, long Count);

/// <summary>The engine's jobs and Hangfire's, counted.</summary>
public sealed record JobQueueDto(IReadOnlyList<JobCountDto> Engine, IReadOnlyList<JobCountDto> Hangfire);

/// <summary>What the console's pages show for the engine's states.</summary>
public static class OperationsTexts
{
    public static string State(string state) => state switch
    {
        "Running" => "En curso",
        "Suspended" => "Suspendido",
        "Completed" => "Completado",
        "Terminated" => "Terminado",
        "Cancelled" => "Anulado",
        _ => state,
    };

    public static string IncidentKind(string kind) => kind switch
    {
        "FailedJob" => "Trabajo fallido",
        "ConditionError" => "Condición no evaluable",
        "MappingError" => "Error de asignación de datos",
        "UnhandledError" => "Error no capturado",
        "CallActivityError" => "Error en subproceso",
        "DecisionError" => "Decisión sin resultado",
        _ => "Otra",
    };

    public static string JobKind(string kind) => kind switch
    {
        "Timer" => "Temporizador",
        "AsyncContinuation" => "Continuación asíncrona",
        "ServiceTask" => "Tarea de servicio",
        "TimerStart" => "Inicio por temporizador",
        _ => kind,
    };
}
