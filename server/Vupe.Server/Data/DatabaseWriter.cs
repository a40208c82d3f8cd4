using Vupe.Engine;

namespace Vupe.Server.Data;

/// <summary>
/// The server's door to the database's one writer: the engine store's (on SQLite, its group commit). Inside an
/// engine command running on this flow (a service task handler) the rows join that command's transaction;
/// otherwise they are a write of their own, batched with the engine's commits. So the server and the engine never
/// compete for SQLite's write lock, and no request sleeps on it.
/// </summary>
public sealed class DatabaseWriter(ProcessEngineHost host)
{
    /// <summary>True once the engine runs; before (migrations, seeding at start-up) the server's contexts save by themselves.</summary>
    public bool IsAvailable => host.StartedEngine is not null;

    /// <summary>The engine command running on this flow enlists <paramref name="write"/> (true), or there is none (false).</summary>
    public bool TryEnlist(ITransactionalWrite write) => host.StartedEngine?.TryEnlist(write) == true;

    /// <summary>Writes with the running command if there is one (returns when enlisted), else on its own (returns when durable).</summary>
    public Task WriteAsync(ITransactionalWrite write, CancellationToken ct)
    {
        var engine = host.StartedEngine ?? throw new InvalidOperationException("The database's writer is the engine's store: it is not available before the engine starts.");
        return engine.TryEnlist(write) ? Task.CompletedTask : engine.WriteAsync(write, ct);
    }

    /// <summary>Writes on its own even inside a command (changes the command's transaction cannot carry).</summary>
    public Task WriteAloneAsync(ITransactionalWrite write, CancellationToken ct)
    {
        var engine = host.StartedEngine ?? throw new InvalidOperationException("The database's writer is the engine's store: it is not available before the engine starts.");
        return engine.WriteAsync(write, ct);
    }
}
