using System.Diagnostics;
using System.Globalization;
using Vupe.Connectors;
using Vupe.Connectors.Simulation;
using Vupe.Documents.Signing;
using Vupe.Engine;
using Vupe.Engine.Persistence;
using Vupe.Workflows;
using Vupe.Workflows.Cul;

/// <summary>
/// The whole CUL procedure under load (bench/cul.sh): the engine on SQLite with the catalogue's real handlers, the six
/// simulated back offices answering after a random 200–800 ms each (configurable), real rendering and signing.
/// <c>workers</c> callers each request CULs one after another for <c>seconds</c>; every request must end with a signed
/// certificate. Prints percentiles and the last line <c>cul_p95_ms=&lt;x&gt; culs_per_s=&lt;y&gt;</c>.
/// </summary>
internal static class CulProcedureBench
{
    public static async Task<int> RunAsync(string[] args, DevelopmentCertificates certificates)
    {
        var seconds = Arg(args, "--seconds", 30.0);
        var workers = (int)Arg(args, "--workers", 32.0);
        var minMs = Arg(args, "--min-latency-ms", 200.0);
        var maxMs = Arg(args, "--max-latency-ms", 800.0);
        var directory = Path.Combine(Path.GetTempPath(), "vupe-documents-bench", "cul-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var control = new SimulatorControl();
        foreach (var connector in ConnectorNames.All)
            control.SetLatency(connector, TimeSpan.FromMilliseconds(minMs), TimeSpan.FromMilliseconds(maxMs));
        var archive = new InMemoryCulArchive();
        var cul = CulServices.WithSimulators(control, archive, DocumentsCulPdfIssuer.Create(new CmsSignatureProvider(certificates.Signing, [certificates.Root])));
        await using (var engine = await new ProcessEngineBuilder().UseSqlite(Path.Combine(directory, "cul.db"))
            .AddVupeCatalogue(new InMemoryEmployabilityRecord(), cul).BuildAsync())
        {
            await VupeCatalogue.Load().DeployAsync(engine, "bench");
            var people = SimulatedPopulation.From(20_000_000).Select(c => c.Identity!).Take(100_000).ToArray();
            var next = -1;
            async Task<double> OneAsync()
            {
                var person = people[Interlocked.Increment(ref next) % people.Length];
                var sw = Stopwatch.StartNew();
                var instance = await engine.Runtime.StartProcessAsync(new StartProcessRequest
                {
                    ProcessKey = VupeProcesses.Cul, OfficeCode = "LIM", Title = "Certificado Único Laboral", SubjectId = person.Dni,
                    Variables = new Dictionary<string, object?>
                    {
                        ["partyId"] = person.Dni, ["tipoDocumento"] = "Dni", ["numeroDocumento"] = person.Dni, ["nombres"] = person.GivenNames,
                        ["apellidoPaterno"] = person.PaternalSurname, ["apellidoMaterno"] = person.MaternalSurname,
                        ["fechaNacimiento"] = person.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    },
                });
                var elapsed = sw.Elapsed.TotalMilliseconds;
                if (instance.Status != InstanceStatus.Completed) throw new InvalidOperationException($"case {instance.CaseNumber} ended {instance.Status}, no CUL");
                return elapsed;
            }

            for (var i = 0; i < Math.Min(workers, 8); i++) await OneAsync(); // warm-up: JIT, connections, fonts
            var issuedBefore = archive.Issued.Count;
            var times = new List<double>();
            var deadline = Stopwatch.StartNew();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
            {
                var mine = new List<double>();
                while (deadline.Elapsed.TotalSeconds < seconds) mine.Add(await OneAsync());
                lock (times) times.AddRange(mine);
            }));
            var wall = deadline.Elapsed.TotalSeconds;
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            if (archive.Issued.Count - issuedBefore != times.Count) throw new InvalidOperationException("a request ended without its certificate");
            times.Sort();
            double P(double q) => times[(int)Math.Round(q * (times.Count - 1))];
            string F(double v) => v.ToString("F1", CultureInfo.InvariantCulture);
            Console.WriteLine($"# back offices: 6 simulators, each answer after a uniform random {minMs:F0}–{maxMs:F0} ms; RENIEC first, then the five together");
            Console.WriteLine($"# {workers} concurrent requesters for {F(wall)} s: {times.Count} CULs issued and signed, {F(times.Count / wall)} CUL/s, process CPU {F(cpu)} s ({F(cpu / wall * 100)} % of one core)");
            Console.WriteLine($"# end to end per CUL: min {F(times[0])} ms, median {F(P(0.5))} ms, p90 {F(P(0.9))} ms, p95 {F(P(0.95))} ms, p99 {F(P(0.99))} ms, max {F(times[^1])} ms");
            Console.WriteLine($"cul_p95_ms={P(0.95):F0} culs_per_s={F(times.Count / wall)}");
        }
        Directory.Delete(directory, recursive: true);
        return 0;
    }

    private static double Arg(string[] args, string name, double fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? double.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
