using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using Microsoft.Data.Sqlite;
using Vupe.Engine;
using Vupe.Engine.Persistence;
using Vupe.Server.Auth;
using Vupe.Server.Hosting;
using Vupe.Server.Inbox;

namespace Vupe.Bench.Inbox;

/// <summary>
/// Inbox requests as the server runs them: the filter from <see cref="InboxQuery.Build"/> for a user read from
/// claims by <see cref="UserScope.From"/>, then the page and the total through the engine built over the
/// generated database, one request at a time.
/// </summary>
internal sealed class InboxLoad(string path, int pageSize)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private readonly TimeSpan _window = new ServerOptions().DueSoonWindow;
    private readonly int _countLimit = new ServerOptions().InboxCountLimit;

    public sealed record Request(string Shape, UserScope User, InboxView View, string? Procedure, SlaState? Sla, InboxSort Sort, bool? Descending, int Page);

    private sealed record Result(Request Request, double Ms, int Rows, int Total, bool Capped, List<CapturedCommand> Sql);

    /// <summary>The request mix: who asks (offices in proportion to their size) and what.</summary>
    public static List<Request> Mix(int count, int seed)
    {
        var random = new Random(seed);
        var offices = new Catalogue.Weighted(Catalogue.Offices.Select(o => o.Weight));
        var procedures = new Catalogue.Weighted(Catalogue.Procedures.Select(p => p.Weight));
        var list = new List<Request>(count);
        for (var i = 0; i < count; i++)
        {
            var office = Catalogue.Offices[offices.Next(random)].Code;
            var x = random.NextDouble();
            // 40 % Available, 25 % Mine (consultants); 20 % Office with an SLA filter, 15 % Office + procedure (supervisors).
            var (view, sla, procedure) = x switch
            {
                < 0.40 => (InboxView.Available, (SlaState?)null, (string?)null),
                < 0.65 => (InboxView.Mine, null, null),
                < 0.85 => (InboxView.Office, random.NextDouble() < 0.6 ? SlaState.Overdue : SlaState.DueSoon, null),
                _ => (InboxView.Office, null, Catalogue.Procedures[procedures.Next(random)].Key),
            };
            var user = view == InboxView.Office ? Supervisor(office) : Consultant(office, 1 + random.Next(Catalogue.ConsultantsPerOffice));
            // Sorted by due date mostly (the default), some by priority (highest first) or creation (oldest or newest first).
            var s = random.NextDouble();
            var (sort, descending) = s switch
            {
                < 0.70 => (InboxSort.Due, (bool?)null),
                < 0.85 => (InboxSort.Priority, null),
                < 0.93 => (InboxSort.Created, true),
                _ => (InboxSort.Created, null),
            };
            var page = random.NextDouble() < 0.8 ? 1 : random.Next(2, 6);
            var shape = view switch
            {
                InboxView.Available => "available",
                InboxView.Mine => "mine",
                _ when sla is not null => "office+sla",
                _ => "office+procedure",
            } + "/" + sort.ToString().ToLowerInvariant() + (descending == true ? "-desc" : "");
            list.Add(new Request(shape, user, view, procedure, sla, sort, descending, page));
        }
        return list;
    }

    /// <summary>A consultant as the server sees them after sign-in: id, name, role, office and service claims.</summary>
    public static UserScope Consultant(string office, int n)
    {
        var name = Catalogue.Consultant(office, n);
        // Two in three consultants also serve one or two services (their "{office}-{service}" groups).
        var services = (n % 3) switch
        {
            0 => Array.Empty<string>(),
            1 => [Catalogue.Services[n % Catalogue.Services.Length]],
            _ => [Catalogue.Services[n % Catalogue.Services.Length], Catalogue.Services[(n + 2) % Catalogue.Services.Length]],
        };
        return Scope(name, Roles.Consultant, office, services);
    }

    public static UserScope Supervisor(string office) => Scope(Catalogue.Supervisor(office), Roles.Supervisor, office, []);

    private static UserScope Scope(string name, string role, string office, string[] services)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, "id-" + name), new(ClaimTypes.Name, name), new(ClaimTypes.Role, role), new(VupeClaims.Office, office),
        };
        claims.AddRange(services.Select(s => new Claim(VupeClaims.Service, s)));
        return UserScope.From(new ClaimsPrincipal(new ClaimsIdentity(claims, "bench")));
    }

    public async Task<double> RunAsync(int queries, int warmup, int seed, bool explainAll)
    {
        var now = await ReadNowAsync();
        await using var engine = await new ProcessEngineBuilder().UseStore(EfEngineStore.ForSqlite(path)).BuildAsync();
        await CheckRoundTripAsync(engine);

        Console.WriteLine($"# data now={now:O} (newest case); due-soon window {_window}; page size {pageSize}; totals counted up to {_countLimit}");
        var sw = Stopwatch.StartNew();
        foreach (var request in Mix(warmup, seed + 1)) await RunOneAsync(engine, null, request, now);
        Console.WriteLine(string.Create(Inv, $"# warm-up: {warmup} requests in {sw.Elapsed.TotalSeconds:F1} s"));

        // The timed pass: nothing listens to EF Core's diagnostics, as in the server.
        var requests = Mix(queries, seed);
        var results = new List<Result>(queries);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var pause = GC.GetTotalPauseDuration();
        var gcs = GC.CollectionCount(0);
        var wall = Stopwatch.StartNew();
        foreach (var request in requests) results.Add(await RunOneAsync(engine, null, request, now));
        wall.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        pause = GC.GetTotalPauseDuration() - pause;
        gcs = GC.CollectionCount(0) - gcs;

        // The same requests again with their SQL recorded: time in SQLite per statement, and the statements to EXPLAIN.
        // A second engine: EF Core decides per context whether anyone listens, and the first one's pooled contexts
        // were created with nobody listening.
        using var capture = new SqlCapture();
        await using var tracedEngine = await new ProcessEngineBuilder().UseStore(EfEngineStore.ForSqlite(path)).BuildAsync();
        foreach (var request in Mix(warmup, seed + 1)) await RunOneAsync(tracedEngine, null, request, now);
        var compilations = capture.Compilations;
        var traced = new List<Result>(queries);
        foreach (var request in requests) traced.Add(await RunOneAsync(tracedEngine, capture, request, now));

        foreach (var group in results.Select((r, i) => (r, t: traced[i])).GroupBy(x => x.r.Request.Shape).OrderByDescending(g => g.Count()))
        {
            var ms = group.Select(x => x.r.Ms).Order().ToArray();
            Console.WriteLine(string.Create(Inv,
                $"inbox.shape name={group.Key} n={ms.Length} p50_ms={Percentile(ms, 0.50):F2} p95_ms={Percentile(ms, 0.95):F2} max_ms={ms[^1]:F2} " +
                $"page_db_ms={group.Average(x => DbMs(x.t, count: false)):F2} count_db_ms={group.Average(x => DbMs(x.t, count: true)):F2} " +
                $"rows={group.Average(x => x.r.Rows):F1} total={group.Average(x => x.r.Total):F0} capped={group.Count(x => x.r.Capped)}"));
        }
        var all = results.Select(r => r.Ms).Order().ToArray();
        var p95 = Percentile(all, 0.95);
        var db = traced.Select(r => r.Sql.Sum(c => c.Duration.TotalMilliseconds)).Order().ToArray();
        var tracedMs = traced.Select(r => r.Ms).Order().ToArray();
        Console.WriteLine(string.Create(Inv,
            $"inbox.latency n={all.Length} mean_ms={all.Average():F2} p50_ms={Percentile(all, 0.50):F2} p95_ms={p95:F2} p99_ms={Percentile(all, 0.99):F2} max_ms={all[^1]:F2} " +
            $"statements_per_request={traced.Average(r => r.Sql.Count):F1} capped_totals={results.Count(r => r.Capped)}"));
        // Where the time goes. cpu: the process's CPU per timed request (all threads: JIT, GC included); well below
        // the wall time means the process waited for a core. db: EF Core's command time (execution up to the first
        // row) in the traced pass, whose own latency is given for comparison.
        Console.WriteLine(string.Create(Inv,
            $"inbox.breakdown wall_ms_per_request={wall.Elapsed.TotalMilliseconds / results.Count:F2} cpu_ms_per_request={cpu.TotalMilliseconds / results.Count:F2} " +
            $"gc_pause_ms={pause.TotalMilliseconds:F1} gen0_gcs={gcs} traced_p50_ms={Percentile(tracedMs, 0.50):F2} traced_p95_ms={Percentile(tracedMs, 0.95):F2} " +
            $"db_p50_ms={Percentile(db, 0.50):F2} db_p95_ms={Percentile(db, 0.95):F2} db_mean_ms={db.Average():F2} ef_query_compilations={capture.Compilations - compilations}"));

        // The plan of the slowest shape — by median: a shape's p95 over a few dozen requests is mostly the machine's
        // hiccups — from its slowest request's statements (as traced).
        var shapes = results.Select((r, i) => (r, t: traced[i])).GroupBy(x => x.r.Request.Shape).Where(g => g.Count() >= 5)
            .OrderByDescending(g => Percentile([.. g.Select(x => x.r.Ms).Order()], 0.50)).ToList();
        foreach (var shape in explainAll ? shapes : shapes.Take(1))
        {
            var slowest = shape.MaxBy(x => x.t.Ms);
            Console.WriteLine(string.Create(Inv,
                $"# slowest shape: {shape.Key} (p50 {Percentile([.. shape.Select(x => x.r.Ms).Order()], 0.50):F2} ms, p95 {Percentile([.. shape.Select(x => x.r.Ms).Order()], 0.95):F2} ms); its slowest traced request, {slowest.t.Ms:F2} ms, ran:"));
            foreach (var command in slowest.t.Sql) await ExplainAsync(command);
        }
        return p95;
    }

    private static double DbMs(Result r, bool count) =>
        r.Sql.Where(c => c.Sql.Contains("COUNT(", StringComparison.Ordinal) == count).Sum(c => c.Duration.TotalMilliseconds);

    private async Task<Result> RunOneAsync(ProcessEngine engine, SqlCapture? capture, Request r, DateTimeOffset now)
    {
        var sql = new List<CapturedCommand>();
        if (capture is not null) capture.Current = sql;
        var sw = Stopwatch.StartNew();
        // What TaskEndpoints.QueryAsync does for GET /api/tasks: the filter, the page and its (capped) total, the DTOs.
        var filter = InboxQuery.Build(r.User, r.View, r.Procedure, r.Sla, r.Sort, r.Descending, r.Page, pageSize, now, _window);
        var result = await InboxQuery.RunAsync(engine, filter, _countLimit);
        var page = new TaskPageDto([.. result.Items.Select(t => TaskDto.From(t, now, _window))], result.Total, result.TotalIsCapped, r.Page, pageSize);
        sw.Stop();
        if (capture is not null) capture.Current = null;
        return new Result(r, sw.Elapsed.TotalMilliseconds, page.Items.Count, page.Total, page.TotalIsCapped, sql);
    }

    private async Task<DateTimeOffset> ReadNowAsync()
    {
        await using var db = new SqliteConnection(Generator.ConnectionString(path, SqliteOpenMode.ReadOnly));
        await db.OpenAsync();
        await using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT MAX(\"OpenedAt\") FROM \"CaseFiles\"";
        return new DateTimeOffset(Convert.ToInt64(await cmd.ExecuteScalarAsync(), Inv), TimeSpan.Zero);
    }

    /// <summary>The generated rows read back through the engine as written: ids, ticks, groups (a wrong mapping fails here, not silently in the figures).</summary>
    private async Task CheckRoundTripAsync(ProcessEngine engine)
    {
        await using var db = new SqliteConnection(Generator.ConnectionString(path, SqliteOpenMode.ReadOnly));
        await db.OpenAsync();
        await using var cmd = db.CreateCommand();
        cmd.CommandText = """SELECT "Id", "OfficeCode", "DueAt", "CreatedAt", "CaseId" FROM "UserTasks" WHERE "DueAt" IS NOT NULL ORDER BY rowid DESC LIMIT 1""";
        await using var reader = await cmd.ExecuteReaderAsync();
        if (!await reader.ReadAsync()) throw new InvalidOperationException("no tasks in the database");
        var id = Guid.Parse(reader.GetString(0));
        var task = await engine.Tasks.GetAsync(id);
        var caseFile = await engine.Cases.GetAsync(task.CaseId);
        if (task.OfficeCode != reader.GetString(1) || task.DueAt?.UtcTicks != reader.GetInt64(2) || task.CreatedAt.UtcTicks != reader.GetInt64(3)
            || task.CaseId != Guid.Parse(reader.GetString(4)) || caseFile.CaseNumber != task.CaseNumber || !task.CandidateGroups.Contains($"{task.OfficeCode}-consultor"))
            throw new InvalidOperationException($"task {id} does not read back through the engine as generated");
        // Its candidate key answers the engine's group filter (the generator writes what the engine would).
        foreach (var group in task.CandidateGroups)
        {
            if ((await engine.Tasks.QueryAsync(new TaskFilter { InstanceId = task.InstanceId, CandidateGroups = [group], Take = 1000 })).All(t => t.Id != id))
                throw new InvalidOperationException($"task {id} is not found by its candidate group {group}");
        }
    }

    private async Task ExplainAsync(CapturedCommand command)
    {
        Console.WriteLine(string.Create(Inv, $"#   sql ({command.Duration.TotalMilliseconds:F2} ms): {Flatten(command.Sql)}"));
        if (command.Parameters.Count > 0)
            Console.WriteLine("#   parameters: " + string.Join(", ", command.Parameters.Select(p => $"{p.Name}={(p.Value is string s ? $"'{s}'" : Convert.ToString(p.Value, Inv))}")));
        await using var db = new SqliteConnection(Generator.ConnectionString(path, SqliteOpenMode.ReadOnly));
        await db.OpenAsync();
        await using var cmd = db.CreateCommand();
        cmd.CommandText = "EXPLAIN QUERY PLAN " + command.Sql;
        foreach (var (name, value) in command.Parameters) cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        await using var reader = await cmd.ExecuteReaderAsync();
        var depth = new Dictionary<long, int> { [0] = 0 };
        while (await reader.ReadAsync())
        {
            var id = reader.GetInt64(0);
            var level = depth.GetValueOrDefault(reader.GetInt64(1)) + 1;
            depth[id] = level;
            Console.WriteLine($"#   plan {new string(' ', 2 * level)}{reader.GetString(3)}");
        }
    }

    private static string Flatten(string sql) => string.Join(' ', sql.Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));

    public static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
