using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Vupe.Bench.Crash;

/// <summary>How to start the server under test: its built Vupe.Server.dll, its content root, the data folder kept across kills.</summary>
internal sealed record ServerCommand(string ServerDll, string ContentRoot, string DataDirectory, string Environment = "Development")
{
    /// <summary>The settings of every start: a fresh SQLite data folder, the demo users, no demo data, frequent checkpoints into an anchor file.</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Vupe:DataDirectory"] = DataDirectory,
        ["Vupe:SeedDemoUsers"] = "true",
        ["Vupe:SeedDemoData"] = "false",
        ["Vupe:Documents:Signing:AllowDevelopmentCertificate"] = "true",
        ["Vupe:Audit:AnchorPath"] = Path.Combine(DataDirectory, "audit-anchor.jsonl"),
        ["Vupe:Audit:Cron"] = "*/10 * * * * *",
        // The proof sends many requests from one address; the limits are not what it proves.
        ["Vupe:CitizenRequestsPerMinute"] = "10000",
    };
}

/// <summary>
/// One life of the server as a child process on a port of its own: started, waited for, and then either killed with
/// SIGKILL (no shutdown code runs: no final checkpoint, no flush, requests cut mid-way) or stopped with SIGTERM.
/// Its output is kept for the report when it fails to start.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public static ServerProcess Start(ServerCommand command, int port) =>
        Start(command.ServerDll, command.ContentRoot, command.Environment, "crash", command.Settings, port);

    /// <summary>A server process named <paramref name="nodeName"/> (Hangfire's server name; its output lines are prefixed with it).</summary>
    public static ServerProcess Start(string serverDll, string contentRoot, string environment, string nodeName, IReadOnlyDictionary<string, string> settings, int port)
    {
        var address = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(serverDll)!,
        };
        start.ArgumentList.Add(serverDll);
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(contentRoot);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(address.ToString().TrimEnd('/'));
        foreach (var (key, value) in settings) start.ArgumentList.Add($"--{key}={value}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Vupe__NodeName"] = nodeName;
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var server = new ServerProcess(process, address);
        process.OutputDataReceived += (_, e) => server.Append(nodeName, e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(nodeName, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Whether the process has ended, and its exit code then.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    private void Append(string nodeName, string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            // The last lines are what explains a failed start; a long run's warnings need not all be kept.
            if (_output.Length > 200_000) _output.Remove(0, 100_000);
            _output.Append('[').Append(nodeName).Append("] ").AppendLine(line);
        }
    }

    /// <summary>Waits until the server answers (an unauthenticated call gets its 401); false if it stopped or did not answer in time.</summary>
    public async Task<bool> WaitReadyAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        var until = Stopwatch.StartNew();
        while (until.Elapsed < timeout)
        {
            if (_process.HasExited) return false;
            try
            {
                using var response = await http.GetAsync(new Uri("/api/auth/me", UriKind.Relative), ct);
                if (response.StatusCode == HttpStatusCode.Unauthorized) return true;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
            await Task.Delay(50, ct);
        }
        return false;
    }

    /// <summary>SIGKILL (what <see cref="Process.Kill()"/> sends on Unix): the process ends at once, mid-request.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM: the host stops gracefully (and writes its shutdown checkpoint); SIGKILL if it does not within 30 s.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited) return;
        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])) await term.WaitForExitAsync();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try { await _process.WaitForExitAsync(wait.Token); }
        catch (OperationCanceledException) { await KillAsync(); }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
