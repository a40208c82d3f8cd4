using System.Globalization;
using Microsoft.Extensions.Logging;
using Vupe.Engine;
using Vupe.Connectors;
using Vupe.Connectors.Simulation;
using Vupe.Documents.Signing;
using Vupe.Engine.Persistence;
using Vupe.Workflows;
using Vupe.Workflows.Cul;

// A morning at the Lima office, as a program: the engine used as a library on a SQLite file.
// Run it twice: the second run finds the first run's case in the same database.

var dataDir = args.Length > 0 ? args[0] : Path.Combine(Environment.CurrentDirectory, "data");
Directory.CreateDirectory(dataDir);
var databasePath = Path.Combine(dataDir, "quickstart.db");

using var logging = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
var ficha = new InMemoryEmployabilityRecord(); // stands in for the national ficha única the server keeps
// The back offices are the local simulators; certificates are signed by a development CA kept in the data folder.
var backOffices = new SimulatorControl();
var certificates = new DevelopmentCertificateAuthority(logging.CreateLogger<DevelopmentCertificateAuthority>()).GetOrCreate(Path.Combine(dataDir, "dev-signing"));
var cul = CulServices.WithSimulators(backOffices, new InMemoryCulArchive(),
    DocumentsCulPdfIssuer.Create(new CmsSignatureProvider(certificates.Signing, [certificates.Root]), logs: logging));
await using var engine = await new ProcessEngineBuilder()
    .UseSqlite(databasePath)
    .UseLogging(logging)
    .AddVupeCatalogue(ficha, cul) // the triage decisions and the vupe.* handlers, the CUL with its back offices
    .AddTaskHandler("reniec.consultar", async (c, ct) =>
    {
        var answer = await cul.Identity.LookUpAsync(new ConnectorRequest((string)c.Variables["dni"]!, c.IdempotencyKey), ct);
        return new Dictionary<string, object?> { ["identidadVerificada"] = answer.Value.Found, ["consultaReniec"] = answer.Reference };
    })
    .AddTaskHandler("notificar", c => { Console.WriteLine($"  [aviso] {c.CaseNumber}: diagnóstico pendiente hace 48 h"); return null; })
    .BuildAsync();

var deployment = await VupeCatalogue.Load().DeployAsync(engine, "admin");
var sampleProcess = Path.Combine(AppContext.BaseDirectory, "processes", "atencion-ciudadano.bpmn");
var sample = await engine.Repository.DeployAsync("muestra", [new DeploymentResource("atencion-ciudadano.bpmn", await File.ReadAllTextAsync(sampleProcess))], "admin");
foreach (var definition in deployment.Definitions.Concat(deployment.Unchanged).Concat(sample.Definitions).Concat(sample.Unchanged).OrderBy(d => d.Key, StringComparer.Ordinal))
    Console.WriteLine($"Proceso '{definition.Key}' versión {definition.Version} desplegado en {databasePath}");

var instance = await engine.Runtime.StartProcessAsync(new StartProcessRequest
{
    ProcessKey = "atencion-ciudadano",
    OfficeCode = "LIM",
    UserId = "recepcion.lima",
    Title = "Atención a Rosa Quispe Huamán",
    Variables = new Dictionary<string, object?> { ["dni"] = "45678912", ["nombre"] = "Rosa Quispe Huamán" },
});
Console.WriteLine($"Expediente {instance.CaseNumber} abierto; en espera de: {string.Join(", ", instance.ActiveElementIds)}");

async Task WorkAsync(string consultant, IReadOnlyDictionary<string, object?>? data = null)
{
    var task = (await engine.Tasks.QueryAsync(new TaskFilter { InstanceId = instance.Id })).Single();
    await engine.Tasks.ClaimAsync(task.Id, consultant);
    await engine.Tasks.CompleteAsync(task.Id, data, consultant);
    Console.WriteLine($"  {consultant} completó «{task.Name}» (grupo {string.Join(",", task.CandidateGroups)})");
}

await WorkAsync("ana.consultora", new Dictionary<string, object?> { ["necesitaCul"] = true, ["situacion"] = "desempleada", ["mesesSinEmpleo"] = 4 });
await WorkAsync("ana.consultora", new Dictionary<string, object?> { ["culEntregado"] = true });
await WorkAsync("jose.consultor", new Dictionary<string, object?> { ["insertada"] = true });

var done = await engine.Runtime.GetInstanceAsync(instance.Id);
var caseFile = await engine.Cases.GetAsync(instance.CaseId);
Console.WriteLine($"Expediente {caseFile.CaseNumber}: proceso {done.Status}, expediente {caseFile.Status}");
Console.WriteLine();
Console.WriteLine("Historial:");
foreach (var entry in await engine.History.ForCaseAsync(instance.CaseId))
{
    var what = entry.ElementName ?? entry.ElementId ?? "";
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {entry.Timestamp:HH:mm:ss.fff}  {entry.EventType,-18} {what,-34} {entry.UserId,-16} {Shorten(entry.Details)}"));
}

// The triage: a diagnosis, the decision's recommendations with their reasons, the consultant's
// confirmation, and one referral case per confirmed service.
Console.WriteLine();
var triage = await engine.Runtime.StartProcessAsync(new StartProcessRequest
{
    ProcessKey = VupeProcesses.CitizenTriage,
    OfficeCode = "LIM",
    UserId = "recepcion.lima",
    Title = "Triaje de Rosa Quispe Huamán",
    Variables = new Dictionary<string, object?> { ["partyId"] = "DNI-45678912", ["edad"] = 24 },
});
Console.WriteLine($"Expediente de triaje {triage.CaseNumber} abierto");

async Task<TaskInfo> TriageTaskAsync() => (await engine.Tasks.QueryAsync(new TaskFilter { InstanceId = triage.Id })).Single();

await engine.Tasks.CompleteAsync((await TriageTaskAsync()).Id, new Dictionary<string, object?>
{
    ["edad"] = 24, ["situacionLaboral"] = "desempleado", ["mesesDesempleo"] = 8, ["nivelEducativo"] = "secundaria",
    ["experienciaLaboral"] = "sin-certificar", ["aniosExperiencia"] = 3, ["quiereEmprender"] = false, ["condicionMigratoria"] = "ninguna",
    ["tieneDiscapacidad"] = false, ["interesCapacitacion"] = true, ["necesitaCul"] = true, ["buscaEmpleoTemporal"] = false,
    ["objetivoOcupacionalDefinido"] = true, ["ocupacionDeseada"] = "Soldadora",
}, "ana.consultora");
var confirmation = await TriageTaskAsync();
Console.WriteLine("  Servicios recomendados:");
foreach (var recommendation in ((List<object?>)(await engine.Tasks.GetVariablesAsync(confirmation.Id))["recomendaciones"]!).Cast<Dictionary<string, object?>>())
    Console.WriteLine($"    {VupeServices.Get((string)recommendation["servicio"]!).Name}: {recommendation["motivo"]}");
await engine.Tasks.CompleteAsync(confirmation.Id, new Dictionary<string, object?>
{
    ["serviciosConfirmados"] = new List<object?> { VupeServices.JobBank, VupeServices.SingleLabourCertificate, VupeServices.CompetencyCertification },
}, "ana.consultora");
foreach (var referral in await engine.Cases.ChildrenAsync(triage.CaseId))
    Console.WriteLine($"  Derivación {referral.CaseNumber}: {referral.Title}");
Console.WriteLine($"  Ficha única de DNI-45678912: {ficha.HistoryOf("DNI-45678912").Count} registro(s) en esta ejecución");

static string Shorten(string? details) => details is null ? "" : details.Length <= 70 ? details : details[..67] + "...";
