namespace Vupe.Server.Deployments;

public enum MigrationRunStatus { Queued, Running, Completed, Failed }

/// <summary>
/// A migration of running cases from one process version to another, run in the background: each case moved in its
/// own command (and audited there); the run keeps its progress and the cases that could not move, with the reasons.
/// </summary>
public sealed class MigrationRun
{
    public Guid Id { get; set; }
    public required string SourceDefinitionId { get; set; }
    public required string TargetDefinitionId { get; set; }
    /// <summary>The element mappings as JSON (from → to); "{}" when every element keeps its id.</summary>
    public required string MappingsJson { get; set; }
    public required string RequestedBy { get; set; }
    /// <summary>The office whose cases it moves (an office supervisor's); null: every office (national).</summary>
    public string? OfficeCode { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public MigrationRunStatus Status { get; set; }
    public int Total { get; set; }
    public int Migrated { get; set; }
    public int Failed { get; set; }
    /// <summary>The cases that did not move (JSON list of instanceId, caseId, reasons), at most <see cref="MaxFailuresKept"/>.</summary>
    public string FailuresJson { get; set; } = "[]";
    public long Version { get; set; }

    public const int MaxFailuresKept = 500;
}
