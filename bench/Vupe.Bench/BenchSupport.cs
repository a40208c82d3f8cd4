using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Vupe.Bench;

/// <summary>
/// How long each measurement runs: at most <c>Max</c> iterations or <c>Seconds</c> of wall time,
/// whichever comes first, so a slow engine does not make the run endless and a fast one is measured
/// over many iterations. Warm-ups are bounded mostly by time: on 2 cores the tiered JIT needs seconds,
/// not a number of calls, to finish recompiling the hot paths. Quick is a smoke test; Normal gives
/// the published figures.
/// </summary>
internal sealed record BenchSize(
    Budget ReferenceWarmup, Budget Reference, Budget Breakdown,
    Budget Straight100Warmup, Budget Straight100,
    Budget SqliteWarmup, Budget SqliteLevelWarmup, Budget Sqlite, Budget SqliteBreakdown, IReadOnlyList<int> SqliteConcurrency,
    int WorkflowCoreWarmup, int WorkflowCoreRuns,
    Budget Straight3Warmup, Budget Straight3,
    int Repeats)
{
    public static readonly BenchSize Quick = new(
        ReferenceWarmup: new(500, 1), Reference: new(2_000, 1.5), Breakdown: new(500, 1),
        Straight100Warmup: new(20, 1), Straight100: new(200, 1),
        SqliteWarmup: new(200, 2), SqliteLevelWarmup: new(20, 0.5), Sqlite: new(200, 2), SqliteBreakdown: new(50, 1), SqliteConcurrency: [1, 4, 8, 16, 32, 64],
        WorkflowCoreWarmup: 20, WorkflowCoreRuns: 200,
        Straight3Warmup: new(500, 1), Straight3: new(2_000, 1),
        Repeats: 1);

    public static readonly BenchSize Normal = new(
        ReferenceWarmup: new(50_000, 4), Reference: new(20_000, 5), Breakdown: new(2_000, 3),
        Straight100Warmup: new(10_000, 3), Straight100: new(2_000, 4),
        SqliteWarmup: new(5_000, 6), SqliteLevelWarmup: new(400, 1), Sqlite: new(10_000, 8), SqliteBreakdown: new(300, 3), SqliteConcurrency: [1, 4, 8, 16, 32, 64],
        WorkflowCoreWarmup: 200, WorkflowCoreRuns: 1_000,
        Straight3Warmup: new(100_000, 3), Straight3: new(20_000, 4),
        Repeats: 3);
}

/// <summary>At most <paramref name="Max"/> iterations, and no new one after <paramref name="Seconds"/>.</summary>
internal readonly record struct Budget(int Max, double Seconds)
{
    public TimeSpan Time => TimeSpan.FromSeconds(Seconds);
}

internal static class BenchFiles
{
    /// <summary>bench/processes: given, or found upwards from the working directory or from the program.</summary>
    public static string Locate(string? given)
    {
        if (given is not null)
        {
            var full = Path.GetFullPath(given);
            return File.Exists(Path.Combine(full, "reference.bpmn")) ? full : throw new DirectoryNotFoundException($"{full} has no reference.bpmn.");
        }
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "bench", "processes");
                if (File.Exists(Path.Combine(candidate, "reference.bpmn"))) return candidate;
            }
        }
        throw new DirectoryNotFoundException("bench/processes/reference.bpmn was not found above the working directory or the program; pass --processes DIR.");
    }

    public static string Read(string processes, string file) => File.ReadAllText(Path.Combine(processes, file), Encoding.UTF8);
}

internal static class Report
{
    /// <summary>Prints one measurement line: the name, then key=value pairs.</summary>
    public static void Line(string name, params (string Key, object Value)[] values)
    {
        var sb = new StringBuilder(name);
        foreach (var (key, value) in values)
        {
            sb.Append(' ').Append(key).Append('=');
            sb.Append(value switch
            {
                double d => d.ToString(d >= 100 ? "F0" : d >= 1 ? "F2" : "F4", CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            });
        }
        Console.WriteLine(sb.ToString());
    }
}

/// <summary>One timed batch: how many operations in how long, and the process CPU time they took.</summary>
internal readonly record struct Timing(int Count, TimeSpan Elapsed, TimeSpan Cpu, int Errors = 0, long Jitted = 0, int Gen2 = 0, TimeSpan GcPause = default)
{
    /// <summary>Share of the wall time the runtime had the program paused for garbage collection.</summary>
    public double GcPausePercent => 100 * GcPause.TotalMilliseconds / Elapsed.TotalMilliseconds;

    /// <summary>Methods compiled by the JIT per operation (tier-ups and dynamic methods): should fall to about zero once warm.</summary>
    public double JittedPerOp => (double)Jitted / Count;

    public double PerSecond => Count / Elapsed.TotalSeconds;
    public double MsPerOp => Elapsed.TotalMilliseconds / Count;

    /// <summary>Process CPU time (all threads) per operation: above the wall time per operation when several cores work.</summary>
    public double CpuMsPerOp => Cpu.TotalMilliseconds / Count;

    /// <summary>Runs <paramref name="body"/>(0), (1), … one after the other within the budget, and times it all.</summary>
    public static async Task<Timing> LoopAsync(Budget budget, Func<int, Task> body)
    {
        var count = 0;
        var timing = await TimeAsync(async () =>
        {
            var sw = Stopwatch.StartNew();
            while (count < budget.Max && sw.Elapsed < budget.Time) await body(count++);
        });
        return timing with { Count = count };
    }

    /// <summary>Runs the budget on <paramref name="workers"/> concurrent loops, each taking the next iteration number until the budget is spent.</summary>
    public static async Task<Timing> ParallelAsync(Budget budget, int workers, Func<int, Task> body)
    {
        var next = -1;
        var done = 0;
        var timing = await TimeAsync(() =>
        {
            var sw = Stopwatch.StartNew();
            return Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
            {
                while (sw.Elapsed < budget.Time)
                {
                    var i = Interlocked.Increment(ref next);
                    if (i >= budget.Max) break;
                    await body(i);
                    Interlocked.Increment(ref done);
                }
            })));
        });
        return timing with { Count = done };
    }

    /// <summary>Times <paramref name="run"/>, which does <paramref name="count"/> operations.</summary>
    public static async Task<Timing> MeasureAsync(int count, Func<Task> run) => await TimeAsync(run) with { Count = count };

    private static async Task<Timing> TimeAsync(Func<Task> run)
    {
        ForceGc();
        using var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var jit0 = System.Runtime.JitInfo.GetCompiledMethodCount();
        var gen2 = GC.CollectionCount(2);
        var pause = GC.GetTotalPauseDuration();
        var sw = Stopwatch.StartNew();
        await run();
        sw.Stop();
        process.Refresh();
        return new Timing(0, sw.Elapsed, process.TotalProcessorTime - cpu0, Jitted: System.Runtime.JitInfo.GetCompiledMethodCount() - jit0,
            Gen2: GC.CollectionCount(2) - gen2, GcPause: GC.GetTotalPauseDuration() - pause);
    }

    /// <summary>The best of the repeats: the run least disturbed by the other work on the machine.</summary>
    public static Timing Best(IEnumerable<Timing> timings) => timings.MaxBy(t => t.PerSecond);

    public static void ForceGc()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
