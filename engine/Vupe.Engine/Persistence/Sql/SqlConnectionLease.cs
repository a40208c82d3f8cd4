using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Vupe.Engine.Persistence.Sql;

/// <summary>
/// An open connection lent to one session (or to the SQLite writer), with its commands. A command is
/// created once per statement and connection and then only re-bound: Microsoft.Data.Sqlite keeps a
/// reused command's statement prepared, which saves SQLite's parse and plan on every execution.
/// Not thread-safe: one session uses it at a time.
/// </summary>
internal sealed class SqlConnectionLease(DbConnection connection, EngineDbContext? context = null) : IAsyncDisposable
{
    private readonly Dictionary<SqlStatement, DbCommand> _commands = new(ReferenceEqualityComparer.Instance);

    public DbConnection Connection { get; } = connection;

    /// <summary>For providers other than SQLite: the EF context that opened <see cref="Connection"/>; EF queries of the session run on it.</summary>
    public EngineDbContext? Context { get; } = context;

    /// <summary>Set when a statement failed in a way that may have left the connection unusable; it is then closed, not reused.</summary>
    public bool Broken { get; set; }

    public DbCommand Command(SqlStatement statement, DbTransaction? transaction = null)
    {
        if (!_commands.TryGetValue(statement, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = statement.Text;
            foreach (var (name, column) in statement.Parameters)
                command.Parameters.Add(column.Mapping.CreateParameter(command, name, null, nullable: true));
            _commands[statement] = command;
        }
        command.Transaction = transaction;
        return command;
    }

    /// <summary>Binds every parameter of the statement from one record (insert, update, delete).</summary>
    public DbCommand Bind(SqlStatement statement, object record, DbTransaction? transaction, object? expectedVersion = null)
    {
        var command = Command(statement, transaction);
        var parameters = statement.Parameters;
        for (var i = 0; i < parameters.Count; i++)
        {
            var value = i == statement.ExpectedVersionIndex ? expectedVersion : parameters[i].Column.ProviderValue(record);
            command.Parameters[i].Value = value ?? DBNull.Value;
        }
        return command;
    }

    /// <summary>Binds a multi-row insert from consecutive records.</summary>
    public DbCommand BindRows(SqlStatement statement, IReadOnlyList<PendingWrite> writes, int first, DbTransaction? transaction)
    {
        var command = Command(statement, transaction);
        var parameters = statement.Parameters;
        var width = parameters.Count / statement.Rows;
        for (var i = 0; i < parameters.Count; i++)
            command.Parameters[i].Value = parameters[i].Column.ProviderValue(writes[first + i / width].Record) ?? DBNull.Value;
        return command;
    }

    /// <summary>Binds parameters from model values in order (a <see cref="TableMap.SelectWhere"/> lookup, the case sequence).</summary>
    public DbCommand BindValues(SqlStatement statement, DbTransaction? transaction, params ReadOnlySpan<object?> modelValues)
    {
        var command = Command(statement, transaction);
        for (var i = 0; i < modelValues.Length; i++)
        {
            var value = modelValues[i];
            if (value is not null && statement.Parameters[i].Column.Mapping.Converter is { } converter) value = converter.ConvertToProvider(value);
            command.Parameters[i].Value = value ?? DBNull.Value;
        }
        return command;
    }

    /// <summary>A command of <paramref name="batch"/> bound from one record, its parameters typed like the statement's own command's.</summary>
    public DbBatchCommand BatchBind(DbBatch batch, SqlStatement statement, object record, object? expectedVersion = null)
    {
        var parameters = statement.Parameters;
        var command = BatchCommand(batch, statement);
        for (var i = 0; i < parameters.Count; i++)
            command.Parameters[i].Value = (i == statement.ExpectedVersionIndex ? expectedVersion : parameters[i].Column.ProviderValue(record)) ?? DBNull.Value;
        return command;
    }

    /// <summary>A multi-row insert of <paramref name="batch"/> from consecutive records.</summary>
    public DbBatchCommand BatchRows(DbBatch batch, SqlStatement statement, IReadOnlyList<PendingWrite> writes, int first)
    {
        var parameters = statement.Parameters;
        var width = parameters.Count / statement.Rows;
        var command = BatchCommand(batch, statement);
        for (var i = 0; i < parameters.Count; i++)
            command.Parameters[i].Value = parameters[i].Column.ProviderValue(writes[first + i / width].Record) ?? DBNull.Value;
        return command;
    }

    private DbBatchCommand BatchCommand(DbBatch batch, SqlStatement statement)
    {
        // The statement's cached command holds parameters typed by the EF type mappings; a batch command takes copies
        // (a parameter belongs to one collection).
        var template = Command(statement);
        var command = batch.CreateBatchCommand();
        command.CommandText = statement.Text;
        foreach (DbParameter parameter in template.Parameters)
            command.Parameters.Add(((ICloneable)parameter).Clone());
        return command;
    }

    public async Task<int> ExecuteAsync(DbBatch batch, CancellationToken ct)
    {
        foreach (var command in batch.BatchCommands) StoreDiagnostics.Statement(command.CommandText);
        return await batch.ExecuteNonQueryAsync(ct);
    }

    public async Task<int> ExecuteAsync(DbCommand command, CancellationToken ct)
    {
        StoreDiagnostics.Statement(command);
        return await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<DbDataReader> QueryAsync(DbCommand command, CancellationToken ct)
    {
        StoreDiagnostics.Statement(command);
        return await command.ExecuteReaderAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _commands.Values) await command.DisposeAsync();
        _commands.Clear();
        if (Context is not null)
        {
            await Context.Database.CloseConnectionAsync();
            await Context.DisposeAsync();
        }
        else
        {
            await Connection.DisposeAsync();
        }
    }
}

/// <summary>Where sessions get their connection from.</summary>
internal interface IConnectionSource : IAsyncDisposable
{
    ValueTask<SqlConnectionLease> RentAsync(CancellationToken ct);
    ValueTask ReturnAsync(SqlConnectionLease lease);
}

/// <summary>
/// SQLite: open connections kept with their prepared statements. The provider's own pool would close
/// each connection at the end of a session, and closing a SqliteConnection finalizes its statements.
/// </summary>
internal sealed class SqliteConnectionPool(string connectionString) : IConnectionSource
{
    // Every running command holds a connection (its reads, its prepared statements), so the pool keeps
    // as many as a busy server runs commands at once: with fewer, each command beyond them opened a
    // connection and closed it again (file, shared-memory map, schema read), which at 32 concurrent
    // callers cost a quarter of the CPU per instance (docs/benchmarks.md). More are opened when needed
    // and closed on return. An idle connection holds only its statements and the pages it cached.
    private const int MaxIdle = 64;
    private readonly ConcurrentBag<SqlConnectionLease> _idle = [];
    private int _idleCount; // ConcurrentBag.Count takes every lock of the bag
    private volatile bool _disposed;

    public string ConnectionString { get; } = connectionString;

    public SqlConnectionLease Open(string? setupSql = null)
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        StoreDiagnostics.ConnectionOpened();
        using var setup = connection.CreateCommand();
        // Foreign keys are off in SQLite unless asked for per connection (EF Core asks on its own
        // connections): task candidates go with their task by ON DELETE CASCADE.
        setup.CommandText = "PRAGMA foreign_keys=ON;" + setupSql;
        setup.ExecuteNonQuery();
        return new SqlConnectionLease(connection);
    }

    public ValueTask<SqlConnectionLease> RentAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryTake(out var lease))
        {
            Interlocked.Decrement(ref _idleCount);
            return ValueTask.FromResult(lease);
        }
        return ValueTask.FromResult(Open());
    }

    public ValueTask ReturnAsync(SqlConnectionLease lease)
    {
        if (_disposed || lease.Broken) return lease.DisposeAsync();
        if (Interlocked.Increment(ref _idleCount) > MaxIdle)
        {
            Interlocked.Decrement(ref _idleCount);
            return lease.DisposeAsync();
        }
        _idle.Add(lease);
        return _disposed ? DisposeAsync() : ValueTask.CompletedTask; // raced with DisposeAsync: close what is left
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        while (_idle.TryTake(out var lease)) await lease.DisposeAsync();
    }
}

/// <summary>Other providers (PostgreSQL): the session's EF context opens a connection from the provider's pool and keeps it for the session.</summary>
internal sealed class ContextConnectionSource(Func<EngineDbContext> createContext) : IConnectionSource
{
    public async ValueTask<SqlConnectionLease> RentAsync(CancellationToken ct)
    {
        var db = createContext();
        await db.Database.OpenConnectionAsync(ct);
        StoreDiagnostics.ConnectionOpened();
        return new SqlConnectionLease(db.Database.GetDbConnection(), db);
    }

    public ValueTask ReturnAsync(SqlConnectionLease lease) => lease.DisposeAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
