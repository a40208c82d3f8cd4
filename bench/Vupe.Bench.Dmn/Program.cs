using System.Diagnostics;
using System.Globalization;
using Vupe.Dmn;
using Vupe.Feel;

// One thread, one decision, varied inputs: evaluations per second after a warm-up, best of 3.
// First the stand-in table this bench started with (for comparison with earlier figures), then the
// VUPE triage decision itself, which the last line reports.
var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 3.0;
var random = new Random(11);
T Pick<T>(T[] options) => options[random.Next(options.Length)];
static IReadOnlyDictionary<string, FeelValue> Feel(Dictionary<string, object?> values) =>
    values.ToDictionary(v => v.Key, v => FeelValue.FromObject(v.Value));

string[] situations = ["desempleado", "empleado", "subempleado"];
string[] levels = ["primaria", "secundaria", "tecnica", "universitaria"];
var standIn = Enumerable.Range(0, 256).Select(_ => Feel(new()
{
    ["edad"] = random.Next(15, 70), ["situacion"] = Pick(situations), ["mesesSinEmpleo"] = random.Next(0, 24), ["nivelEducativo"] = Pick(levels),
    ["experienciaCertificada"] = random.Next(2) == 0, ["emprende"] = random.Next(2) == 0, ["etapaNegocio"] = Pick(["idea", "inicio", "marcha"]),
    ["migrante"] = random.Next(5) == 0, ["discapacidad"] = random.Next(10) == 0, ["interesCapacitacion"] = random.Next(2) == 0,
})).ToArray();

// The VUPE triage's inputs as the diagnosis form produces them (workflows/forms/diagnostico-empleabilidad.form.json).
var vupe = Enumerable.Range(0, 256).Select(_ =>
{
    var situation = Pick(["desempleado", "subempleado", "empleado", "independiente", "estudiante"]);
    var experience = Pick(["ninguna", "sin-certificar", "certificada"]);
    var business = random.Next(4) == 0;
    return Feel(new()
    {
        ["edad"] = random.Next(15, 70), ["situacionLaboral"] = situation, ["mesesDesempleo"] = situation == "desempleado" ? random.Next(0, 24) : null,
        ["nivelEducativo"] = Pick(["sin-estudios", "primaria", "secundaria", "tecnica", "universitaria"]), ["experienciaLaboral"] = experience,
        ["aniosExperiencia"] = experience == "ninguna" ? null : random.Next(0, 20), ["quiereEmprender"] = business,
        ["etapaEmprendimiento"] = business ? Pick(["idea", "inicio", "en-marcha"]) : null,
        ["condicionMigratoria"] = random.Next(5) == 0 ? Pick(["extranjero", "retornante", "por-emigrar"]) : "ninguna",
        ["tieneDiscapacidad"] = random.Next(10) == 0, ["interesCapacitacion"] = random.Next(2) == 0, ["necesitaCul"] = random.Next(3) == 0,
        ["buscaEmpleoTemporal"] = random.Next(4) == 0, ["objetivoOcupacionalDefinido"] = random.Next(2) == 0,
    });
}).ToArray();

string Measure(string label, string file, string decision, IReadOnlyDictionary<string, FeelValue>[] inputs)
{
    var definitions = DmnParser.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, file)));
    var table = (DmnDecisionTable)definitions.FindDecision(decision)!.Expression!;
    long matched = 0;
    var perCpuSecond = 0.0;
    double Run(double forSeconds)
    {
        var sw = Stopwatch.StartNew();
        var cpu = Environment.CpuUsage.TotalTime;
        long n = 0;
        while (sw.Elapsed.TotalSeconds < forSeconds)
        {
            for (var i = 0; i < 1000; i++, n++)
            {
                var result = DmnEvaluator.Evaluate(definitions, decision, inputs[n & 255]);
                if (result.Value is FeelList list) matched += list.Items.Count;
            }
        }
        var elapsed = sw.Elapsed.TotalSeconds;
        perCpuSecond = Math.Max(perCpuSecond, n / (Environment.CpuUsage.TotalTime - cpu).TotalSeconds);
        return n / elapsed;
    }
    Run(1.5); // warm-up: tiered JIT
    perCpuSecond = 0;
    var runs = Enumerable.Range(0, 3).Select(_ => Run(seconds)).ToArray();
    // bytes_per_eval: memory allocated per evaluation (explanation included); exact, whatever the load.
    var before = GC.GetAllocatedBytesForCurrentThread();
    for (var i = 0; i < 25_600; i++)
    {
        DmnEvaluator.Evaluate(definitions, decision, inputs[i & 255]);
    }
    var bytesPerEvaluation = (GC.GetAllocatedBytesForCurrentThread() - before) / 25_600.0;
    // per_cpu_s: evaluations per second of CPU time the process used (GC and JIT threads included), best run.
    // When other work shares the cores the wall-clock figure drops with the share this process gets; this one
    // mostly does not, so it is the one to compare across runs on a busy machine.
    var line = string.Create(CultureInfo.InvariantCulture,
        $"dmn.{label} inputs={table.Inputs.Count} rules={table.Rules.Count} hit_policy={table.HitPolicy} evaluations_per_s={runs.Max():F0} all_runs={string.Join('/', runs.Select(r => r.ToString("F0", CultureInfo.InvariantCulture)))} per_cpu_s={perCpuSecond:F0} bytes_per_eval={bytesPerEvaluation:F0} matches_seen={matched}");
    Console.WriteLine(line);
    return runs.Max().ToString("F0", CultureInfo.InvariantCulture);
}

Measure("stand-in", "triage-benchmark.dmn", "servicios", standIn);
var best = Measure("vupe-triage", "triaje-empleabilidad.dmn", "triaje-empleabilidad", vupe);
Console.WriteLine($"evaluations_per_s={best}");
