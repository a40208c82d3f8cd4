using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Vupe.Documents.Pdf;
using Vupe.Documents.Signing;
using Vupe.Documents.Verification;
using Vupe.Connectors.Simulation;
using Vupe.Engine;
using Vupe.Workflows;
using Vupe.Workflows.Cul;

// What one CUL costs the server: render the certificate, repair its streams, sign it (RSA-3072, CMS).
// First one thread (warm median and p95 per PDF), then N workers for a fixed time (CUL/s), then the verifier.
// Arguments: [seconds for the parallel run = 10] [workers = 2]; or "procedure [--seconds 30] [--workers 32]
// [--min-latency-ms 200] [--max-latency-ms 800]": the whole CUL procedure under load (bench/cul.sh).
var directory = Path.Combine(Path.GetTempPath(), "vupe-documents-bench");
var certificates = new DevelopmentCertificateAuthority(NullLogger<DevelopmentCertificateAuthority>.Instance).GetOrCreate(directory);
if (args.Length > 0 && args[0] == "procedure") return await CulProcedureBench.RunAsync(args, certificates);

var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 10.0;
var workers = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2;
var renderer = new CulRenderer(Options.Create(new PdfRenderingOptions()));
var signer = new PdfDocumentSigner(new CmsSignatureProvider(certificates.Signing), Options.Create(new PdfSigningOptions()), NullLogger<PdfDocumentSigner>.Instance);
var verifier = new PdfSignatureVerifier([certificates.Root]);

async Task<byte[]> IssueAsync(int n) => await signer.SignAsync(renderer.Render(Certificate(n)));

// Warm-up: JIT tiers, font loading, first QR code.
for (var i = 0; i < 30; i++) await IssueAsync(i);

const int Samples = 200;
var times = new double[Samples];
long bytes = 0;
for (var i = 0; i < Samples; i++)
{
    var sw = Stopwatch.StartNew();
    var pdf = await IssueAsync(i);
    times[i] = sw.Elapsed.TotalMilliseconds;
    bytes += pdf.Length;
}
Array.Sort(times);
double Percentile(double p) => times[(int)Math.Min(times.Length - 1, Math.Round(p * (times.Length - 1)))];

// Render alone, to show where the time goes.
var renderTimes = new double[50];
for (var i = 0; i < renderTimes.Length; i++)
{
    var sw = Stopwatch.StartNew();
    renderer.Render(Certificate(i));
    renderTimes[i] = sw.Elapsed.TotalMilliseconds;
}
Array.Sort(renderTimes);

var cpuBefore = Environment.CpuUsage.TotalTime;
var wall = Stopwatch.StartNew();
var deadline = TimeSpan.FromSeconds(seconds);
var issued = await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
{
    var count = 0;
    while (wall.Elapsed < deadline) await IssueAsync(w * 1_000_000 + count++);
    return count;
})));
var elapsed = wall.Elapsed.TotalSeconds;
var cpu = (Environment.CpuUsage.TotalTime - cpuBefore).TotalSeconds;
var total = issued.Sum();

var sample = await IssueAsync(42);
var verifyTimes = new double[100];
for (var i = 0; i < verifyTimes.Length; i++)
{
    var sw = Stopwatch.StartNew();
    if (!verifier.Verify(sample).IsIntact) throw new InvalidOperationException("the bench's own CUL did not verify");
    verifyTimes[i] = sw.Elapsed.TotalMilliseconds;
}
Array.Sort(verifyTimes);

// End to end: the real procedure (RENIEC, five parallel consultations, consolidation, render, sign, archive) on a
// SQLite file with the simulated back offices at zero latency: from the request to the signed PDF in the archive.
var endToEnd = await EndToEndAsync(certificates, 60);

string F(double value) => value.ToString("F1", CultureInfo.InvariantCulture);
Console.WriteLine($"# single thread: {Samples} CULs after 30 warm-up, median {F(Percentile(0.5))} ms, p95 {F(Percentile(0.95))} ms, max {F(times[^1])} ms, {bytes / Samples / 1024} KiB per PDF");
Console.WriteLine($"# render only (no signature): median {F(renderTimes[renderTimes.Length / 2])} ms");
Console.WriteLine($"# {workers} workers for {F(elapsed)} s: {total} CULs, {F(total / elapsed)} CUL/s, {F(total / cpu)} CUL per CPU-second (process CPU, GC included)");
Console.WriteLine($"# verify one signed CUL: median {F(verifyTimes[verifyTimes.Length / 2])} ms");
Console.WriteLine($"# end to end (certificado-unico-laboral on SQLite, simulators at zero latency): {endToEnd.Length} requests after 5 warm-up, median {F(endToEnd[endToEnd.Length / 2])} ms, p95 {F(endToEnd[(int)(0.95 * (endToEnd.Length - 1))])} ms, max {F(endToEnd[^1])} ms");
Console.WriteLine($"cul_render_sign_ms={F(Percentile(0.5))} cul_per_s={F(total / elapsed)} cul_end_to_end_ms={F(endToEnd[endToEnd.Length / 2])}");
return 0;

static async Task<double[]> EndToEndAsync(DevelopmentCertificates certificates, int count)
{
    var directory = Path.Combine(Path.GetTempPath(), "vupe-documents-bench", "e2e-" + Guid.NewGuid().ToString("N"));
    Directory.CreateDirectory(directory);
    var archive = new InMemoryCulArchive();
    var cul = CulServices.WithSimulators(new SimulatorControl(), archive,
        DocumentsCulPdfIssuer.Create(new CmsSignatureProvider(certificates.Signing, [certificates.Root])));
    await using var engine = await new ProcessEngineBuilder().UseSqlite(Path.Combine(directory, "cul.db"))
        .AddVupeCatalogue(new InMemoryEmployabilityRecord(), cul).BuildAsync();
    await VupeCatalogue.Load().DeployAsync(engine, "bench");
    var times = new List<double>();
    for (var i = 0; i < count + 5; i++)
    {
        var dni = (10_000_000 + i).ToString(CultureInfo.InvariantCulture);
        var sw = Stopwatch.StartNew();
        await engine.Runtime.StartProcessAsync(new StartProcessRequest
        {
            ProcessKey = VupeProcesses.Cul, OfficeCode = "LIM",
            Variables = FichaOf(dni),
        });
        var elapsed = sw.Elapsed.TotalMilliseconds;
        if (archive.Issued.Count != i + 1) throw new InvalidOperationException($"request {i} issued no CUL");
        if (i >= 5) times.Add(elapsed);
    }
    Directory.Delete(directory, recursive: true);
    return [.. times.Order()];
}

// The ficha as the server passes it: the simulated RENIEC's own citizen, so the identity check agrees.
static Dictionary<string, object?> FichaOf(string dni)
{
    var person = SimulatedPopulation.Find(dni).Identity!;
    return new Dictionary<string, object?>
    {
        ["partyId"] = "bench", ["tipoDocumento"] = "Dni", ["numeroDocumento"] = dni, ["nombres"] = person.GivenNames, ["apellidoPaterno"] = person.PaternalSurname,
        ["apellidoMaterno"] = person.MaternalSurname, ["fechaNacimiento"] = person.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };
}

static CulCertificate Certificate(int n)
{
    var issuedAt = new DateTimeOffset(2025, 3, 14, 15, 30, 0, TimeSpan.Zero).AddSeconds(n);
    var at = issuedAt.AddMinutes(-3);
    return new CulCertificate(
        $"CUL-2025-{n:D6}", VerificationCode.New(), issuedAt, "Dirección Regional de Trabajo y Promoción del Empleo de Cusco",
        new CulCitizen("José Ñuñez Güemes", "45678912", new DateOnly(1996, 7, 28), "Av. El Sol 123, Dpto. 4, Wanchaq, Cusco"),
        new CulIdentitySection(true, new SourceConsultation("RENIEC", at)),
        new CulRecordsSection([], new SourceConsultation("PNP", at)),
        new CulRecordsSection([], new SourceConsultation("Poder Judicial", at)),
        new CulRecordsSection([], new SourceConsultation("INPE", at)),
        new CulEducationSection(
        [
            new EducationEntry("Secundaria", "I.E. Nuestra Señora de Belén", "Educación secundaria completa", 2013),
            new EducationEntry("Universitaria", "Universidad Nacional de San Antonio Abad del Cusco", "Bachiller en Ingeniería Agroindustrial", 2019),
        ], new SourceConsultation("MINEDU / SUNEDU", at)),
        new CulEmploymentSection(
        [
            new EmploymentEntry("Agroexportadora Andina S.A.C.", "20512345678", new DateOnly(2019, 9, 1), new DateOnly(2021, 12, 31)),
            new EmploymentEntry("Cooperativa Agraria Cafetalera Ñaupa Pampa Ltda.", "20498765432", new DateOnly(2022, 2, 1), null),
        ], new SourceConsultation("Planilla Electrónica", at)));
}
