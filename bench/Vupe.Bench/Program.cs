// VupeCases benchmark harness: a stopwatch harness, no BenchmarkDotNet. Each measurement runs after
// a warm-up and prints one line "<name> key=value ...", numbers in invariant culture, which
// bench/engine.sh and docs/benchmarks.md read. Usage: Vupe.Bench [--quick] [--processes DIR] [--only inmemory,sqlite,sqltrace,workflowcore] [--concurrency 1,4,8,16] [--sql-dump]
using System.Globalization;
using Vupe.Bench;

var quick = args.Contains("--quick");
var only = ArgValue(args, "--only");
var processes = BenchFiles.Locate(ArgValue(args, "--processes"));
var size = quick ? BenchSize.Quick : BenchSize.Normal;
if (ArgValue(args, "--concurrency") is { } levels)
    size = size with { SqliteConcurrency = [.. levels.Split(',').Select(l => int.Parse(l, CultureInfo.InvariantCulture))] };

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"# Vupe.Bench mode={(quick ? "quick" : "normal")} processes={processes} cores={Environment.ProcessorCount} runtime={Environment.Version} gc={(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}"));

// Sections, in order; --only inmemory,sqlite,sqltrace,workflowcore runs some of them.
var sections = only?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
bool Selected(string section) => sections is null || sections.Contains(section, StringComparer.Ordinal);

if (Selected("inmemory")) await OursBench.InMemoryAsync(processes, size);
if (Selected("sqlite")) await OursBench.SqliteAsync(processes, size);
if (Selected("sqltrace")) await SqlTrace.ReferenceAsync(processes, quick ? 20 : 100, dump: args.Contains("--sql-dump"));
if (Selected("workflowcore")) await WorkflowCoreBench.CompareAsync(processes, size);
return 0;

static string? ArgValue(string[] args, string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
