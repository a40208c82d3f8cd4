using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Vupe.Engine;
using Vupe.Server.Audit;
using Vupe.Server.Auth;

namespace Vupe.Server.Data;

/// <summary>
/// Every save of a <see cref="VupeDbContext"/> — the server's own code, ASP.NET Core Identity's stores — is carried
/// out by the database's one writer (<see cref="DatabaseWriter"/>) instead of on the context's own connection, with
/// the audit entries staged on the context (<see cref="AuditLog.Stage"/>) in the same transaction:
/// <list type="bullet">
/// <item>Inside an engine command (a handler's work) new rows join the command's transaction, so they commit with
/// the step that made them or not at all. The context may be gone by then: the rows are added to a fresh context
/// on the writer's connection.</item>
/// <item>Otherwise the context's changes are saved on the writer's connection and transaction while the caller
/// waits; the call returns once they are durable.</item>
/// </list>
/// Before the engine runs (migrations and seeding at start-up, one thread) contexts save by themselves. Staff users
/// whose row a save changed are forgotten by the session cache once the save is durable (<see cref="SessionStates"/>).
/// </summary>
public sealed class SingleWriterSaveChanges(DatabaseWriter writer, SessionStates sessions, IServiceProvider services) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is not VupeDbContext { SavingOnWriter: false } || !writer.IsAvailable) return result;
        throw new InvalidOperationException("Save the server's changes with SaveChangesAsync: they are written by the database's one writer.");
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not VupeDbContext db || db.SavingOnWriter) return result;
        if (!writer.IsAvailable)
        {
            if (db.PendingAudit.Count > 0) throw new InvalidOperationException("Audit entries are written by the database's one writer, which starts with the engine.");
            return result;
        }
        db.ChangeTracker.DetectChanges();
        var entries = db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        if (entries.Count == 0 && db.PendingAudit.Count == 0) return InterceptionResult<int>.SuppressWithResult(0);
        var audit = db.PendingAudit.ToList();
        db.PendingAudit.Clear();
        var roots = entries.Where(e => !e.Metadata.IsOwned()).Select(e => e.Entity).ToList();
        // A keyed create's resource commits with "done" on its key (IdempotentWork).
        var done = Idempotency.IdempotentWork.Current?.MarkerFor(entries.Where(e => e.State == EntityState.Added).Select(e => e.Entity));
        if (!db.CommitsOnItsOwn && entries.All(e => e.State == EntityState.Added) && writer.TryEnlist(new AddedRows(services, roots, audit, done)))
        {
            db.ChangeTracker.AcceptAllChanges();
            return InterceptionResult<int>.SuppressWithResult(entries.Count);
        }
        var save = new ContextChanges(db, audit, done);
        var users = entries.Where(e => e.State is EntityState.Modified or EntityState.Deleted).Select(e => e.Entity).OfType<VupeUser>().Select(u => u.Id).ToList();
        try
        {
            await writer.WriteAloneAsync(save, cancellationToken);
        }
        finally
        {
            // Also when the write failed: whether it committed before failing is not known here, and forgetting costs a read.
            if (users.Count > 0) sessions.Forget(users);
        }
        db.ChangeTracker.AcceptAllChanges();
        return InterceptionResult<int>.SuppressWithResult(save.Saved);
    }

    /// <summary>A context's changes saved on the writer's connection, inside its transaction, then the staged audit entries (and the key's "done").</summary>
    private sealed class ContextChanges(VupeDbContext db, IReadOnlyList<AuditDraft> audit, ITransactionalWrite? done) : ITransactionalWrite
    {
        public int Saved { get; private set; }

        public async Task WriteAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
        {
            Saved = await SaveOnAsync(db, connection, transaction, ct);
            if (audit.Count > 0) await new AuditAppend(audit).WriteAsync(connection, transaction, ct);
            if (done is not null) await done.WriteAsync(connection, transaction, ct);
        }
    }

    /// <summary>New rows of a context that may be disposed when the command commits: added again to another context there (from the pool: a new one's first use builds its services, most of the cost of saving one row).</summary>
    private sealed class AddedRows(IServiceProvider services, IReadOnlyList<object> rows, IReadOnlyList<AuditDraft> audit, ITransactionalWrite? done) : ITransactionalWrite
    {
        public async Task WriteAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
        {
            if (rows.Count > 0)
            {
                await using var db = await services.GetRequiredService<IDbContextFactory<VupeDbContext>>().CreateDbContextAsync(ct);
                db.AddRange(rows);
                await SaveOnAsync(db, connection, transaction, ct);
            }
            if (audit.Count > 0) await new AuditAppend(audit).WriteAsync(connection, transaction, ct);
            if (done is not null) await done.WriteAsync(connection, transaction, ct);
        }
    }

    private static async Task<int> SaveOnAsync(VupeDbContext db, DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        var own = db.Database.GetConnectionString();
        db.SavingOnWriter = true;
        db.Database.SetDbConnection(connection, contextOwnsConnection: false);
        await db.Database.UseTransactionAsync(transaction, ct);
        // The writer's transaction already isolates this save (a savepoint per session); EF's own savepoint would be a statement more.
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            return await db.SaveChangesAsync(acceptAllChangesOnSuccess: false, ct);
        }
        finally
        {
            await db.Database.UseTransactionAsync(null, CancellationToken.None);
            // Back to a connection of the context's own (made when next needed), for what the caller reads next; the
            // writer's connection is left untouched.
            db.Database.SetDbConnection(null);
            db.Database.SetConnectionString(own);
            db.SavingOnWriter = false;
        }
    }
}
