using Vupe.Bench.Crash;

namespace Vupe.Server.Tests.Nodes;

/// <summary>
/// One real server process (the built Vupe.Server.dll next to the tests), as a node of a deployment: its own port, the
/// settings given, its output kept for the failure message. The crash proof's <see cref="ServerProcess"/> with the
/// tests' habits: a node that stops or does not answer fails the test; disposal stops it gracefully (SIGTERM).
/// </summary>
internal sealed class ServerNode : IAsyncDisposable
{
    private readonly ServerProcess _process;

    private ServerNode(ServerProcess process) => _process = process;

    public Uri Address => _process.Address;

    public string Output => _process.Output;

    public static ServerNode Start(string name, IReadOnlyDictionary<string, string> settings) =>
        new(ServerProcess.Start(Path.Combine(AppContext.BaseDirectory, "Vupe.Server.dll"), ServerContentRoot(), "Testing", name, settings, ServerProcess.FreePort()));

    /// <summary>Waits until the node answers (an unauthenticated call gets its 401).</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        if (await _process.WaitReadyAsync(timeout, CancellationToken.None)) return;
        Assert.Fail(_process.ExitCode is { } exit
            ? $"The node stopped (exit {exit}):\n{Output}"
            : $"The node did not answer within {timeout.TotalSeconds} s:\n{Output}");
    }

    /// <summary>SIGTERM: the host stops gracefully (Hangfire's server deregisters, the engine closes its store); SIGKILL if it does not.</summary>
    public async ValueTask DisposeAsync()
    {
        await _process.StopAsync();
        await _process.DisposeAsync();
    }

    /// <summary>server/Vupe.Server in the repository the tests were built from (static files and settings).</summary>
    public static string ServerContentRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "server", "Vupe.Server");
            if (File.Exists(Path.Combine(candidate, "Vupe.Server.csproj"))) return candidate;
        }
        throw new InvalidOperationException("server/Vupe.Server not found above " + AppContext.BaseDirectory);
    }
}
