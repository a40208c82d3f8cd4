using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Vupe.Server.Tests.Nodes;

/// <summary>
/// One real server process (the built Vupe.Server.dll next to the tests), as a node of a deployment: its own port, the
/// settings given, its output kept for the failure message. Stopped with SIGTERM, killed if it does not stop.
/// </summary>
internal sealed class ServerNode : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerNode(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public static ServerNode Start(string name, IReadOnlyDictionary<string, string> settings)
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Vupe.Server.dll"));
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(ServerContentRoot());
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(address.ToString().TrimEnd('/'));
        foreach (var (key, value) in settings) start.ArgumentList.Add($"--{key}={value}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Vupe__NodeName"] = name;
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var node = new ServerNode(process, address);
        process.OutputDataReceived += (_, e) => node.Append(name, e.Data);
        process.ErrorDataReceived += (_, e) => node.Append(name, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    private void Append(string name, string? line)
    {
        if (line is null) return;
        lock (_output) _output.Append('[').Append(name).Append("] ").AppendLine(line);
    }

    /// <summary>Waits until the node answers (an unauthenticated call gets its 401).</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited) Assert.Fail($"The node stopped (exit {_process.ExitCode}):\n{Output}");
            try
            {
                using var response = await http.GetAsync("/api/auth/me");
                if (response.StatusCode == HttpStatusCode.Unauthorized) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        Assert.Fail($"The node did not answer within {timeout.TotalSeconds} s:\n{Output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM: the host stops gracefully (Hangfire's server deregisters, the engine closes its store).
            Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try { await _process.WaitForExitAsync(wait.Token); }
            catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        }
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
