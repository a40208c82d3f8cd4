using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Vupe.Bench.Crash;

internal sealed record CrashOptions(int Kills, int Seed, int Clients = 4, double MinBurstSeconds = 0.3, double MaxBurstSeconds = 2.0)
{
    /// <summary>After each restart the visits of the last burst are checked, plus this many earlier ones picked at random; at the end, all.</summary>
    public int SampleOfEarlierVisits { get; init; } = 10;

    /// <summary>How long a start may take before the run gives up.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(90);
}

/// <summary>What a run found; <see cref="Line"/> is the last line of bench/crash.sh.</summary>
internal sealed record CrashReport(int Kills, int Acknowledged, int Lost, int Duplicated, int Violations, int InDoubt, int InDoubtDone, int ReplayedOnRetry, int DoneOnRetry,
    IReadOnlyList<double> RestartSeconds, IReadOnlyList<string> Details)
{
    public string Line => string.Create(CultureInfo.InvariantCulture, $"kills={Kills} acknowledged={Acknowledged} lost={Lost} duplicated={Duplicated} violations={Violations}");
}

/// <summary>
/// The crash proof: the server as a child process on one data folder; rounds of the mixed <see cref="Workload"/>
/// (<see cref="CrashOptions.Clients"/> consultants at once) each ended by SIGKILL at a seeded random moment; after each
/// restart the unanswered creates are sent again with their keys (each must complete: none stays «en curso») and the <see cref="Invariants"/> are checked; at the
/// end the server is stopped gracefully (its shutdown checkpoint), started once more, and every visit is checked with
/// every chain required anchored up to that restart.
/// </summary>
internal sealed class CrashProof(ServerCommand command, CrashOptions options, TextWriter log)
{
    private static readonly string[] Consultants = ["consultor.lim", "consultor2.lim"];

    public async Task<CrashReport> RunAsync(CancellationToken ct)
    {
        var random = new Random(options.Seed);
        var ledger = new Ledger(options.Seed);
        var findings = new Findings();
        var restarts = new List<double>();
        var port = ServerProcess.FreePort();
        var (inDoubt, replayed, redone) = (0, 0, 0);

        var server = await StartAsync(port, ct);
        var users = await SignInAsync(server, ct);
        try
        {
            for (var round = 1; round <= options.Kills; round++)
            {
                var burst = TimeSpan.FromSeconds(options.MinBurstSeconds + random.NextDouble() * (options.MaxBurstSeconds - options.MinBurstSeconds));
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var workload = new Workload(ledger);
                var clients = Enumerable.Range(0, options.Clients).Select(i =>
                {
                    var account = Consultants[i % Consultants.Length];
                    return Task.Run(() => workload.RunAsync(users.Consultant(account), account, round, random.Next(), stop.Token), ct);
                }).ToList();
                await Task.Delay(burst, ct);
                await server.KillAsync();
                await Task.WhenAll(clients);
                await server.DisposeAsync();
                users.Dispose();

                var clock = Stopwatch.StartNew();
                server = await StartAsync(port, ct);
                restarts.Add(clock.Elapsed.TotalSeconds);
                users = await SignInAsync(server, ct);

                var (d, r, n) = await ResolveAsync(ledger, users, findings, ct);
                (inDoubt, replayed, redone) = (inDoubt + d, replayed + r, redone + n);
                var earlier = ledger.Visits.Where(v => v.Round < round).OrderBy(_ => random.Next()).Take(options.SampleOfEarlierVisits);
                await new Invariants(users.Consultant, users.Auditor, findings).CheckAsync(ledger.Visits.Where(v => v.Round == round).Concat(earlier), anchoredBefore: null, ct);
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"# kill {round}/{options.Kills} after {burst.TotalSeconds:F2} s: restart {restarts[^1]:F1} s; acknowledged={ledger.Acknowledged} lost={findings.Lost} duplicated={findings.Duplicated} violations={findings.Violations} in_doubt={inDoubt}"));
            }

            // A graceful stop writes the shutdown checkpoint: after it every chain must be anchored up to the restart (the
            // checks' own reads append entries after it).
            await server.StopAsync();
            await server.DisposeAsync();
            users.Dispose();
            var anchoredBefore = DateTimeOffset.UtcNow;
            server = await StartAsync(port, ct);
            users = await SignInAsync(server, ct);
            await new Invariants(users.Consultant, users.Auditor, findings).CheckAsync(ledger.Visits, anchoredBefore, ct);
        }
        finally
        {
            users.Dispose();
            await server.StopAsync();
            await server.DisposeAsync();
        }

        foreach (var (what, count) in ledger.Unexpected.OrderBy(u => u.Key)) log.WriteLine($"# refused during the workload: {what} ×{count}");
        foreach (var error in ledger.ServerErrors.Take(5)) log.WriteLine($"# 500: {error}");
        return new CrashReport(options.Kills, ledger.Acknowledged, findings.Lost, findings.Duplicated, findings.Violations, inDoubt, findings.InDoubtDone, replayed, redone,
            restarts, [.. findings.Details]);
    }

    private async Task<ServerProcess> StartAsync(int port, CancellationToken ct)
    {
        var server = ServerProcess.Start(command, port);
        if (await server.WaitReadyAsync(options.StartTimeout, ct)) return server;
        var output = server.Output;
        await server.DisposeAsync();
        throw new InvalidOperationException($"The server did not start on its data folder:\n{output[Math.Max(0, output.Length - 6000)..]}");
    }

    /// <summary>
    /// Sends every unanswered create again with its key: its first answer (replayed, or built again from what the killed
    /// attempt committed) or done now (the killed attempt committed nothing). «En curso» is a violation: the killed
    /// process's keys are known abandoned once the server is back.
    /// </summary>
    private static async Task<(int InDoubt, int Replayed, int Redone)> ResolveAsync(Ledger ledger, Users users, Findings findings, CancellationToken ct)
    {
        var (inDoubt, replayed, redone) = (0, 0, 0);
        foreach (var visit in ledger.Visits)
        {
            foreach (var tracked in new[] { visit.Party, visit.Triage, visit.Cul, visit.Upload })
            {
                if (tracked.Pending is not { } call) continue;
                var answer = await Workload.SendAsync(users.Consultant(visit.Account), call, ct);
                if (answer.Acknowledged)
                {
                    tracked.Id = answer.Body.GetProperty("id").GetGuid();
                    tracked.Acknowledged = true;
                    if (tracked == visit.Cul) visit.CulStatus = answer.Body.GetProperty("status").GetString();
                    ledger.Acknowledge();
                    if (answer.Headers?.Contains("Idempotent-Replayed") == true) replayed++;
                    else redone++;
                }
                else if (answer.Status == HttpStatusCode.Conflict && answer.Body.ValueKind == System.Text.Json.JsonValueKind.Object
                    && answer.Body.TryGetProperty("title", out var title) && title.GetString() == "Solicitud en curso")
                {
                    // Nothing is at work after a restart: the key's owner died, so its retry must be done now or answered
                    // from what the first attempt committed, never left «en curso».
                    tracked.InDoubt = true;
                    inDoubt++;
                    findings.AddViolation($"ficha {visit.Dni}: {call.Path} sent again with its key after the restart is still «en curso»");
                }
                else
                {
                    findings.AddViolation($"ficha {visit.Dni}: {call.Path} sent again with its key answered {(int?)answer.Status}");
                }
                tracked.Pending = null;
            }
        }
        return (inDoubt, replayed, redone);
    }

    /// <summary>The consultants and the auditing supervisor, signed in after each start (the clients of a server that died are dropped).</summary>
    private static async Task<Users> SignInAsync(ServerProcess server, CancellationToken ct)
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(60) };
        var consultants = new Dictionary<string, Api>();
        foreach (var account in Consultants) consultants[account] = await Api.SignInAsync(http, account, ct);
        return new Users(http, consultants, await Api.SignInAsync(http, "supervisor.lim", ct));
    }

    private sealed record Users(HttpClient Http, Dictionary<string, Api> Consultants, Api Auditor) : IDisposable
    {
        public Api Consultant(string account) => Consultants[account];

        public void Dispose() => Http.Dispose();
    }
}
