using System.Data.Common;

namespace Vupe.Engine;

/// <summary>
/// Who a command acts for, as the host knows them: the signed-in person, their roles and office, and the
/// address they came from. Set around a request with <see cref="ProcessEngine.ActAs"/>; every command on
/// that flow carries it, so an <see cref="ICommandInterceptor"/> can record who did what in the same transaction.
/// </summary>
public sealed record CommandActor(string Id, string Name, IReadOnlyList<string> Roles, string? OfficeCode, string? Address);

/// <summary>
/// Rows of the host's own tables that commit in the same transaction as an engine command (an audit entry, a
/// record in the host's domain), or on their own through the store's writer (<see cref="ProcessEngine.WriteAsync"/>).
/// Runs on the store's writer, on its connection and inside its transaction: keep it short, do no I/O but the
/// database's, and let exceptions through — the command (and only it) is then rolled back and its caller fails.
/// A unique-key violation becomes a <see cref="ConflictException"/>, as for the engine's own rows.
/// </summary>
public interface ITransactionalWrite
{
    Task WriteAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct);
}

/// <summary>
/// Sees every command after its steps ran and before it commits, on the caller's flow, with the changes it is
/// about to write; may add the host's rows to its transaction (<see cref="CommittingCommand.Enlist"/>). An
/// exception fails the command: nothing of it is written.
/// </summary>
public interface ICommandInterceptor
{
    ValueTask OnCommittingAsync(CommittingCommand command, CancellationToken ct);
}

/// <summary>A command about to commit: who it acts for, the history rows it writes, and a way to add the host's rows.</summary>
public sealed class CommittingCommand
{
    private readonly Runtime.CommandContext _context;

    internal CommittingCommand(Runtime.CommandContext context, IReadOnlyList<CommandChange> changes)
    {
        _context = context;
        Changes = changes;
    }

    /// <summary>The actor set with <see cref="ProcessEngine.ActAs"/> on the caller's flow; null for the engine's own work (timers, retries, jobs).</summary>
    public CommandActor? Actor => _context.Actor;

    /// <summary>The user id the API call was given, if any.</summary>
    public string? UserId => _context.UserId;

    /// <summary>What the command changed, as the history rows it writes, in order.</summary>
    public IReadOnlyList<CommandChange> Changes { get; }

    /// <summary>Writes <paramref name="write"/> in the command's transaction, after the engine's rows.</summary>
    public void Enlist(ITransactionalWrite write) => _context.Enlist(write);
}

/// <summary>One history row a committing command writes (<see cref="HistoryEventTypes"/>).</summary>
public sealed class CommandChange
{
    private readonly Func<string?> _details;
    private string? _json;
    private bool _serialized;

    internal CommandChange(string eventType, Guid instanceId, Guid caseId, string? elementId, string? elementType, string? elementName, Func<string?> details)
    {
        EventType = eventType;
        InstanceId = instanceId;
        CaseId = caseId;
        ElementId = elementId;
        ElementType = elementType;
        ElementName = elementName;
        _details = details;
    }

    public string EventType { get; }
    public Guid InstanceId { get; }
    public Guid CaseId { get; }
    public string? ElementId { get; }
    public string? ElementType { get; }
    public string? ElementName { get; }

    /// <summary>The row's details as the history stores them (JSON), written on first use.</summary>
    public string? DetailsJson
    {
        get
        {
            if (!_serialized) (_json, _serialized) = (_details(), true);
            return _json;
        }
    }
}
