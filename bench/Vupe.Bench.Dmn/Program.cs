using System.Diagnostics;
using System.Globalization;
using Vupe.Dmn;
using Vupe.Feel;

// One thread, one decision, varied inputs: evaluations per second after a warm-up, best of 3.
var file = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "triage-benchmark.dmn");
var seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 3.0;
var definitions = DmnParser.Parse(File.ReadAllText(file));

string[] situations = ["desempleado", "empleado", "subempleado"];
string[] levels = ["primaria", "secundaria", "tecnica", "universitaria"];
string[] stages = ["idea", "inicio", "marcha"];
var random = new Random(11);
var inputs = Enumerable.Range(0, 256).Select(_ => (IReadOnlyDictionary<string, FeelValue>)new Dictionary<string, FeelValue>
{
    ["edad"] = FeelValue.FromObject(random.Next(15, 70)),
    ["situacion"] = FeelValue.FromObject(situations[random.Next(situations.Length)]),
    ["mesesSinEmpleo"] = FeelValue.FromObject(random.Next(0, 24)),
    ["nivelEducativo"] = FeelValue.FromObject(levels[random.Next(levels.Length)]),
    ["experienciaCertificada"] = FeelValue.FromObject(random.Next(2) == 0),
    ["emprende"] = FeelValue.FromObject(random.Next(2) == 0),
    ["etapaNegocio"] = FeelValue.FromObject(stages[random.Next(stages.Length)]),
    ["migrante"] = FeelValue.FromObject(random.Next(5) == 0),
    ["discapacidad"] = FeelValue.FromObject(random.Next(10) == 0),
    ["interesCapacitacion"] = FeelValue.FromObject(random.Next(2) == 0),
}).ToArray();

long matched = 0;
double Run(double forSeconds)
{
    var sw = Stopwatch.StartNew();
    long n = 0;
    while (sw.Elapsed.TotalSeconds < forSeconds)
    {
        for (var i = 0; i < 1000; i++, n++)
        {
            var result = DmnEvaluator.Evaluate(definitions, "servicios", inputs[n & 255]);
            if (result.Value is FeelList list) matched += list.Items.Count;
        }
    }
    return n / sw.Elapsed.TotalSeconds;
}

Run(1.5); // warm-up: tiered JIT
var runs = Enumerable.Range(0, 3).Select(_ => Run(seconds)).ToArray();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"dmn.triage-benchmark inputs=10 rules=32 hit_policy=COLLECT evaluations_per_s={runs.Max():F0} all_runs={string.Join('/', runs.Select(r => r.ToString("F0", CultureInfo.InvariantCulture)))} matches_seen={matched}"));
