using System.Globalization;
using Vupe.Engine.Parsing;
using Vupe.Engine.Persistence;

namespace Vupe.Engine.Runtime;

/// <summary>
/// The texts of <see cref="InvalidStateException"/> and of the incidents the engine raises itself, in English (the
/// library's default, what its tests read) and in Spanish for hosts whose users read Spanish, chosen like deployment
/// problems (<see cref="ProblemText"/>) by the current UI culture. A host shows these to operators as they are, so
/// both languages sit side by side.
/// </summary>
internal static class StateText
{
    private static string Pick(string en, string es) => ProblemText.InSpanish ? es : en;

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>An operation an operator may try on a suspended instance, named in both languages.</summary>
    internal sealed record Operation(string English, string Spanish)
    {
        public static readonly Operation CompleteTasks = new("completing its tasks", "completar sus tareas");
        public static readonly Operation RetryIncidents = new("retrying its incidents", "reintentar sus incidencias");
        public static readonly Operation MoveTokens = new("moving its tokens", "mover sus tokens");
        public static readonly Operation ReceiveMessages = new("sending it a message", "enviarle un mensaje");
    }

    private static string Spanish(InstanceStatus status) => status switch
    {
        InstanceStatus.Active => "en curso",
        InstanceStatus.Completed => "terminado",
        InstanceStatus.Terminated => "terminado por un evento de fin",
        InstanceStatus.Cancelled => "cancelado",
        _ => status.ToString(),
    };

    private static string Spanish(CaseStatus status) => status switch
    {
        CaseStatus.Open => "abierto",
        CaseStatus.Closed => "cerrado",
        CaseStatus.Cancelled => "anulado",
        _ => status.ToString(),
    };

    public static string InstanceEnded(Guid id, InstanceStatus status) => Pick(
        Inv($"Process instance {id} is already {status.ToString().ToLowerInvariant()}."),
        Inv($"El proceso {id} ya está {Spanish(status)}."));

    public static string InstanceEndedVariables(Guid id) => Pick(
        Inv($"Process instance {id} has ended; its variables can no longer change."),
        Inv($"El proceso {id} terminó; sus variables ya no pueden cambiar."));

    public static string AlreadySuspended(Guid id) => Pick(
        Inv($"Process instance {id} is already suspended."), Inv($"El proceso {id} ya está suspendido."));

    public static string NotSuspended(Guid id) => Pick(
        Inv($"Process instance {id} is not suspended."), Inv($"El proceso {id} no está suspendido."));

    public static string Suspended(Guid id, Operation what) => Pick(
        Inv($"Process instance {id} is suspended; resume it before {what.English}."),
        Inv($"El proceso {id} está suspendido: reanúdelo antes de {what.Spanish}."));

    public static string CaseNotOpen(string caseNumber, CaseStatus status) => Pick(
        Inv($"Case {caseNumber} is {status.ToString().ToLowerInvariant()}."), Inv($"El expediente {caseNumber} está {Spanish(status)}."));

    public static string NoNoneStart(string processKey) => Pick(
        $"Process '{processKey}' has no none start event; it starts by message, signal or timer.",
        $"El proceso «{processKey}» no tiene un evento de inicio simple: empieza por un mensaje, una señal o un temporizador.");

    public static string TaskNotWaiting(string? taskName) => Pick(
        $"Task '{taskName}' no longer belongs to a waiting process step.",
        $"La tarea «{taskName}» ya no corresponde a un paso del proceso en espera.");

    public static string IncidentResolved(Guid incidentId) => Pick(
        Inv($"Incident {incidentId} was already resolved."), Inv($"La incidencia {incidentId} ya fue resuelta."));

    public static string IncidentStepGone() => Pick(
        "The step of this incident no longer exists.", "El paso de esta incidencia ya no existe.");

    public static string MissingCase(Guid instanceId, Guid caseId) => Pick(
        Inv($"Process instance {instanceId} belongs to a missing case {caseId}."),
        Inv($"El proceso {instanceId} pertenece a un expediente que no existe ({caseId})."));

    public static string MissingExecution(Guid instanceId, string executionId) => Pick(
        Inv($"Process instance {instanceId} has no execution '{executionId}'."),
        Inv($"El proceso {instanceId} no tiene la ejecución «{executionId}»."));

    public static string DefinitionUnparsable(string definitionId, string problems) => Pick(
        $"Stored definition {definitionId} no longer parses: {problems}",
        $"La definición guardada {definitionId} ya no se puede leer: {problems}");

    public static string NotMigratable(string reasons) => Pick(
        "The instance cannot be migrated: " + reasons, "El proceso no se puede migrar: " + reasons);

    public static string NoTokenAt(string elementId) => Pick(
        $"No token waits at '{elementId}'.", $"No hay un token esperando en «{elementId}».");

    public static string NotAMoveTarget(string elementId) => Pick(
        $"'{elementId}' is not a flow node a token can be moved to.",
        $"«{elementId}» no es un elemento del flujo al que se pueda mover un token (un evento de borde o el inicio de un subproceso de evento no lo son).");

    public static string OutOfScope(string to, string from, string scope) => Pick(
        $"'{to}' is not in the scope of '{from}' ({scope}).",
        $"«{to}» no está en el mismo ámbito que «{from}» («{scope}»): un token solo se mueve dentro de su proceso o subproceso.");

    public static string MultiInstanceInner(string elementId) => Pick(
        $"'{elementId}' is an inner instance of a multi-instance activity.",
        $"«{elementId}» es una instancia interna de una actividad multiinstancia: mueva la actividad entera.");

    // ---- Incidents the engine raises itself ------------------------------------------------------------------

    public static string JobFailed(string? lastError) => Pick($"Job failed: {lastError}", $"El trabajo falló: {lastError}");

    public static string ServiceTaskFailed(string taskType, int attempts, string? error) => Pick(
        Inv($"Task type '{taskType}' failed {attempts} time(s); last error: {error}"),
        attempts == 1
            ? Inv($"La tarea de servicio «{taskType}» falló 1 vez; último error: {error}")
            : Inv($"La tarea de servicio «{taskType}» falló {attempts} veces; último error: {error}"));

    public static string UncaughtBpmnError(string errorCode, string? message, string elementId) => Pick(
        $"BPMN error '{errorCode}'{(message is null ? "" : $" ({message})")} was thrown at '{elementId}' and nothing catches it.",
        $"El error BPMN «{errorCode}»{(message is null ? "" : $" ({message})")} se lanzó en «{elementId}» y nada lo captura.");
}
