namespace Vupe.Engine;

/// <summary>The kinds of rows in the engine's history, as stored in HistoryEvents.EventType.</summary>
public static class HistoryEventTypes
{
    public const string CaseOpened = "CaseOpened";
    public const string CaseClosed = "CaseClosed";
    public const string ProcessStarted = "ProcessStarted";
    public const string ProcessCompleted = "ProcessCompleted";
    public const string ProcessTerminated = "ProcessTerminated";
    public const string ProcessCancelled = "ProcessCancelled";
    public const string ElementStarted = "ElementStarted";
    public const string ElementCompleted = "ElementCompleted";
    public const string ElementCancelled = "ElementCancelled";
    public const string VariablesChanged = "VariablesChanged";
    public const string TaskCreated = "TaskCreated";
    public const string TaskClaimed = "TaskClaimed";
    public const string TaskUnclaimed = "TaskUnclaimed";
    public const string TaskAssigned = "TaskAssigned";
    public const string TaskCompleted = "TaskCompleted";
    public const string MessageCorrelated = "MessageCorrelated";
    public const string SignalReceived = "SignalReceived";
    public const string TimerFired = "TimerFired";
    public const string ServiceTaskFailed = "ServiceTaskFailed";
    public const string ErrorThrown = "ErrorThrown";
    /// <summary>An escalation event threw (details: escalationCode); caught or not, the history shows it.</summary>
    public const string EscalationThrown = "EscalationThrown";
    /// <summary>A compensation event threw (details: activityRef, null for all); the handlers that ran follow as elements.</summary>
    public const string CompensationThrown = "CompensationThrown";
    public const string IncidentCreated = "IncidentCreated";
    public const string IncidentResolved = "IncidentResolved";
    public const string DecisionEvaluated = "DecisionEvaluated";
    /// <summary>In the parent's history: a service task opened a child case (its number, office, process and instance).</summary>
    public const string ChildCaseOpened = "ChildCaseOpened";
    /// <summary>A service task handler called another system (<see cref="ServiceTaskContext.RecordExternalCall"/>).</summary>
    public const string ExternalCall = "ExternalCall";
    /// <summary>The instance moved to another process definition (details: from, to, the elements moved, the new bindings).</summary>
    public const string ProcessMigrated = "ProcessMigrated";
    /// <summary>An operator moved a token from one element to another (details: from, to).</summary>
    public const string TokenMoved = "TokenMoved";
    /// <summary>An operator suspended the instance: its jobs wait and its tasks cannot be completed until it is resumed.</summary>
    public const string ProcessSuspended = "ProcessSuspended";
    /// <summary>An operator resumed a suspended instance; its waiting jobs are scheduled again.</summary>
    public const string ProcessResumed = "ProcessResumed";
}
