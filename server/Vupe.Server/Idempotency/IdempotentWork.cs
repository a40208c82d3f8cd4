using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Vupe.Engine;
using Vupe.Server.Documents;
using Vupe.Server.Parties;

namespace Vupe.Server.Idempotency;

/// <summary>What a keyed create makes, as written into its key's <see cref="IdempotencyRecord.Resource"/>: "{kind}:{id}".</summary>
public static class IdempotentResources
{
    /// <summary>A case opened (its engine command's CaseOpened; a child case a step opens later does not count).</summary>
    public const string Case = "case";
    /// <summary>A document indexed (<see cref="CaseDocument"/>).</summary>
    public const string Document = "document";
    /// <summary>A ficha registered (<see cref="Party"/>).</summary>
    public const string Party = "party";

    public static string Of(string kind, Guid id) => $"{kind}:{id:D}";

    /// <summary>The id in a resource of <paramref name="kind"/>, or null.</summary>
    public static Guid? IdOf(string? resource, string kind) =>
        resource is not null && resource.StartsWith(kind + ":", StringComparison.Ordinal) && Guid.TryParse(resource.AsSpan(kind.Length + 1), out var id) ? id : null;

    /// <summary>The resource a new row of the server's model is, if it is one a keyed create makes.</summary>
    internal static (string Kind, Guid Id)? OfRow(object row) => row switch
    {
        CaseDocument d => (Document, d.Id),
        Parties.Party p => (Party, p.Id),
        _ => null,
    };
}

/// <summary>
/// The keyed create running on this async flow (set by <see cref="IdempotentRequests"/> and the front desk's start):
/// the transaction that creates its resource also writes "done, resource X" into the key's row
/// (<see cref="IdempotencyRecord.Resource"/>) — through the engine command that opens a case (<see cref="IdempotencyMarker"/>)
/// or the save that adds a document or a ficha (<see cref="Data.SingleWriterSaveChanges"/>). So after a crash the key
/// tells for certain whether the work committed, whatever happened to the answer.
/// </summary>
public sealed class IdempotentWork
{
    private static readonly AsyncLocal<IdempotentWork?> Running = new();

    private IdempotentWork(IdempotencyClaim claim, string owner, string kind) => (Claim, Owner, Kind) = (claim, owner, kind);

    public static IdempotentWork? Current => Running.Value;

    public IdempotencyClaim Claim { get; }
    /// <summary>The reserving process (<see cref="ServerInstance.Id"/>): only its own reservation is marked.</summary>
    public string Owner { get; }
    /// <summary>The kind of resource that marks the work done (<see cref="IdempotentResources"/>).</summary>
    public string Kind { get; }

    /// <summary>Runs what follows on this flow as the work of <paramref name="claim"/>, until disposed.</summary>
    public static IDisposable Begin(IdempotencyClaim claim, string owner, string kind)
    {
        var previous = Running.Value;
        Running.Value = new IdempotentWork(claim, owner, kind);
        return new Restore(previous);
    }

    /// <summary>The write that marks the key done, if one of <paramref name="rows"/> is the resource this work makes.</summary>
    internal ITransactionalWrite? MarkerFor(IEnumerable<object> rows)
    {
        foreach (var row in rows)
            if (IdempotentResources.OfRow(row) is var (kind, id) && kind == Kind) return new IdempotencyDone(Claim, Owner, IdempotentResources.Of(kind, id));
        return null;
    }

    /// <summary>The write that marks the key done with the case a command opens, if this work opens a case.</summary>
    internal ITransactionalWrite? MarkerFor(IReadOnlyList<CommandChange> changes)
    {
        if (Kind != IdempotentResources.Case) return null;
        foreach (var change in changes)
        {
            if (change.EventType != HistoryEventTypes.CaseOpened) continue;
            // A step that opens a child case (a triage's referrals) is not the create the key stands for.
            if (change.DetailsJson is { } json && JsonNode.Parse(json) is JsonObject details && details["parentCaseId"] is JsonValue) continue;
            return new IdempotencyDone(Claim, Owner, IdempotentResources.Of(Kind, change.CaseId));
        }
        return null;
    }

    private sealed class Restore(IdempotentWork? previous) : IDisposable
    {
        public void Dispose() => Running.Value = previous;
    }
}

/// <summary>
/// "Done, resource X" on the key's row, in the transaction of the work that made X. Only the first resource counts,
/// and only while the key is still this process's reservation.
/// </summary>
internal sealed class IdempotencyDone(IdempotencyClaim claim, string owner, string resource) : ITransactionalWrite
{
    private static readonly ConditionalWeakTable<DbConnection, DbCommand> Prepared = [];

    public async Task WriteAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        var command = Prepared.GetValue(connection, c =>
        {
            var update = c.CreateCommand();
            update.CommandText = """
                UPDATE "IdempotencyKeys" SET "Resource" = @p0
                WHERE "Scope" = @p1 AND "Route" = @p2 AND "Key" = @p3 AND "OwnerInstance" = @p4 AND "Resource" IS NULL
                """;
            for (var i = 0; i < 5; i++)
            {
                var p = update.CreateParameter();
                p.ParameterName = $"@p{i}";
                update.Parameters.Add(p);
            }
            return update;
        });
        command.Transaction = transaction;
        command.Parameters[0].Value = resource;
        command.Parameters[1].Value = claim.Scope;
        command.Parameters[2].Value = claim.Route;
        command.Parameters[3].Value = claim.Key;
        command.Parameters[4].Value = owner;
        await command.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>Marks a keyed create of a case done in the engine command that opens it (registered with the engine, beside the audit).</summary>
public sealed class IdempotencyMarker : ICommandInterceptor
{
    public ValueTask OnCommittingAsync(CommittingCommand command, CancellationToken ct)
    {
        // The engine's own work (timers, jobs: no actor) never stands for a request's key.
        if (command.Actor is not null && IdempotentWork.Current?.MarkerFor(command.Changes) is { } marker) command.Enlist(marker);
        return ValueTask.CompletedTask;
    }
}
