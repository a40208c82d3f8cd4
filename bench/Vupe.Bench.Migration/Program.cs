using System.Diagnostics;
using System.Globalization;
using Vupe.Engine;
using Vupe.Engine.Persistence;

// Issue 14's migration target: 10,000 running instances of bench/processes/migration-v1.bpmn (a claimed user task in a
// sub-process with a boundary timer, a message catch and a timer catch waiting to join) on a SQLite file, then version 2
// (the task renamed: mapped) is deployed; the dry run over all of them, then every instance migrated in its own command,
// 16 at a time (as the server's background run could), each durable on return.
// Last line: instances=<n> plan_s=<x> migrate_s=<y> migrated=<n> refused=<n>
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
const int Parallel = 16;
var folder = Path.Combine(Path.GetTempPath(), "vupe-bench-migration", Guid.NewGuid().ToString("N"));
var processes = Path.Combine(AppContext.BaseDirectory, "processes");
await using var engine = await new ProcessEngineBuilder().UseSqlite(Path.Combine(folder, "engine.db")).BuildAsync();
await engine.Repository.DeployAsync("v1", [new DeploymentResource("migration-v1.bpmn", File.ReadAllText(Path.Combine(processes, "migration-v1.bpmn")))]);

Console.WriteLine($"# starting {count} instances (each with a claimed task), {Parallel} at a time");
var started = Stopwatch.StartNew();
var ids = new Guid[count];
await System.Threading.Tasks.Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = Parallel }, async (i, ct) =>
{
    var instance = await engine.Runtime.StartProcessAsync(new StartProcessRequest
    {
        ProcessKey = "tramite", Variables = new Dictionary<string, object?> { ["caseRef"] = $"T-{i}" },
    }, ct);
    ids[i] = instance.Id;
    var task = (await engine.Tasks.QueryAsync(new TaskFilter { InstanceId = instance.Id }, ct)).Single();
    await engine.Tasks.ClaimAsync(task.Id, "ana", ct);
});
Console.WriteLine($"# started in {started.Elapsed.TotalSeconds:F1} s");
await engine.Repository.DeployAsync("v2", [new DeploymentResource("migration-v2.bpmn", File.ReadAllText(Path.Combine(processes, "migration-v2.bpmn")))]);
var mappings = new Dictionary<string, string> { ["revisar"] = "revisarDocs" };

var plan = Stopwatch.StartNew();
var checks = await engine.Runtime.PlanMigrationAsync("tramite:1", "tramite:2", mappings, take: count);
plan.Stop();
Console.WriteLine($"# dry run: {checks.Count} instances, {checks.Count(c => c.CanMigrate)} can move, in {plan.Elapsed.TotalSeconds:F2} s");

var migrated = 0;
var refused = 0;
var run = Stopwatch.StartNew();
await System.Threading.Tasks.Parallel.ForEachAsync(checks, new ParallelOptions { MaxDegreeOfParallelism = Parallel }, async (check, ct) =>
{
    try
    {
        await engine.Runtime.MigrateAsync(check.InstanceId, "tramite:2", mappings, "bench", ct);
        Interlocked.Increment(ref migrated);
    }
    catch (InvalidStateException)
    {
        Interlocked.Increment(ref refused);
    }
});
run.Stop();
var onV2 = (await engine.Repository.CountInstancesAsync()).GetValueOrDefault("tramite:2")?.Running ?? 0;
Console.WriteLine($"# migrated {migrated} in {run.Elapsed.TotalSeconds:F1} s ({migrated / run.Elapsed.TotalSeconds:F0}/s); running on version 2: {onV2}");
await engine.DisposeAsync();
try { Directory.Delete(folder, recursive: true); } catch (IOException) { /* the temp folder is cleaned eventually */ }
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"instances={count} plan_s={plan.Elapsed.TotalSeconds:F2} migrate_s={run.Elapsed.TotalSeconds:F1} migrated={migrated} refused={refused}"));
