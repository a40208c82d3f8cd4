using System.Diagnostics;
using Vupe.Bench.Crash;

namespace Vupe.Server.Tests.Nodes;

/// <summary>
/// The crash proof's short version (bench/crash.sh runs the long one): the server as a real child process on a fresh
/// SQLite folder, killed with SIGKILL ten times at seeded random moments under the mixed workload and restarted; every
/// acknowledged call must be there exactly once, every case consistent with its history, every audit chain intact,
/// complete and, after a graceful stop, anchored.
/// </summary>
[NonParallelizable]
public sealed class CrashProofTests
{
    private string _dataDirectory = "";

    [SetUp]
    public void NewDataFolder() => _dataDirectory = Path.Combine(Path.GetTempPath(), "vupe-tests", "crash-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void RemoveDataFolder()
    {
        if (Directory.Exists(_dataDirectory)) Directory.Delete(_dataDirectory, recursive: true);
    }

    [Test]
    public async Task Ten_kills_under_a_mixed_workload_lose_nothing_duplicate_nothing_and_leave_every_case_and_chain_whole()
    {
        var command = new ServerCommand(Path.Combine(AppContext.BaseDirectory, "Vupe.Server.dll"), ServerNode.ServerContentRoot(), _dataDirectory, "Testing");
        var options = new CrashOptions(Kills: 10, Seed: 17, Clients: 3, MinBurstSeconds: 0.3, MaxBurstSeconds: 1.5) { SampleOfEarlierVisits = 5 };
        using var log = new StringWriter();
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var clock = Stopwatch.StartNew();

        var report = await new CrashProof(command, options, log).RunAsync(bound.Token);

        TestContext.Out.WriteLine($"{log}{report.Line} in {clock.Elapsed.TotalSeconds:F0} s");
        var details = string.Join("\n", report.Details.Take(30));
        Assert.Multiple(() =>
        {
            Assert.That(report.Kills, Is.EqualTo(10));
            Assert.That(report.Acknowledged, Is.GreaterThan(0), "the workload got answers between the kills");
            Assert.That(report.Lost, Is.Zero, details);
            Assert.That(report.Duplicated, Is.Zero, details);
            Assert.That(report.Violations, Is.Zero, details);
        });
    }
}
