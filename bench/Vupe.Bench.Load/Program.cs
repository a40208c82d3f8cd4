using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

// Virtual consultants of one office (LIM), each with their own citizens, running the loop a consultant runs:
// inbox → open a triage case → find its task (inbox filtered by case) → claim → case detail → complete the
// diagnosis (→ decision, ficha record) [→ upload a document, office day only]. Two modes (issue 15):
//   office day: N consultants with think time between actions (exponential, mean --think s) for --seconds;
//   saturation: no think time, at each of --levels for --level-seconds each (without the upload, so the figures
//               compare with the measurement in the issue).
// Bounded in count and time; only the given loopback URL is ever called.
// Several nodes: --url takes a comma-separated list and consultant i works on node i mod n, as a reverse proxy
// spreading sessions would; a token from one node works on every node (shared data-protection keys).
var options = Options.Parse(args);
var nodes = new List<HttpClient>();
foreach (var url in options.Url.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
{
    if (!Uri.TryCreate(url, UriKind.Absolute, out var baseUri) || !IPAddress.TryParse(baseUri.Host, out var host) || !IPAddress.IsLoopback(host))
    {
        Console.Error.WriteLine("The load bench calls loopback addresses only (e.g. http://127.0.0.1:5099).");
        return 2;
    }
    var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
    nodes.Add(new HttpClient(handler) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(60) });
}
var http = nodes[0];

string[] accounts = ["consultor.lim", "consultor2.lim", "supervisor.lim"];
var tokens = new Dictionary<string, string>();
foreach (var account in accounts) tokens[account] = await TokenAsync(account);

var result = new List<string>();
double worstP95 = 0;
long officeErrors = 0;
if (options.Mode is "office" or "both")
{
    Console.WriteLine($"# office day: {options.Consultants} consultants, think time exponential mean {options.ThinkSeconds} s, {options.Seconds} s");
    var run = await RunAsync(options.Consultants, TimeSpan.FromSeconds(options.Seconds), options.ThinkSeconds, upload: true);
    run.Print();
    worstP95 = run.WorstP95;
    officeErrors = run.Errors;
}
double best = 0;
if (options.Mode is "saturation" or "both")
{
    foreach (var level in options.Levels)
    {
        Console.WriteLine($"# saturation: {level} consultants, no think time, {options.LevelSeconds} s");
        var run = await RunAsync(level, TimeSpan.FromSeconds(options.LevelSeconds), 0, upload: false);
        run.Print();
        best = Math.Max(best, run.LoopsPerSecond);
    }
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"store={options.Store} nodes={options.Nodes} consultants={options.Consultants} p95_ms={worstP95:F0} errors={officeErrors} saturation_loops_per_s={best:F1}"));
return 0;

async Task<string> TokenAsync(string userName)
{
    var response = await http.PostAsJsonAsync("/api/auth/token", new { userName, password = options.Password });
    response.EnsureSuccessStatusCode();
    return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
}

async Task<Run> RunAsync(int consultants, TimeSpan duration, double think, bool upload)
{
    var run = new Run();
    // Each consultant registers their citizens first (not measured), then loops until the time is up.
    var workers = new List<Consultant>();
    for (var i = 0; i < consultants; i++) workers.Add(new Consultant(nodes[i % nodes.Count], tokens[accounts[i % accounts.Length]], run, think, upload, options.Seed + i));
    await Parallel.ForEachAsync(workers, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (w, ct) => await w.RegisterCitizensAsync(3));
    using var stop = new CancellationTokenSource(duration);
    var clock = Stopwatch.StartNew();
    var cpu = CpuMeter.Start(options.ServerPids);
    await Task.WhenAll(workers.Select(w => Task.Run(() => w.LoopAsync(stop.Token))));
    run.Elapsed = clock.Elapsed;
    run.Cpu = cpu.Stop();
    return run;
}

sealed record Options(string Url, string Mode, int Consultants, int Seconds, double ThinkSeconds, int[] Levels, int LevelSeconds, string Password, string Store, int Nodes, int Seed,
    int[] ServerPids)
{
    public static Options Parse(string[] args)
    {
        string Get(string name, string fallback)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        return new Options(Get("url", "http://127.0.0.1:5099"), Get("mode", "both"), int.Parse(Get("consultants", "200"), CultureInfo.InvariantCulture),
            int.Parse(Get("seconds", "120"), CultureInfo.InvariantCulture), double.Parse(Get("think", "5"), CultureInfo.InvariantCulture),
            [.. Get("levels", "10,50,200").Split(',').Select(l => int.Parse(l, CultureInfo.InvariantCulture))],
            int.Parse(Get("level-seconds", "60"), CultureInfo.InvariantCulture), Get("password", "Vupe.Demo.2026"), Get("store", "sqlite"),
            int.Parse(Get("nodes", "1"), CultureInfo.InvariantCulture), int.Parse(Get("seed", "2026"), CultureInfo.InvariantCulture),
            [.. Get("server-pids", "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture))]);
    }
}

/// <summary>Latencies per operation and errors of one run.</summary>
sealed class Run
{
    private readonly Dictionary<string, List<double>> _latencies = [];
    private long _loops;
    private long _errors;
    public TimeSpan Elapsed { get; set; }
    public CpuUse? Cpu { get; set; }
    public long Errors => Interlocked.Read(ref _errors);
    public double LoopsPerSecond => _loops / Elapsed.TotalSeconds;
    public double WorstP95 => _latencies.Count == 0 ? 0 : _latencies.Values.Max(l => Percentile(l, 0.95));
    public readonly Dictionary<string, string> FirstError = [];

    public void Record(string operation, double ms)
    {
        lock (_latencies)
        {
            if (!_latencies.TryGetValue(operation, out var list)) _latencies[operation] = list = [];
            list.Add(ms);
        }
    }

    public void Loop() => Interlocked.Increment(ref _loops);

    public void Error(string operation, string what)
    {
        Interlocked.Increment(ref _errors);
        lock (FirstError) FirstError.TryAdd(operation, what);
    }

    public void Print()
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  loops={_loops} in {Elapsed.TotalSeconds:F1} s = {LoopsPerSecond:F1} loops/s, errors={Errors}"));
        if (Cpu is { } cpu && _loops > 0)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  cpu per loop: server {cpu.Server.TotalMilliseconds / _loops:F2} ms, load generator {cpu.Generator.TotalMilliseconds / _loops:F2} ms; machine busy {cpu.MachineBusy:P0} of {Environment.ProcessorCount} cores"));
        lock (_latencies)
            foreach (var (operation, list) in _latencies.OrderBy(l => l.Key))
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {operation,-9} n={list.Count,6} p50={Percentile(list, 0.50),7:F1} ms p95={Percentile(list, 0.95),7:F1} ms p99={Percentile(list, 0.99),7:F1} ms max={list.Max(),7:F1} ms"));
        foreach (var (operation, what) in FirstError) Console.WriteLine($"  first error in {operation}: {what}");
    }

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0) return 0;
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}

sealed class Consultant(HttpClient http, string token, Run run, double think, bool upload, int seed)
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();
    private static int _dni = 60_000_000 + Environment.ProcessId % 1000 * 10_000;
    private readonly Random _random = new(seed);
    private readonly List<Guid> _citizens = [];

    private HttpRequestMessage Request(HttpMethod method, string path, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    public async Task RegisterCitizensAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var dni = Interlocked.Increment(ref _dni).ToString(CultureInfo.InvariantCulture);
            using var response = await http.SendAsync(Request(HttpMethod.Post, "/api/parties/persons", JsonContent.Create(new
            {
                // By DNI alone: the simulated RENIEC supplies the names and birth date (given ones would have to agree with it).
                documentType = "Dni", documentNumber = dni, phone = "987654321",
                consent = new { purpose = "tratamiento-datos", granted = true, channel = "digital", textVersion = "v1" },
            })));
            response.EnsureSuccessStatusCode();
            _citizens.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }
    }

    public async Task LoopAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (await OneLoopAsync(stop)) run.Loop();
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task<bool> OneLoopAsync(CancellationToken stop)
    {
        if (await SendAsync("inbox", HttpMethod.Get, "/api/tasks?view=mine&pageSize=25", null, stop) is null) return false;
        var partyId = _citizens[_random.Next(_citizens.Count)];
        if (await SendAsync("open", HttpMethod.Post, "/api/cases", JsonContent.Create(new { partyId, procedure = "triaje-ciudadano" }), stop) is not { } opened) return false;
        var caseId = opened.GetProperty("id").GetGuid();
        if (await SendAsync("find", HttpMethod.Get, $"/api/tasks?view=available&caseId={caseId}", null, stop) is not { } found) return false;
        var task = found.GetProperty("items").EnumerateArray().FirstOrDefault();
        if (task.ValueKind != JsonValueKind.Object)
        {
            run.Error("find", "the new case's task was not offered");
            return false;
        }
        var taskId = task.GetProperty("id").GetGuid();
        if (await SendAsync("claim", HttpMethod.Post, $"/api/tasks/{taskId}/claim", null, stop) is not { } claimed) return false;
        var version = claimed.GetProperty("version").GetInt64();
        if (await SendAsync("detail", HttpMethod.Get, $"/api/cases/{caseId}", null, stop) is null) return false;
        var data = new
        {
            edad = 32, situacionLaboral = "desempleado", mesesDesempleo = _random.Next(1, 24), nivelEducativo = "secundaria", experienciaLaboral = "sin-certificar",
            aniosExperiencia = _random.Next(0, 10), condicionMigratoria = "ninguna", necesitaCul = _random.Next(2) == 0, quiereEmprender = false, interesCapacitacion = true,
        };
        if (await SendAsync("complete", HttpMethod.Post, $"/api/tasks/{taskId}/complete", JsonContent.Create(new { data, version }), stop) is null) return false;
        if (upload)
        {
            var form = new MultipartFormDataContent { { new StringContent("otro"), "kind" }, { new StringContent("Constancia de prueba"), "title" } };
            var file = new ByteArrayContent(Pdf);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, "file", "constancia.pdf");
            if (await SendAsync("upload", HttpMethod.Post, $"/api/cases/{caseId}/documents", form, stop) is null) return false;
        }
        return true;
    }

    private async Task<JsonElement?> SendAsync(string operation, HttpMethod method, string path, HttpContent? content, CancellationToken stop)
    {
        if (think > 0) await Task.Delay(TimeSpan.FromSeconds(-Math.Log(1 - _random.NextDouble()) * think), stop);
        var started = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(Request(method, path, content), CancellationToken.None);
        var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
        run.Record(operation, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        if (!response.IsSuccessStatusCode)
        {
            run.Error(operation, $"{(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
            return null;
        }
        return body.Length == 0 ? default(JsonElement) : JsonDocument.Parse(body).RootElement.Clone();
    }
}

/// <summary>CPU the server processes and this generator used during a run, and how busy the machine was (/proc), to tell which side is the bottleneck.</summary>
sealed record CpuUse(TimeSpan Server, TimeSpan Generator, double MachineBusy);

sealed class CpuMeter
{
    private readonly int[] _pids;
    private readonly TimeSpan _server;
    private readonly TimeSpan _generator;
    private readonly (long Busy, long Total) _machine;

    private CpuMeter(int[] pids)
    {
        _pids = pids;
        _server = ServerTime(pids);
        _generator = Process.GetCurrentProcess().TotalProcessorTime;
        _machine = MachineTicks();
    }

    public static CpuMeter Start(int[] serverPids) => new(serverPids);

    public CpuUse Stop()
    {
        var (busy, total) = MachineTicks();
        var share = total > _machine.Total ? (double)(busy - _machine.Busy) / (total - _machine.Total) : 0;
        return new CpuUse(ServerTime(_pids) - _server, Process.GetCurrentProcess().TotalProcessorTime - _generator, share);
    }

    // utime + stime of /proc/<pid>/stat, in clock ticks of 10 ms (USER_HZ is 100 on Linux).
    private static TimeSpan ServerTime(int[] pids)
    {
        long ticks = 0;
        foreach (var pid in pids)
        {
            var path = $"/proc/{pid}/stat";
            if (!File.Exists(path)) continue;
            var stat = File.ReadAllText(path);
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    // The "cpu" line of /proc/stat: all ticks, and those not idle or waiting for I/O.
    private static (long Busy, long Total) MachineTicks()
    {
        if (!File.Exists("/proc/stat")) return (0, 0);
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Sum();
        return (total - fields[3] - fields[4], total);
    }
}
