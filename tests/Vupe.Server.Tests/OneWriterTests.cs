using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Vupe.Server.Data;

namespace Vupe.Server.Tests;

/// <summary>
/// One writer per database: every write of a request — the engine's rows, the audit entry, the ficha, Identity —
/// commits in one transaction of the engine store's writer. Counted from both sides: the store's commits (its
/// diagnostics) and every command EF Core runs for the server's tables (an interceptor), so that a global lock or
/// a longer busy timeout could not pass for one writer.
/// </summary>
public sealed class OneWriterTests : ServerTestBase
{
    private readonly WriteCounter _counter = new();

    protected override void ConfigureServices(VupeServerFactory factory) =>
        factory.ServiceChanges = services => services.ConfigureDbContext<VupeDbContext>(o => o.AddInterceptors(_counter));

    [Test]
    public async Task Every_request_writes_once_through_the_one_writer()
    {
        var client = await As("consultor.lim");
        using var commits = new CommitListener();
        _counter.Reset(); // start-up (migrations, seeding) ran before the engine and its writer

        var party = await Measure(commits, () => CreatePersonAsync());
        Assert.That(party.Sessions, Is.EqualTo(1), "the ficha and its audit entry: one command");
        var opened = await Measure(commits, () => OpenCaseAsync(partyId: party.Result.GetProperty("id").GetGuid()));
        Assert.That(opened.Sessions, Is.EqualTo(1), "the case, its process and 'case.opened': one command (the case number is allocated before it)");
        var caseId = opened.Result.GetProperty("id").GetGuid();
        var read = await Measure(commits, () => FirstTaskOfCaseAsync(caseId));
        Assert.That(read.Sessions, Is.EqualTo(1), "reading the case writes 'case.read'");
        var taskId = read.Result.GetProperty("id").GetGuid();
        var claim = await Measure(commits, () => client.PostAsync($"/api/tasks/{taskId}/claim", null));
        Assert.That(claim.Sessions, Is.EqualTo(1), "the claim and its audit entry commit together");
        var complete = await Measure(commits, () => client.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { data = new { interes = "Gastronomía" } }));
        Assert.That(complete.Result.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(complete.Sessions, Is.EqualTo(1));

        Assert.That(_counter.TransactionsOfItsOwn, Is.Zero, "EF Core never began a transaction of its own on the server's tables");
        Assert.That(_counter.WritesOutsideTheWriter, Is.Empty, "every INSERT/UPDATE/DELETE ran inside the writer's transaction");
        Assert.That(_counter.WritesOnTheWriter, Is.GreaterThan(0), "the ficha was saved by EF Core, on the writer's connection");

        var trail = await (await As("auditor")).GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/audit");
        Assert.That(trail.EnumerateArray().Select(e => e.GetProperty("action").GetString()),
            Is.EqualTo(new[] { "case.opened", "case.read", "task.claimed", "task.completed" }));
        await AnchorAuditAsync();
        var verdict = await (await As("auditor")).GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/audit/verify");
        Assert.That(verdict.GetProperty("valid").GetBoolean(), Is.True);
    }

    [Test]
    public async Task A_change_whose_audit_entry_cannot_be_written_is_not_made()
    {
        var client = await As("consultor.lim");
        var caseId = (await OpenCaseAsync()).GetProperty("id").GetGuid();
        var taskId = (await FirstTaskOfCaseAsync(caseId)).GetProperty("id").GetGuid();
        await ExecuteAsync("CREATE TRIGGER refuse_claim_audit BEFORE INSERT ON AuditEntries WHEN NEW.Action = 'task.claimed' BEGIN SELECT RAISE(ABORT, 'audit refused'); END;");
        try
        {
            var refused = await client.PostAsync($"/api/tasks/{taskId}/claim", null);
            Assert.That(refused.IsSuccessStatusCode, Is.False);
            var task = await client.GetFromJsonAsync<JsonElement>($"/api/tasks/{taskId}");
            Assert.That(task.GetProperty("task").GetProperty("assignee").ValueKind, Is.EqualTo(JsonValueKind.Null), "the claim was rolled back with its audit entry");
        }
        finally
        {
            await ExecuteAsync("DROP TRIGGER refuse_claim_audit;");
        }
        (await client.PostAsync($"/api/tasks/{taskId}/claim", null)).EnsureSuccessStatusCode();
        var trail = await (await As("auditor")).GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/audit");
        Assert.That(trail.EnumerateArray().Count(e => e.GetProperty("action").GetString() == "task.claimed"), Is.EqualTo(1));
    }

    private async Task<(T Result, int Sessions)> Measure<T>(CommitListener commits, Func<Task<T>> request)
    {
        commits.Reset();
        var result = await request();
        return (result, commits.Sessions);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(Factory.DataDirectory, "vupe.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Sessions committed by the engine store's writer (its <c>Commit</c> diagnostic: sessions per transaction).</summary>
    private sealed class CommitListener : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly List<IDisposable> _subscriptions = [];
        private int _sessions;

        public CommitListener() => _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

        public int Sessions => Volatile.Read(ref _sessions);

        public void Reset() => Interlocked.Exchange(ref _sessions, 0);

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == "Vupe.Engine.Persistence") lock (_subscriptions) _subscriptions.Add(listener.Subscribe(this));
        }

        public void OnNext(KeyValuePair<string, object?> e)
        {
            if (e.Key == "Commit" && e.Value is int sessions) Interlocked.Add(ref _sessions, sessions);
        }

        public void OnCompleted() { }
        public void OnError(Exception error) { }

        public void Dispose()
        {
            lock (_subscriptions) foreach (var s in _subscriptions) s.Dispose();
        }
    }

    /// <summary>Every command and transaction EF Core runs for the server's tables once the server is up.</summary>
    private sealed class WriteCounter : DbCommandInterceptor, IDbTransactionInterceptor
    {
        private int _own;
        private int _onWriter;

        public int TransactionsOfItsOwn => Volatile.Read(ref _own);
        public int WritesOnTheWriter => Volatile.Read(ref _onWriter);
        public List<string> WritesOutsideTheWriter { get; } = [];

        public void Reset()
        {
            Interlocked.Exchange(ref _own, 0);
            Interlocked.Exchange(ref _onWriter, 0);
            lock (WritesOutsideTheWriter) WritesOutsideTheWriter.Clear();
        }

        private void Count(DbCommand command)
        {
            var text = command.CommandText.TrimStart();
            if (!(text.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || text.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
                  || text.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase))) return;
            if (command.Transaction is null) lock (WritesOutsideTheWriter) WritesOutsideTheWriter.Add(text);
            else Interlocked.Increment(ref _onWriter);
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Count(command);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Count(command);
            return ValueTask.FromResult(result);
        }

        public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _own);
            return ValueTask.FromResult(result);
        }

        public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
        {
            Interlocked.Increment(ref _own);
            return result;
        }
    }
}
