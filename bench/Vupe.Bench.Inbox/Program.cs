using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Vupe.Bench.Inbox;

/// <summary>
/// Inbox query latency (issue 4 target: p95 &lt; 20 ms with 1,000,000 cases and 5,000,000 tasks in SQLite).
/// Usage: Vupe.Bench.Inbox [--db FILE] [--regenerate] [--generate-only] [--cases N] [--tasks N] [--queries N]
/// [--warmup N] [--seed N] [--explain-all]. Last line: p95_ms=&lt;x&gt; cases=&lt;n&gt; tasks=&lt;n&gt;.
/// </summary>
internal static class InboxBench
{
    private static async Task<int> Main(string[] args)
    {
        var root = FindRoot();
        var path = Path.GetFullPath(Arg(args, "--db") ?? Path.Combine(root, "bench", "results", "inbox", "inbox.db"));
        var cases = int.Parse(Arg(args, "--cases") ?? "1000000", CultureInfo.InvariantCulture);
        var tasks = int.Parse(Arg(args, "--tasks") ?? "5000000", CultureInfo.InvariantCulture);
        var queries = int.Parse(Arg(args, "--queries") ?? "1000", CultureInfo.InvariantCulture);
        var warmup = int.Parse(Arg(args, "--warmup") ?? "1000", CultureInfo.InvariantCulture);
        var seed = int.Parse(Arg(args, "--seed") ?? "20260", CultureInfo.InvariantCulture);

        Console.WriteLine($"# Vupe.Bench.Inbox db={path} cores={Environment.ProcessorCount} runtime={Environment.Version} sqlite={SqliteVersion()}");
        await new Generator(path, cases, tasks, seed).EnsureAsync(args.Contains("--regenerate"));
        if (args.Contains("--generate-only")) return 0;

        var p95 = await new InboxLoad(path, pageSize: 25).RunAsync(queries, warmup, seed, args.Contains("--explain-all"));
        var (caseRows, taskRows) = await CountRowsAsync(path);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"p95_ms={p95:F2} cases={caseRows} tasks={taskRows}"));
        return 0;
    }

    private static async Task<(long Cases, long Tasks)> CountRowsAsync(string path)
    {
        await using var db = new SqliteConnection(Generator.ConnectionString(path, SqliteOpenMode.ReadOnly));
        await db.OpenAsync();
        async Task<long> Count(string table)
        {
            await using var cmd = db.CreateCommand();
            cmd.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            return Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }
        return (await Count("CaseFiles"), await Count("UserTasks"));
    }

    private static string SqliteVersion()
    {
        using var db = new SqliteConnection("Data Source=:memory:");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT sqlite_version()";
        return (string)cmd.ExecuteScalar()!;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VupeCases.sln"))) return dir.FullName;
        }
        return Directory.GetCurrentDirectory();
    }

    private static string? Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
