using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Vupe.Bench.Figures;
using Vupe.Bench.Inbox;
using Vupe.Engine;
using Vupe.Engine.Persistence;
using Vupe.JobBank.Classification;
using Vupe.Server.Auth;
using Vupe.Server.Cases;
using Vupe.Server.Data;
using Vupe.Server.Figures;
using Vupe.Server.Procedures;

// The ministry's figures over a generated database: each dashboard view (national and one office, a month and a year)
// timed as OfficeDashboard.ForAsync runs it for GET /api/figures and the Tablero page. Usage:
//   Vupe.Bench.Figures [--db FILE] [--cases N] [--runs N] [--warmup N] [--seed N] [--office LIM] [--regenerate] [--generate-only]
var options = args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(x => x.a[2..], x => x.i + 1 < args.Length && !args[x.i + 1].StartsWith("--", StringComparison.Ordinal) ? args[x.i + 1] : "true");
string Option(string name, string fallback) => options.GetValueOrDefault(name, fallback);
var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
var path = Path.GetFullPath(Option("db", Path.Combine(root, "bench/results/figures/figures.db")));
var cases = int.Parse(Option("cases", "1000000"), CultureInfo.InvariantCulture);
var runs = int.Parse(Option("runs", "30"), CultureInfo.InvariantCulture);
var warmup = int.Parse(Option("warmup", "3"), CultureInfo.InvariantCulture);
var office = Option("office", "LIM");
Directory.CreateDirectory(Path.GetDirectoryName(path)!);

await new Generator(path, cases, int.Parse(Option("seed", "13"), CultureInfo.InvariantCulture)).EnsureAsync(options.ContainsKey("regenerate"));
if (options.ContainsKey("generate-only")) return;

// The server's code path: the engine on the file (as the server opens it) and the server's context on the same file.
await using var engine = await new ProcessEngineBuilder().UseStore(EfEngineStore.ForSqlite(path)).BuildAsync();
var contexts = new PooledDbContextFactory<VupeDbContext>(new DbContextOptionsBuilder<VupeDbContext>()
    .UseSqlite(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString()).Options);
var dashboard = new OfficeDashboard(engine, new ProcedureCatalog(engine), OccupationCatalog.Load(), contexts, TimeProvider.System);

static UserScope Supervisor(string? office) => UserScope.From(new ClaimsPrincipal(new ClaimsIdentity(
    new[] { new Claim(ClaimTypes.NameIdentifier, "bench"), new Claim(ClaimTypes.Name, "bench"), new Claim(ClaimTypes.Role, Roles.Supervisor) }
        .Concat(office is null ? [] : [new Claim(VupeClaims.Office, office)]), "bench")));

var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(-5));
var views = new (string Name, UserScope User, FiguresPeriod Period)[]
{
    ("national month", Supervisor(null), new FiguresPeriod(today.AddDays(-29), today)),
    ("national year", Supervisor(null), new FiguresPeriod(today.AddYears(-1).AddDays(1), today)),
    ($"office {office} month", Supervisor(office), new FiguresPeriod(today.AddDays(-29), today)),
    ($"office {office} year", Supervisor(office), new FiguresPeriod(today.AddYears(-1).AddDays(1), today)),
};
Console.WriteLine($"# {runs} timed runs per view after {warmup} warm-up runs, views interleaved; one view = OfficeDashboard.ForAsync (every figure of the page and the exports)");
var timings = views.ToDictionary(v => v.Name, _ => new List<double>());
DashboardFigures? last = null;
for (var run = -warmup; run < runs; run++)
    foreach (var (name, user, period) in views)
    {
        var sw = Stopwatch.StartNew();
        var figures = await dashboard.ForAsync(user, period, CancellationToken.None);
        sw.Stop();
        if (run >= 0) timings[name].Add(sw.Elapsed.TotalMilliseconds);
        if (run == runs - 1)
        {
            last = figures;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"#   {name}: opened {figures.Cases.Opened:N0}, closed {figures.Cases.Closed:N0} (median {figures.TimeToServe.Median?.TotalDays:F1} d, p90 {figures.TimeToServe.Percentile90?.TotalDays:F1} d), open tasks {figures.Cases.OpenTasks:N0} ({figures.Cases.OverdueTasks:N0} overdue), CUL {figures.Cases.CulIssued:N0}, referrals {figures.Referrals.Sum(r => r.Opened):N0}, outcomes {figures.ReferralOutcomes.Sum(o => o.Count):N0}, placements {figures.JobBank.Placements:N0} / {figures.JobBank.SeekersServed:N0} served, vacancy rows {figures.JobBank.Vacancies.Count:N0}"));
        }
    }

// With --breakdown: each part of a view timed alone, one after another (median of 5), to see where a view's time goes.
if (options.ContainsKey("breakdown"))
{
    foreach (var (name, user, period) in views)
    {
        var opened = new CaseFilter { OfficeCodes = user.Offices, OpenedFrom = period.Start, OpenedBefore = period.End };
        var closed = new CaseFilter { OfficeCodes = user.Offices, ClosedFrom = period.Start, ClosedBefore = period.End };
        var parts = new (string Part, Func<Task> Run)[]
        {
            ("opened per office and procedure", () => engine.Cases.CountByAsync(CaseGrouping.Office | CaseGrouping.ProcessKey, opened)),
            ("closed per office and procedure", () => engine.Cases.CountByAsync(CaseGrouping.Office | CaseGrouping.ProcessKey, closed)),
            ("referrals per title", () => engine.Cases.CountByAsync(CaseGrouping.Title, opened with { TitlePrefix = "Derivación a " })),
            ("time to serve (median, p90)", () => engine.Cases.DurationsAsync(closed, [0.5, 0.9])),
            ("open and overdue tasks", () => engine.Tasks.CountByOfficeAsync(new TaskFilter { OfficeCodes = user.Offices }, DateTimeOffset.UtcNow)),
            ("server tables (CUL, outcomes, job bank)", () => Vupe.Bench.Figures.Parts.ServerAsync(contexts, user.OfficeCode, period)),
        };
        foreach (var (part, run) in parts)
        {
            var times = new List<double>();
            for (var i = 0; i < 5; i++) { var sw = Stopwatch.StartNew(); await run(); times.Add(sw.Elapsed.TotalMilliseconds); }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"#   {name} / {part}: {times.Order().ElementAt(2):F0} ms"));
        }
    }
}

// A traced pass (after the timed ones, nothing listens while timing): each view's statements, their time in the
// database, and the plan of those over 20 ms, so the figures in docs/benchmarks.md can say where the time goes.
using (var capture = new SqlCapture())
{
    foreach (var (name, user, period) in views)
    {
        capture.Current = [];
        await dashboard.ForAsync(user, period, CancellationToken.None);
        var statements = capture.Current;
        capture.Current = null;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# {name}: {statements.Count} statements, {statements.Sum(s => s.Duration.TotalMilliseconds):F0} ms in the database"));
        foreach (var s in statements.OrderByDescending(s => s.Duration).Take(options.ContainsKey("explain-all") ? 100 : 4))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"#   {s.Duration.TotalMilliseconds,7:F1} ms  {string.Join(' ', s.Sql.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))}"));
            if (s.Duration.TotalMilliseconds < 20) continue;
            await using var plan = new Microsoft.Data.Sqlite.SqliteConnection(Generator.ConnectionString(path));
            await plan.OpenAsync();
            await using var cmd = plan.CreateCommand();
            cmd.CommandText = "EXPLAIN QUERY PLAN " + s.Sql;
            foreach (var (pname, value) in s.Parameters) cmd.Parameters.AddWithValue(pname, value ?? DBNull.Value);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) Console.WriteLine($"#              plan {reader.GetString(3)}");
        }
    }
}

double P(List<double> xs, double p) { var s = xs.Order().ToList(); return s[Math.Max(0, (int)Math.Ceiling(p * s.Count) - 1)]; }
foreach (var (name, list) in timings)
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"figures.view name=\"{name}\" p50_ms={P(list, 0.5):F1} p95_ms={P(list, 0.95):F1} max_ms={list.Max():F1}"));
var national = timings.Where(t => t.Key.StartsWith("national", StringComparison.Ordinal)).Max(t => P(t.Value, 0.95));
var officeMs = timings.Where(t => t.Key.StartsWith("office", StringComparison.Ordinal)).Max(t => P(t.Value, 0.95));
await using (var db = await contexts.CreateDbContextAsync())
{
    var total = await db.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS \"Value\" FROM \"CaseFiles\"").SingleAsync();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cases={total} national_ms={national:F0} office_ms={officeMs:F0}"));
}
