using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Vupe.Bench;

/// <summary>How many iterations each measurement runs; Quick is a smoke test, Normal the published figures.</summary>
internal sealed record BenchSize(
    int ReferenceWarmup, int ReferenceRuns,
    int Straight100Warmup, int Straight100Runs,
    int SqliteWarmup, int SqliteRuns, IReadOnlyList<int> SqliteConcurrency,
    int WorkflowCoreWarmup, int WorkflowCoreRuns,
    int Straight3Warmup, int Straight3Runs,
    int Repeats)
{
    public static readonly BenchSize Quick = new(
        ReferenceWarmup: 500, ReferenceRuns: 2_000,
        Straight100Warmup: 20, Straight100Runs: 100,
        SqliteWarmup: 20, SqliteRuns: 100, SqliteConcurrency: [1, 4, 8],
        WorkflowCoreWarmup: 20, WorkflowCoreRuns: 200,
        Straight3Warmup: 500, Straight3Runs: 2_000,
        Repeats: 1);

    public static readonly BenchSize Normal = new(
        ReferenceWarmup: 5_000, ReferenceRuns: 20_000,
        Straight100Warmup: 200, Straight100Runs: 1_000,
        SqliteWarmup: 100, SqliteRuns: 1_000, SqliteConcurrency: [1, 4, 8],
        WorkflowCoreWarmup: 100, WorkflowCoreRuns: 1_000,
        Straight3Warmup: 5_000, Straight3Runs: 20_000,
        Repeats: 3);
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

/// <summary>One timed batch: how many operations in how long.</summary>
internal readonly record struct Timing(int Count, TimeSpan Elapsed, TimeSpan Cpu)
{
    /// <summary>Process CPU time (all threads) per operation: above the wall time per operation when several cores work.</summary>
    public double CpuMsPerOp => Cpu.TotalMilliseconds / Count;

    public double PerSecond => Count / Elapsed.TotalSeconds;
    public double MsPerOp => Elapsed.TotalMilliseconds / Count;

    public static async Task<Timing> MeasureAsync(int count, Func<Task> run)
    {
        ForceGc();
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        await run();
        sw.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
        return new Timing(count, sw.Elapsed, cpu);
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
