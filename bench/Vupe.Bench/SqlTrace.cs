using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Vupe.Engine;
using Vupe.Engine.Persistence;

namespace Vupe.Bench;

/// <summary>
/// A diagnostic, not a timing: runs reference instances over SQLite and counts what one instance
/// costs in statements, connection opens, commits and DbContexts. Two sources: an EF Core
/// interceptor sees what EF Core executes (queries off the hot path, schema creation), and the
/// store's DiagnosticListener (<see cref="StoreEvents"/>) reports the prepared statements, connections
/// and commits it runs itself. It uses the engine's public EfEngineStore with the same connection
/// string as UseSqlite, but not the engine's internal PRAGMA interceptor (SQLite's built-in
/// synchronous default is FULL as well).
/// </summary>
internal static class SqlTrace
{
    public static async Task ReferenceAsync(string processes, int count, bool dump)
    {
        var root = Path.Combine(Path.GetTempPath(), $"vupe-bench-trace-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        try
        {
            using var events = new StoreEvents();
            var counter = new Counter(events);
            var connection = new SqliteConnectionStringBuilder { DataSource = Path.Combine(root, "trace.db"), Pooling = true, DefaultTimeout = 30 }.ToString();
            var efEvents = new List<string>();
            var recording = false;
            long jitted = 0;
            var store = new EfEngineStore(o => o.UseSqlite(connection).AddInterceptors(counter)
                .LogTo(m => { if (recording) lock (efEvents) efEvents.Add(m); }, [CoreEventId.QueryCompilationStarting, CoreEventId.ContextInitialized], LogLevel.Debug));
            await using (var engine = await OursBench.CreateEngineAsync(b => b.UseStore(store), processes, "reference.bpmn"))
            {
                await OursBench.VerifyReferenceAsync(engine);
                counter.Reset();
                events.Reset(dump);
                await OursBench.RunReferenceAsync(engine, 150);
                if (dump)
                {
                    await Console.Error.WriteLineAsync("-- SQL of one reference instance (start + query + complete):");
                    foreach (var line in events.Log) await Console.Error.WriteLineAsync(line);
                }
                for (var i = 0; i < 10; i++) await OursBench.RunReferenceAsync(engine, OursBench.AmountFor(i));
                counter.Reset();
                events.Reset();
                jitted = System.Runtime.JitInfo.GetCompiledMethodCount();
                recording = true;
                for (var i = 0; i < count; i++) await OursBench.RunReferenceAsync(engine, OursBench.AmountFor(i));
                recording = false;
                jitted = System.Runtime.JitInfo.GetCompiledMethodCount() - jitted;
            }
            Report.Line("ours.sqlite.reference.statements",
                ("statements_per_instance", (double)(counter.Statements + events.Statements) / count), ("ef_statements_per_instance", (double)counter.Statements / count),
                ("connection_opens_per_instance", (double)(counter.Opens + events.Opens) / count),
                ("commits_per_instance", (double)(counter.Commits + events.Commits + events.SequenceCommits) / count),
                ("case_number_commits_per_instance", (double)events.SequenceCommits / count),
                ("query_compilations_per_instance", (double)efEvents.Count(c => c.Contains("Compiling query", StringComparison.Ordinal)) / count),
                ("contexts_per_instance", (double)efEvents.Count(c => c.Contains("initialized", StringComparison.Ordinal)) / count),
                ("jitted_per_instance", (double)jitted / count), ("ef_db_call_ms_per_instance", counter.DbTime.TotalMilliseconds / count), ("n", count));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    private sealed class Counter(StoreEvents log) : IDbCommandInterceptor, IDbConnectionInterceptor, IDbTransactionInterceptor
    {
        private readonly Lock _gate = new();
        public int Statements { get; private set; }
        public int Opens { get; private set; }
        public int Commits { get; private set; }
        public TimeSpan DbTime { get; private set; }

        public void Reset()
        {
            lock (_gate)
            {
                Statements = Opens = Commits = 0;
                DbTime = TimeSpan.Zero;
            }
        }

        private void Command(DbCommand command, TimeSpan duration)
        {
            lock (_gate)
            {
                Statements++;
                DbTime += duration;
            }
            log.Append($"-- (EF Core) {duration.TotalMilliseconds:F3} ms\n{command.CommandText.Trim()};");
        }

        private void Note(string text, TimeSpan duration = default)
        {
            lock (_gate) DbTime += duration;
            log.Append($"-- (EF Core) {text} {duration.TotalMilliseconds:F3} ms");
        }

        public ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            Command(command, eventData.Duration);
            return ValueTask.FromResult(result);
        }

        public DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
        {
            Command(command, eventData.Duration);
            return result;
        }

        public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            Command(command, eventData.Duration);
            return ValueTask.FromResult(result);
        }

        public ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
        {
            Command(command, eventData.Duration);
            return ValueTask.FromResult(result);
        }

        public Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            lock (_gate) Opens++;
            Note("connection opened", eventData.Duration);
            return Task.CompletedTask;
        }

        public void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            lock (_gate) Opens++;
            Note("connection opened", eventData.Duration);
        }

        public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            lock (_gate) Commits++;
            Note("commit", eventData.Duration);
            return Task.CompletedTask;
        }

        public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
        {
            lock (_gate) Commits++;
            Note("commit", eventData.Duration);
        }
    }
}
