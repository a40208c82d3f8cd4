using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Vupe.Connectors.Simulation;
using Vupe.Documents.Signing;
using Vupe.Documents.Verification;
using Vupe.Engine;
using Vupe.Workflows;
using Vupe.Workflows.Cul;

// Issues one CUL through the real procedure (workflows/processes/certificado-unico-laboral.bpmn): the engine on a
// SQLite file, the six back offices simulated, the PDF rendered and signed with a development CA, then written out.
//   dotnet run --project samples/Vupe.Samples.Cul -- <out.pdf> [dni] [data-dir]

if (args.Length is 0 or > 3 || args[0] is "-h" or "--help")
{
    Console.Error.WriteLine("usage: cul-demo <out.pdf> [dni (default 10117410, a citizen with clean records)] [data directory]");
    return 2;
}
var output = Path.GetFullPath(args[0]);
var dni = args.Length > 1 ? args[1] : SimulatedDnis.CleanRecords;
var dataDir = args.Length > 2 ? args[2] : Path.Combine(Path.GetTempPath(), "vupe-cul-demo");
Directory.CreateDirectory(dataDir);

using var logging = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
var certificates = new DevelopmentCertificateAuthority(logging.CreateLogger<DevelopmentCertificateAuthority>()).GetOrCreate(Path.Combine(dataDir, "dev-signing"));
var archive = new InMemoryCulArchive();
var cul = CulServices.WithSimulators(new SimulatorControl(), archive,
    DocumentsCulPdfIssuer.Create(new CmsSignatureProvider(certificates.Signing, [certificates.Root]), logs: logging));
await using var engine = await new ProcessEngineBuilder()
    .UseSqlite(Path.Combine(dataDir, "cul-demo.db"))
    .UseLogging(logging)
    .AddVupeCatalogue(new InMemoryEmployabilityRecord(), cul)
    .BuildAsync();
await VupeCatalogue.Load().DeployAsync(engine, "cul-demo");

var clock = Stopwatch.StartNew();
var instance = await engine.Runtime.StartProcessAsync(new StartProcessRequest
{
    ProcessKey = VupeProcesses.Cul, OfficeCode = "LIM", UserId = "cul-demo", Title = "Certificado Único Laboral",
    Variables = FichaOf(dni),
});
clock.Stop();

var issued = archive.Issued.SingleOrDefault();
if (issued is null)
{
    var incidents = await engine.Management.ListIncidentsAsync(caseId: instance.CaseId);
    Console.Error.WriteLine($"No CUL issued for DNI {dni} (case {instance.CaseNumber}, process {instance.Status}): "
        + (incidents.Count > 0 ? incidents[0].Message : "RENIEC did not validate the identity."));
    return 1;
}
await File.WriteAllBytesAsync(output, issued.Pdf.ToArray());
var verification = new PdfSignatureVerifier([certificates.Root]).Verify(issued.Pdf.Span);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
    Expediente {instance.CaseNumber}: {issued.CertificateNumber} para {issued.HolderName}
      código de verificación {issued.VerificationCode}, válido hasta {issued.ValidUntil:yyyy-MM-dd}
      firmado por {issued.SignedBy}; verificación propia: {verification.Status}
      solicitud → CUL firmado en {clock.Elapsed.TotalMilliseconds:F0} ms
      escrito en {output} ({issued.Pdf.Length / 1024} KiB)
    """));
return verification.IsIntact ? 0 : 1;

// The ficha's identity, as the server passes it: the CUL compares it with RENIEC's answer before issuing. The sample's
// "ficha" is the simulated RENIEC's own citizen, so it agrees (an unknown DNI has none, and RENIEC says so).
static Dictionary<string, object?> FichaOf(string dni)
{
    var variables = new Dictionary<string, object?> { ["partyId"] = Guid.NewGuid().ToString(), ["tipoDocumento"] = "Dni", ["numeroDocumento"] = dni };
    if (Vupe.Connectors.Simulation.SimulatedPopulation.Find(dni).Identity is { } person)
    {
        variables["nombres"] = person.GivenNames;
        variables["apellidoPaterno"] = person.PaternalSurname;
        variables["apellidoMaterno"] = person.MaternalSurname;
        variables["fechaNacimiento"] = person.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }
    return variables;
}
