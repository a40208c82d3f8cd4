using System.Globalization;

namespace Vupe.Bench.Crash;

// The crash proof (issue 17): run it through bench/crash.sh, which builds the server (Release) and passes its paths.
//   Vupe.Bench.Crash --server <Vupe.Server.dll> --content-root <server/Vupe.Server> --data <empty folder> [--kills 100] [--seed 2026] [--clients 4]
// Last line: kills=<n> acknowledged=<n> lost=<n> duplicated=<n> violations=<n>; exit code 1 unless lost, duplicated and violations are 0.
internal static class CrashCommand
{
    public static async Task<int> Main(string[] args)
    {
        string Get(string name, string fallback)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        var command = new ServerCommand(Path.GetFullPath(Get("server", "")), Path.GetFullPath(Get("content-root", "")), Path.GetFullPath(Get("data", "")));
        if (!File.Exists(command.ServerDll) || !Directory.Exists(command.ContentRoot))
        {
            Console.Error.WriteLine("--server must name the built Vupe.Server.dll and --content-root server/Vupe.Server (bench/crash.sh passes both).");
            return 2;
        }
        var options = new CrashOptions(int.Parse(Get("kills", "100"), CultureInfo.InvariantCulture), int.Parse(Get("seed", "2026"), CultureInfo.InvariantCulture),
            int.Parse(Get("clients", "4"), CultureInfo.InvariantCulture));
        Console.WriteLine($"# {options.Kills} kills, seed {options.Seed}, {options.Clients} consultants, bursts of {options.MinBurstSeconds}–{options.MaxBurstSeconds} s; data folder {command.DataDirectory}");
        var report = await new CrashProof(command, options, Console.Out).RunAsync(CancellationToken.None);
        var restarts = report.RestartSeconds.Order().ToList();
        if (restarts.Count > 0)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"# restart to ready: median {restarts[restarts.Count / 2]:F1} s, max {restarts[^1]:F1} s (issue 15 target < 5 s)"));
        Console.WriteLine($"# unanswered creates sent again with their key: {report.ReplayedOnRetry} answered from what the killed attempt committed, {report.DoneOnRetry} done then, {report.InDoubt} still «en curso» (each a violation)");
        foreach (var detail in report.Details.Take(40)) Console.WriteLine("# " + detail);
        Console.WriteLine(report.Line);
        return report.Lost + report.Duplicated + report.Violations == 0 ? 0 : 1;
    }
}
