namespace Vupe.Engine;

public enum HistoryLevel { None, Activity, Full }

/// <summary>Settings of a <see cref="ProcessEngine"/>; defaults suit an office server.</summary>
public sealed class EngineOptions
{
    /// <summary>Office used for case numbers when a start names neither a case nor an office.</summary>
    public string DefaultOfficeCode { get; set; } = "LIM";

    /// <summary>How long a message that found no one waiting stays buffered for a later receive step. Zero rejects such messages.</summary>
    public TimeSpan DefaultMessageTimeToLive { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Full records variable changes too; Activity only element starts/ends and task events.</summary>
    public HistoryLevel History { get; set; } = HistoryLevel.Full;

    /// <summary>Reject deployments whose service tasks name a task type with no registered handler.</summary>
    public bool RequireKnownTaskTypes { get; set; } = true;

    /// <summary>Guard against endless loops: steps one command may run before it stops with an incident.</summary>
    public int MaxStepsPerCommand { get; set; } = 100_000;

    /// <summary>
    /// How often a command checks whether another engine on the same database (another server node) deployed: at most
    /// this old are the versions a start by key picks up from there. Null or zero never checks (one engine alone).
    /// </summary>
    public TimeSpan? DeploymentRefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Jobs the job executor takes per poll.</summary>
    public int JobBatchSize { get; set; } = 50;
}
