using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Vupe.Bench.Crash;

namespace Vupe.Server.Tests.Nodes;

/// <summary>
/// The crash proof's short version (bench/crash.sh runs the long one): the server as a real child process on a fresh
/// SQLite folder, killed with SIGKILL ten times at seeded random moments under the mixed workload and restarted; every
/// acknowledged call must be there exactly once, every unanswered create sent again with its key after the restart
/// must complete (none left «en curso»), every case consistent with its history, every audit chain intact,
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
            Assert.That(report.InDoubt, Is.Zero, "every key the killed server left unanswered completes when sent again after the restart");
        });
    }

    /// <summary>The control: the same checks count an acknowledged ficha that is not there and a completion whose audit entry was removed.</summary>
    [Test]
    public async Task The_checks_count_an_acknowledged_record_that_is_missing_and_a_committed_act_without_its_audit_entry()
    {
        var command = new ServerCommand(Path.Combine(AppContext.BaseDirectory, "Vupe.Server.dll"), ServerNode.ServerContentRoot(), _dataDirectory, "Testing");
        var ledger = new Ledger(seed: 5);
        await using (var server = await StartAsync(command))
        {
            var consultant = await Api.SignInAsync(new HttpClient { BaseAddress = server.Address }, "consultor.lim", CancellationToken.None);
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(6));
            try { await new Workload(ledger).RunAsync(consultant, "consultor.lim", round: 1, seed: 5, stop.Token); }
            catch (OperationCanceledException) { }
            await server.StopAsync();
        }
        var completed = ledger.Visits.First(v => v.Triage.Acknowledged && v.Completions.Values.Any(acknowledged => acknowledged));
        var ghost = ledger.NewVisit("consultor.lim", round: 1);
        (ghost.Party.Acknowledged, ghost.Party.Id) = (true, Guid.NewGuid());
        await using (var db = new SqliteConnection($"Data Source={Path.Combine(_dataDirectory, "vupe.db")};Pooling=false"))
        {
            await db.OpenAsync();
            await using var delete = db.CreateCommand();
            delete.CommandText = """DELETE FROM "AuditEntries" WHERE "Id" = (SELECT MIN("Id") FROM "AuditEntries" WHERE "Trail" = $trail AND "Action" = 'task.completed')""";
            delete.Parameters.AddWithValue("$trail", $"case:{completed.Triage.Id}");
            Assert.That(await delete.ExecuteNonQueryAsync(), Is.EqualTo(1));
        }

        await using (var server = await StartAsync(command))
        {
            var http = new HttpClient { BaseAddress = server.Address };
            var consultant = await Api.SignInAsync(http, "consultor.lim", CancellationToken.None);
            var findings = new Findings();
            await new Invariants(_ => consultant, await Api.SignInAsync(http, "supervisor.lim", CancellationToken.None), findings)
                .CheckAsync(ledger.Visits, anchoredBefore: null, CancellationToken.None);

            var details = string.Join("\n", findings.Details);
            Assert.Multiple(() =>
            {
                Assert.That(findings.Lost, Is.EqualTo(1), details);
                Assert.That(findings.Duplicated, Is.Zero, details);
                Assert.That(findings.Details, Has.Some.Contains($"ficha {ghost.Dni}").And.Contains("lost"), details);
                Assert.That(findings.Details, Has.Some.Contains("task.completed").And.Contains("1 times in its history, 0 in its audit trail"), details);
                Assert.That(findings.Details, Has.Some.Contains("audit chain «roto»"), details);
            });
            await server.StopAsync();
        }
    }

    private static async Task<ServerProcess> StartAsync(ServerCommand command)
    {
        var server = ServerProcess.Start(command, ServerProcess.FreePort());
        if (!await server.WaitReadyAsync(TimeSpan.FromSeconds(90), CancellationToken.None)) Assert.Fail("The server did not start:\n" + server.Output);
        return server;
    }
}
