using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Vupe.Engine.Tests;

/// <summary>
/// The plans of the operations console's lists and of the notices' task scan, as each store runs them: the statements
/// the store's own sessions send are explained (an interceptor runs EXPLAIN with the same text and parameters before
/// each query). SQLite keeps no statistics here (the engine never runs ANALYZE), so its plans do not depend on the rows;
/// PostgreSQL's do, so its plans are asked with <c>enable_seqscan = off</c>, which leaves a sequential scan only where
/// no index serves the query. <c>VUPE_PLAN_ROWS</c> (default 200) sets how many instances are seeded; the plans with
/// 20,000 and statistics are in docs/architecture.md.
/// </summary>
public abstract class QueryPlanTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 5, 0, 0, TimeSpan.Zero);
    private static readonly string[] Offices = ["LIM", "CUS", "ARE", "PIU", "TRU", "ICA", "PUN", "HUA", "TAC", "LOR"];
    private static readonly string[] Elements = ["revisar", "espera", "cerrar", "entrevista", "derivar"];

    private EfEngineStore? _store;
    private readonly PlanCapture _plans = new();

    protected abstract EfEngineStore CreateStore(Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor capture);
    /// <summary>The store's words for "a scan of the whole table" and "an index used", for the assertions.</summary>
    protected abstract string FullScanOf(string table);
    protected abstract void AssertUsesIndex(string plan, string index);
    /// <summary>Whether the same query always takes the same index, whatever the rows (SQLite here: no statistics).</summary>
    protected virtual bool IndexChoiceIsStable => true;

    protected static int Rows => int.TryParse(Environment.GetEnvironmentVariable("VUPE_PLAN_ROWS"), out var n) ? n : 200;

    [OneTimeSetUp]
    public async Task Seed()
    {
        var store = _store = CreateStore(_plans);
        await store.InitializeAsync();
        await using var db = store.CreateContext();
        var random = new Random(16);
        for (var batch = 0; batch < Rows; batch += 2000)
        {
            for (var n = batch; n < Math.Min(Rows, batch + 2000); n++)
            {
                var office = Offices[n % Offices.Length];
                var started = T0.AddMinutes(n * 20);
                var active = n % 10 < 3;
                var caseFile = new CaseFileRecord
                {
                    Id = Guid.CreateVersion7(), CaseNumber = $"{office}-2026-{n:D6}", OfficeCode = office, Year = 2026, Sequence = n, ProcessKey = "tramite",
                    Status = active ? CaseStatus.Open : CaseStatus.Closed, OpenedAt = started, ClosedAt = active ? null : started.AddDays(3),
                };
                var element = Elements[random.Next(Elements.Length)];
                var instance = new ProcessInstanceRecord
                {
                    Id = Guid.CreateVersion7(), DefinitionId = $"tramite:{1 + n % 20}", ProcessKey = "tramite", DefinitionVersion = 1 + n % 20, CaseId = caseFile.Id,
                    Status = active ? InstanceStatus.Active : InstanceStatus.Completed, StartedAt = started, EndedAt = active ? null : started.AddDays(3),
                    Suspended = active && n % 97 == 0, ActiveElements = active ? $"|{element}|" : null,
                    StateJson = "{\"Executions\":{\"root\":{\"Id\":\"root\",\"ElementId\":\"tramite\",\"Variables\":{\"monto\":" + (n % 500) + ",\"canal\":\"en-linea\"}}}}",
                };
                db.AddRange(caseFile, instance);
                db.Add(new UserTaskRecord
                {
                    Id = Guid.CreateVersion7(), InstanceId = instance.Id, ExecutionId = "e1", ElementId = element, CaseId = caseFile.Id, CaseNumber = caseFile.CaseNumber,
                    OfficeCode = office, ProcessKey = "tramite", CreatedAt = started, DueAt = started.AddDays(5), CandidateKey = $"|group:{office}-consultor|",
                });
                if (n % 10 == 0)
                    db.Add(new IncidentRecord
                    {
                        Id = Guid.CreateVersion7(), InstanceId = instance.Id, CaseId = caseFile.Id, ExecutionId = "e1", ElementId = element, Message = "Sin salida",
                        CreatedAt = started, ResolvedAt = n % 100 == 0 ? null : started.AddHours(1),
                    });
            }
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
        await AfterSeedAsync(db);
    }

    protected virtual Task AfterSeedAsync(EngineDbContext db) => Task.CompletedTask;

    [OneTimeTearDown]
    public async Task Dispose()
    {
        if (_store is not null) await _store.DisposeAsync(); // null when SetUp was skipped
        await DropAsync();
    }

    protected virtual Task DropAsync() => Task.CompletedTask;

    private async Task<List<string>> PlansOf(Func<Persistence.IEngineSession, Task> queries)
    {
        await using var session = _store!.OpenSession();
        _plans.Start();
        try
        {
            await queries(session);
        }
        finally
        {
            _plans.Stop();
        }
        Assert.That(_plans.Plans, Is.Not.Empty, "the session sent its queries through EF Core");
        foreach (var plan in _plans.Plans) await TestContext.Out.WriteLineAsync($"[{TestContext.CurrentContext.Test.Name}]\n{plan}\n");
        return [.. _plans.Plans];
    }

    private static readonly CancellationToken None = CancellationToken.None;

    [Test]
    public async Task Open_incidents_are_read_from_their_partial_index()
    {
        foreach (IReadOnlyCollection<string>? offices in new[] { null, new[] { "LIM", "CUS" } })
        {
            var plans = await PlansOf(async s =>
            {
                await s.CountOpenIncidentsAsync(offices, None);
                await s.PageOpenIncidentsAsync(offices, 25, 25, None);
            });
            foreach (var plan in plans)
            {
                // PostgreSQL prices the partial index and the case index close on a small table, and its statistics
                // (random ids) tip it either way from run to run: there, an index of the table is what is asserted.
                if (IndexChoiceIsStable) AssertUsesIndex(plan, "IX_Incidents_Open");
                else AssertUsesIndex(plan, "IX_Incidents_");
                Assert.That(plan, Does.Not.Contain(FullScanOf("Incidents")), plan);
            }
        }
    }

    [Test]
    public async Task Tasks_created_since_are_a_range_of_each_office()
    {
        var plans = await PlansOf(s => s.QueryTasksAsync(new TaskFilter
        {
            OfficeCodes = Offices, CreatedFrom = T0.AddMinutes(Rows * 20 - 600), Sort = TaskSort.CreatedAt, Skip = 0, Take = 200,
        }, None));
        Assert.That(plans, Has.Count.EqualTo(1));
        // PostgreSQL picks among the office-first indexes by its statistics (on a small table, (office, procedure, due));
        // SQLite, which has none, always takes each office's (office, created) range.
        if (IndexChoiceIsStable) AssertUsesIndex(plans[0], "IX_UserTasks_OfficeCode_CreatedAt_DueAt_ProcessKey");
        else AssertUsesIndex(plans[0], "IX_UserTasks_OfficeCode_");
        Assert.That(plans[0], Does.Not.Contain(FullScanOf("UserTasks")), plans[0]);
    }

    [Test]
    public async Task Instances_of_a_definition_are_read_from_the_console_index_for_every_filter()
    {
        var queries = new[]
        {
            new InstanceQuery("tramite:1"),
            new InstanceQuery("tramite:1") { State = InstanceQueryState.Running },
            new InstanceQuery("tramite:1") { State = InstanceQueryState.Suspended },
            new InstanceQuery("tramite:1") { State = InstanceQueryState.Ended, StartedFrom = T0, StartedBefore = T0.AddDays(30) },
            new InstanceQuery("tramite:1") { ActiveElementId = "revisar" },
            new InstanceQuery("tramite:1") { VariableName = "monto", VariableValue = "120" },
        };
        foreach (var query in queries)
            foreach (IReadOnlyCollection<string>? offices in new[] { null, new[] { "LIM" } })
            {
                var plans = await PlansOf(async s =>
                {
                    await s.CountInstancesAsync(query, offices, None);
                    await s.PageInstancesAsync(query, offices, None);
                });
                Assert.That(plans, Has.Count.EqualTo(2));
                foreach (var plan in plans)
                {
                    AssertUsesIndex(plan, "IX_ProcessInstances_Console");
                    Assert.That(plan, Does.Not.Contain(FullScanOf("ProcessInstances")).And.Not.Contain(FullScanOf("CaseFiles")), $"{query} {offices?.Count}\n{plan}");
                }
            }
    }

    /// <summary>Before each query a session sends, the same statement with EXPLAIN; the plans are kept while capturing.</summary>
    private sealed class PlanCapture : DbCommandInterceptor
    {
        private volatile bool _capturing;
        public List<string> Plans { get; } = [];
        public Func<DbCommand, string>? ExplainPrefix { get; set; }
        public string? Before { get; set; }
        public string? After { get; set; }

        public void Start()
        {
            Plans.Clear();
            _capturing = true;
        }

        public void Stop() => _capturing = false;

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (!_capturing) return result;
            var connection = command.Connection!;
            if (Before is not null) await RunAsync(connection, command.Transaction, Before);
            await using (var explain = connection.CreateCommand())
            {
                explain.Transaction = command.Transaction;
                explain.CommandText = (ExplainPrefix?.Invoke(command) ?? "EXPLAIN ") + command.CommandText;
                foreach (DbParameter p in command.Parameters)
                {
                    var copy = explain.CreateParameter();
                    copy.ParameterName = p.ParameterName;
                    copy.Value = p.Value;
                    if (p.DbType != System.Data.DbType.Object) copy.DbType = p.DbType;
                    explain.Parameters.Add(copy);
                }
                var lines = new List<string>();
                await using var reader = await explain.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken)) lines.Add(reader.GetString(reader.FieldCount - 1));
                Plans.Add(string.Join("\n", lines));
            }
            if (After is not null) await RunAsync(connection, command.Transaction, After);
            return result;
        }

        private static async Task RunAsync(DbConnection connection, DbTransaction? transaction, string sql)
        {
            await using var c = connection.CreateCommand();
            c.Transaction = transaction;
            c.CommandText = sql;
            await c.ExecuteNonQueryAsync();
        }
    }

    protected static void Configure(IInterceptor capture, string explainPrefix, string? before = null, string? after = null)
    {
        var plans = (PlanCapture)capture;
        plans.ExplainPrefix = _ => explainPrefix;
        plans.Before = before;
        plans.After = after;
    }
}

public sealed class SqliteQueryPlanTests : QueryPlanTests
{
    protected override EfEngineStore CreateStore(IInterceptor capture)
    {
        Configure(capture, "EXPLAIN QUERY PLAN ");
        var path = SqliteEngineTestBase.NewDatabasePath();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new EfEngineStore(o => o.UseSqlite($"Data Source={path}").AddInterceptors(capture));
    }

    protected override string FullScanOf(string table) => $"SCAN {table}";

    protected override void AssertUsesIndex(string plan, string index) =>
        Assert.That(plan, Does.Contain($"USING INDEX {index}").Or.Contain($"USING COVERING INDEX {index}"), plan);
}

public sealed class PostgresQueryPlanTests : QueryPlanTests
{
    private string? _database;
    private static bool Natural => Environment.GetEnvironmentVariable("VUPE_PLAN_NATURAL") == "1";
    protected override bool IndexChoiceIsStable => false;

    protected override EfEngineStore CreateStore(IInterceptor capture)
    {
        // A small table's cheapest plan is often a sequential scan; with it priced out, one remains only where no index serves.
        // VUPE_PLAN_NATURAL=1 shows the plans PostgreSQL picks by itself (with VUPE_PLAN_ROWS=20000, those in docs/architecture.md).
        if (Natural) Configure(capture, "EXPLAIN ");
        else Configure(capture, "EXPLAIN ", before: "SET enable_seqscan = off", after: "RESET enable_seqscan");
        var (name, connection) = TestPostgres.CreateDatabase();
        _database = name;
        return new EfEngineStore(o => o.UseNpgsql(connection).AddInterceptors(capture));
    }

    protected override async Task AfterSeedAsync(EngineDbContext db) => await db.Database.ExecuteSqlRawAsync("ANALYZE");

    protected override Task DropAsync()
    {
        if (_database is not null) TestPostgres.DropDatabase(_database);
        return Task.CompletedTask;
    }

    // The natural plans are printed, not asserted: they follow the statistics.
    protected override string FullScanOf(string table) => Natural ? "(not asserted)" : $"Seq Scan on \"{table}\"";

    protected override void AssertUsesIndex(string plan, string index)
    {
        if (!Natural) AssertIndex(plan, index);
    }

    private static void AssertIndex(string plan, string index) =>
        Assert.That(plan, Does.Match($@"Index (Only )?Scan( Backward)? using ""{index}|Bitmap Index Scan on ""{index}"), plan);
}
