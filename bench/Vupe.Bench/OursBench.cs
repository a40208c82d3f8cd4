using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Vupe.Engine;
using Vupe.Engine.Persistence;

namespace Vupe.Bench;

/// <summary>Our engine, driven only through its public API, in memory and over SQLite.</summary>
internal static class OursBench
{
    /// <summary>The one service task type of the bench processes; its handler does nothing and returns no variables.</summary>
    public const string WorkType = "bench.work";

    public static async Task<ProcessEngine> CreateEngineAsync(Action<ProcessEngineBuilder> store, string processes, params string[] files)
    {
        var builder = new ProcessEngineBuilder().Configure(o => o.History = HistoryLevel.Full);
        store(builder);
        var engine = await builder.AddTaskHandler(WorkType, _ => null).BuildAsync();
        await engine.Repository.DeployAsync("bench", [.. files.Select(f => new DeploymentResource(f, BenchFiles.Read(processes, f)))]);
        return engine;
    }

    /// <summary>Alternates the two branches of the reference process's split (bpmn-engine's run.js does the same).</summary>
    public static int AmountFor(int i) => i % 2 == 0 ? 150 : 50;

    /// <summary>One reference instance as a client drives it: start, find the user task, complete it.</summary>
    public static async Task<Guid> RunReferenceAsync(ProcessEngine engine, int amount)
    {
        var instance = await engine.Runtime.StartProcessAsync(new StartProcessRequest
        {
            ProcessKey = "reference",
            Variables = new Dictionary<string, object?> { ["amount"] = amount },
        });
        var tasks = await engine.Tasks.QueryAsync(new TaskFilter { InstanceId = instance.Id });
        if (tasks.Count != 1)
            throw new InvalidOperationException($"Reference instance {instance.Id} has {tasks.Count} open tasks, not 1 (active: {string.Join(", ", instance.ActiveElementIds)}).");
        await engine.Tasks.CompleteAsync(tasks[0].Id);
        return instance.Id;
    }

    /// <summary>Checks, before anything is timed, that both branches run as modelled and the instance ends.</summary>
    public static async Task VerifyReferenceAsync(ProcessEngine engine)
    {
        foreach (var (amount, expected, skipped) in new[] { (150, "checkHigh", "checkLow"), (50, "checkLow", "checkHigh") })
        {
            var id = await RunReferenceAsync(engine, amount);
            var info = await engine.Runtime.GetInstanceAsync(id);
            if (info.Status != InstanceStatus.Completed)
                throw new InvalidOperationException($"Reference instance with amount {amount} is {info.Status} after its task was completed, not Completed.");
            var elements = (await engine.History.ForInstanceAsync(id)).Select(h => h.ElementId).ToHashSet(StringComparer.Ordinal);
            foreach (var element in new[] { expected, "branchA", "branchB", "review", "end" })
            {
                if (!elements.Contains(element))
                    throw new InvalidOperationException($"Reference instance with amount {amount} has no history for '{element}'.");
            }
            if (elements.Contains(skipped))
                throw new InvalidOperationException($"Reference instance with amount {amount} ran '{skipped}', the branch it should have skipped.");
        }
    }

    public static async Task VerifyCompletedAsync(ProcessEngine engine, IReadOnlyCollection<Guid> ids, string what)
    {
        foreach (var id in ids)
        {
            var info = await engine.Runtime.GetInstanceAsync(id);
            if (info.Status != InstanceStatus.Completed)
                throw new InvalidOperationException($"{what}: instance {id} is {info.Status}, not Completed (active: {string.Join(", ", info.ActiveElementIds)}).");
        }
    }

    /// <summary>In memory; each measurement gets an engine of its own, so none pays for the instances another left in the store.</summary>
    public static async Task InMemoryAsync(string processes, BenchSize size)
    {
        await ReferenceInMemoryAsync(processes, size);
        await ForgetEndedAsync(processes, size);
        await Straight100InMemoryAsync(processes, size);
    }

    /// <summary>Reference process: start + query task + complete, one instance after the other.</summary>
    private static async Task ReferenceInMemoryAsync(string processes, BenchSize size)
    {
        await using var engine = await CreateEngineAsync(b => b.UseInMemoryStore(), processes, "reference.bpmn");
        await VerifyReferenceAsync(engine);
        await Timing.LoopAsync(size.ReferenceWarmup, i => RunReferenceAsync(engine, AmountFor(i)));
        var timings = new List<Timing>();
        for (var r = 0; r < size.Repeats; r++)
        {
            var ids = new List<Guid>();
            timings.Add(await Timing.LoopAsync(size.Reference, async i => ids.Add(await RunReferenceAsync(engine, AmountFor(i)))));
            await VerifyCompletedAsync(engine, ids, "ours.inmemory.reference");
        }
        var best = Timing.Best(timings);
        Report.Line("ours.inmemory.reference",
            ("instances_per_s", best.PerSecond), ("us_per_instance", best.MsPerOp * 1000), ("cpu_us_per_instance", best.CpuMsPerOp * 1000), ("gc_pause_pct", best.GcPausePercent), ("jitted_per_instance", best.JittedPerOp),
            ("n", best.Count), ("repeats", size.Repeats), ("all_runs_per_s", AllRuns(timings)), ("history", "full"));
        await BreakdownAsync(engine, "ours.inmemory.reference.breakdown", size.Breakdown);
    }

    /// <summary>100 service tasks in sequence: one start call runs the whole instance to its end.</summary>
    private static async Task Straight100InMemoryAsync(string processes, BenchSize size)
    {
        await using var engine = await CreateEngineAsync(b => b.UseInMemoryStore(), processes, "straight-100.bpmn");
        await Timing.LoopAsync(size.Straight100Warmup, _ => RunStraightAsync(engine, "straight-100"));
        var timings = new List<Timing>();
        for (var r = 0; r < size.Repeats; r++)
            timings.Add(await Timing.LoopAsync(size.Straight100, _ => RunStraightAsync(engine, "straight-100")));
        var best = Timing.Best(timings);
        Report.Line("ours.inmemory.straight-100",
            ("ms_per_instance", best.MsPerOp), ("instances_per_s", best.PerSecond), ("us_per_step", best.MsPerOp * 1000 / 100), ("gc_pause_pct", best.GcPausePercent),
            ("n", best.Count), ("repeats", size.Repeats), ("all_runs_per_s", AllRuns(timings)));
    }

    /// <summary>
    /// For information: the same with <c>UseInMemoryStore(retainCompleted: false)</c>, which forgets
    /// ended instances (so nothing is left to verify afterwards, and the heap does not grow).
    /// </summary>
    private static async Task ForgetEndedAsync(string processes, BenchSize size)
    {
        await using var engine = await CreateEngineAsync(b => b.UseInMemoryStore(retainCompleted: false), processes, "reference.bpmn");
        await Timing.LoopAsync(size.ReferenceWarmup with { Seconds = size.ReferenceWarmup.Seconds / 2 }, i => RunReferenceAsync(engine, AmountFor(i)));
        var timings = new List<Timing>();
        for (var r = 0; r < size.Repeats; r++)
            timings.Add(await Timing.LoopAsync(size.Reference, i => RunReferenceAsync(engine, AmountFor(i))));
        var best = Timing.Best(timings);
        Report.Line("ours.inmemory.reference.forget_ended",
            ("instances_per_s", best.PerSecond), ("us_per_instance", best.MsPerOp * 1000), ("gc_pause_pct", best.GcPausePercent),
            ("n", best.Count), ("repeats", size.Repeats), ("all_runs_per_s", AllRuns(timings)));
    }

    public static string AllRuns(IEnumerable<Timing> timings) =>
        string.Join('/', timings.Select(t => t.PerSecond.ToString("F0", CultureInfo.InvariantCulture)));

    /// <summary>Where the time of one reference instance goes: the three API calls timed apart (mean, median and worst, microseconds).</summary>
    public static async Task BreakdownAsync(ProcessEngine engine, string name, Budget budget)
    {
        var start = new List<double>();
        var query = new List<double>();
        var complete = new List<double>();
        await Timing.LoopAsync(budget, async i =>
        {
            var t0 = Stopwatch.GetTimestamp();
            var instance = await engine.Runtime.StartProcessAsync(new StartProcessRequest
            {
                ProcessKey = "reference",
                Variables = new Dictionary<string, object?> { ["amount"] = AmountFor(i) },
            });
            var t1 = Stopwatch.GetTimestamp();
            var tasks = await engine.Tasks.QueryAsync(new TaskFilter { InstanceId = instance.Id });
            var t2 = Stopwatch.GetTimestamp();
            await engine.Tasks.CompleteAsync(tasks[0].Id);
            var t3 = Stopwatch.GetTimestamp();
            start.Add(Stopwatch.GetElapsedTime(t0, t1).TotalMicroseconds);
            query.Add(Stopwatch.GetElapsedTime(t1, t2).TotalMicroseconds);
            complete.Add(Stopwatch.GetElapsedTime(t2, t3).TotalMicroseconds);
        });
        Report.Line(name,
            ("start_us", start.Average()), ("start_p50_us", Median(start)), ("start_max_us", start.Max()),
            ("query_us", query.Average()), ("query_p50_us", Median(query)), ("query_max_us", query.Max()),
            ("complete_us", complete.Average()), ("complete_p50_us", Median(complete)), ("complete_max_us", complete.Max()), ("n", start.Count));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    /// <summary>Starts one instance of a straight process; it runs to its end inside the start call.</summary>
    public static async Task RunStraightAsync(ProcessEngine engine, string processKey)
    {
        var info = await engine.Runtime.StartProcessAsync(new StartProcessRequest { ProcessKey = processKey });
        if (info.Status != InstanceStatus.Completed)
            throw new InvalidOperationException($"{processKey} instance {info.Id} is {info.Status} after its start, not Completed (active: {string.Join(", ", info.ActiveElementIds)}).");
    }

    public static async Task SqliteAsync(string processes, BenchSize size)
    {
        var root = Path.Combine(Path.GetTempPath(), $"vupe-bench-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        using var events = new StoreEvents();
        try
        {
            await FsyncAsync(root);

            // The SQL path is large: the tiered JIT needs thousands of instances (several seconds on
            // 2 cores) before it stops recompiling. Warm it up once on a throw-away database, one loop
            // and then as many loops as the highest level: callers that wait for someone else's group
            // commit take code paths (async continuations) that one loop never takes.
            await using (var warm = await CreateEngineAsync(b => b.UseSqlite(Path.Combine(root, "warmup.db")), processes, "reference.bpmn"))
            {
                await VerifyReferenceAsync(warm);
                await Timing.LoopAsync(size.SqliteWarmup, i => RunReferenceAsync(warm, AmountFor(i)));
                await Timing.ParallelAsync(size.SqliteWarmup, size.SqliteConcurrency.Max(), i => RunReferenceAsync(warm, AmountFor(i)));
            }
            var results = new List<(int Concurrency, Timing Timing)>();
            foreach (var concurrency in size.SqliteConcurrency)
            {
                // A fresh database file for each concurrency level, so that each starts from the same empty state.
                var path = Path.Combine(root, $"bench-c{concurrency}.db");
                var (timing, statements, sessionsPerCommit, writer) = await MeasureSqliteAsync(processes, path, concurrency, size, events);
                results.Add((concurrency, timing));
                Report.Line("ours.sqlite.reference",
                    ("concurrency", concurrency), ("instances_per_s", timing.PerSecond), ("ms_per_instance_per_worker", timing.MsPerOp * concurrency),
                    ("cpu_ms_per_instance", timing.CpuMsPerOp), ("jitted_per_instance", timing.JittedPerOp), ("gen2_gcs", timing.Gen2), ("n", timing.Count), ("errors", timing.Errors),
                    ("engine_statements_per_instance", statements), ("sessions_per_commit", sessionsPerCommit),
                    ("writer_busy_pct", writer.BusyPercent), ("writer_commit_pct", writer.CommitPercent));
            }
            var best = results.MaxBy(r => r.Timing.PerSecond);
            Report.Line("ours.sqlite.reference.best", ("instances_per_s", best.Timing.PerSecond), ("concurrency", best.Concurrency), ("synchronous", "FULL"), ("journal", "WAL"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(root, recursive: true); }
            catch (IOException e) { await Console.Error.WriteLineAsync($"Could not delete {root}: {e.Message}"); }
        }
    }

    /// <summary>
    /// How fast this disk makes a write durable (4 KiB write + fsync, as a SQLite commit in WAL mode
    /// with synchronous=FULL does at least once): the ceiling for durable commits per second.
    /// </summary>
    private static async Task FsyncAsync(string directory)
    {
        var path = Path.Combine(directory, "fsync.probe");
        var block = new byte[4096];
        await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None))
        {
            var timing = await Timing.LoopAsync(new Budget(500, 2), async i =>
            {
                file.Position = i % 16 * block.Length;
                await file.WriteAsync(block);
                file.Flush(flushToDisk: true);
            });
            Report.Line("machine.fsync", ("ms_per_fsync", timing.MsPerOp), ("fsyncs_per_s", timing.PerSecond), ("n", timing.Count));
        }
        File.Delete(path);
    }

    private static async Task<(Timing Timing, double StatementsPerInstance, double SessionsPerCommit, (double BusyPercent, double CommitPercent) Writer)> MeasureSqliteAsync(string processes, string path, int concurrency, BenchSize size, StoreEvents events)
    {
        await using var engine = await CreateEngineAsync(b => b.UseSqlite(path), processes, "reference.bpmn");
        await VerifyReferenceAsync(engine);
        await Timing.ParallelAsync(size.SqliteLevelWarmup, concurrency, i => RunReferenceAsync(engine, AmountFor(i)));

        var ids = new ConcurrentBag<Guid>();
        var errors = new ConcurrentBag<Exception>();
        events.Reset();
        var timing = await Timing.ParallelAsync(size.Sqlite, concurrency, async i =>
        {
            try
            {
                ids.Add(await RunReferenceAsync(engine, AmountFor(i)));
            }
            catch (Exception e) when (e is ConflictException or InvalidOperationException or Microsoft.EntityFrameworkCore.DbUpdateException or SqliteException)
            {
                // Counted and reported, not fatal: a failing instance under concurrency is a finding, not a harness error.
                errors.Add(e);
            }
        });
        var (statements, sessionsPerCommit) = ((double)events.Statements / Math.Max(1, timing.Count), events.SessionsPerCommit);
        // How much of the measured time the single SQLite writer was at work, and in COMMIT (fsync).
        var writer = (100 * events.WriterMs / timing.Elapsed.TotalMilliseconds, 100 * events.CommitMs / timing.Elapsed.TotalMilliseconds);
        if (!errors.IsEmpty)
        {
            await Console.Error.WriteLineAsync($"ours.sqlite.reference concurrency={concurrency}: {errors.Count} of {timing.Count} instances failed; first error:");
            await Console.Error.WriteLineAsync(errors.First().ToString());
        }
        await VerifyCompletedAsync(engine, [.. ids], $"ours.sqlite.reference concurrency={concurrency}");
        if (concurrency == 1) await BreakdownAsync(engine, "ours.sqlite.reference.breakdown", size.SqliteBreakdown);
        return (timing with { Count = ids.Count, Errors = errors.Count }, statements, sessionsPerCommit, writer);
    }
}
