using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CsCheck;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vupe.Dmn;
using Vupe.Engine;
using Vupe.Feel;
using Vupe.Forms;
using Vupe.Server.Data;

namespace Vupe.Server.Tests;

/// <summary>
/// Fuzzing with CsCheck (issue 17): FEEL expressions, DMN, BPMN and form schemas (mutations of the catalogue's own
/// files) and API JSON payloads. A failure is an exception other than the format's documented refusal, an
/// evaluation that does not finish, a 500, or a refused request that wrote something. Fixed seeds; 1,000 inputs per
/// format here, VUPE_FUZZ_INPUTS for more (bench/fuzz.sh runs 10,000). Each format reports
/// "fuzz {format} inputs={n} failures={n}" (and appends it to VUPE_FUZZ_REPORT when set).
/// </summary>
[Category("Fuzz")]
public sealed class FuzzTests : ServerTestBase
{
    private const ulong Seed = 20_261_206;

    // Inputs the format accepted (parsed, no deployment problem, a 2xx): a fuzzer whose every input is refused at the first byte tests little.
    private int _accepted;

    private static int Inputs => int.TryParse(Environment.GetEnvironmentVariable("VUPE_FUZZ_INPUTS"), out var n) && n > 0 ? n : 1000;

    private static string Root => Ui.BrowserTestBase.RepositoryRoot();

    private static string[] Files(string folder, string pattern) =>
        [.. Directory.GetFiles(Path.Combine(Root, "workflows", folder), pattern).Order(StringComparer.Ordinal).Select(File.ReadAllText)];

    /// <summary>Runs <see cref="Inputs"/> inputs of <paramref name="gen"/> (seeded per format) through <paramref name="check"/>, which answers a failure or null.</summary>
    private async Task RunAsync<T>(string format, uint stream, Gen<T> gen, Func<T, Task<string?>> check, Func<T, string> show)
    {
        var pcg = new PCG(stream, Seed);
        _accepted = 0;
        var failures = new List<string>();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Inputs; i++)
        {
            var input = gen.Generate(pcg, null, out _);
            string? problem;
            try { problem = await check(input); }
            catch (Exception e) { problem = $"{e.GetType().Name}: {e.Message}\n    at {string.Join(" < ", (e.StackTrace ?? "").Split('\n').Take(4).Select(l => l.Trim()))}"; }
            if (problem is not null) failures.Add($"#{i} {problem}\n    input: {Shorten(show(input))}");
        }
        var line = $"fuzz {format} inputs={Inputs} failures={failures.Count} accepted={_accepted} seconds={watch.Elapsed.TotalSeconds:0.0}";
        await TestContext.Progress.WriteLineAsync(line);
        if (Environment.GetEnvironmentVariable("VUPE_FUZZ_REPORT") is { Length: > 0 } report) await File.AppendAllTextAsync(report, line + "\n");
        Assert.That(failures, Is.Empty, string.Join("\n", failures.Take(20)));
    }

    private static string Shorten(string s) => s.Length <= 400 ? s : s[..400] + "…";

    /// <summary>Text an attacker or a clumsy editor might put anywhere.</summary>
    private static readonly string[] Nasty =
    [
        "", " ", "\0", "\u202E", "\uFFFF", "\uD800", "<", ">", "&", "&amp;", "&#0;", "]]>", "<![CDATA[", "\"", "'", "=", "${x}", "{{x}}", "null", "-1", "0",
        "99999999999999999999999999", "1e400", "NaN", "P-1D", "R/P1D", "PT0S", "=x", "= ", "=if then", "=[1..99999999999]", "=for i in 1..99999999 return i",
        "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>", "&e;", "xmlns=\"\"", "bpmn:", "{", "}", "[", "]", ":", ",", "\\", "\\u0000",
    ];

    /// <summary>A mutation of one of <paramref name="seeds"/>: cut, duplicate, insert nasty text, swap a quoted value, or truncate; 1 to 4 times.</summary>
    private static Gen<string> Mutations(string[] seeds) =>
        Gen.Select(Gen.Int[0, seeds.Length - 1], Gen.Int[1, 4], Gen.Int.Array[12], Gen.Int[0, Nasty.Length - 1].Array[4], (file, count, numbers, nasty) =>
        {
            var text = seeds[file];
            for (var m = 0; m < count; m++)
            {
                var at = (int)((uint)numbers[m * 3] % (uint)Math.Max(1, text.Length));
                var length = (int)((uint)numbers[m * 3 + 1] % 64);
                var end = Math.Min(text.Length, at + length);
                text = ((uint)numbers[m * 3 + 2] % 6) switch
                {
                    0 => text.Remove(at, end - at),
                    1 => text.Insert(at, text[at..end]),
                    2 => text.Insert(at, Nasty[nasty[m]]),
                    3 => ReplaceQuoted(text, at, Nasty[nasty[m]]),
                    4 => text[..at],
                    _ => text.Insert(at, new string(text[at..end].Reverse().ToArray())),
                };
            }
            return text;
        });

    private static string ReplaceQuoted(string text, int at, string value)
    {
        var open = text.IndexOf('"', at);
        if (open < 0) return text;
        var close = text.IndexOf('"', open + 1);
        return close < 0 ? text : string.Concat(text.AsSpan(0, open + 1), value, text.AsSpan(close));
    }

    [Test]
    public async Task Feel_expressions_parse_or_are_refused_and_evaluate_to_a_value_in_time()
    {
        string[] tokens =
        [
            "1", "0", "-1", "2.5", "99999999999999999999", "x", "s", "l", "c", "c.a", "l[1]", "l[-1]", "l[x > 1]", "\"a\"", "\"\"", "null", "true", "false",
            "+", "-", "*", "/", "**", "=", "!=", "<", "<=", ">", ">=", "and", "or", "(", ")", "[", "]", "{", "}", ":", ",", ".", "..", "?",
            "if", "then", "else", "for", "i", "in", "return", "some", "every", "satisfies", "between", "instance of", "number", "string",
            "function(a)", "not(", "sum(", "count(", "min(", "max(", "substring(", "string length(", "upper case(", "date(\"2026-01-01\")",
            "date and time(\"2026-01-01T10:00:00\")", "duration(\"P1D\")", "@\"P1Y\"", "@\"2026-02-30\"", "now()", "today()", "list contains(",
            "append(", "concatenate(", "flatten(", "sort(", "matches(", "replace(", "split(", "decimal(", "floor(", "round half up(", "abs(",
            "modulo(", "sqrt(", "log(", "exp(", "odd(", "even(", "distinct values(", "get value(", "context put(", "range(", "\"\\u0000\"", "\u202E",
            "1..3", "x..1000000", "i+1", "x**x", "10**400", "1/0", "0/0",
        ];
        // Half token soup (the parser's refusals), half expressions built from FEEL's grammar (the evaluator's corners).
        var soup = Gen.Int[0, tokens.Length - 1].Array[1, 14].Select(a => string.Join(" ", a.Select(i => tokens[i])));
        var grammar = Gen.Int.Array[64].Select(numbers =>
        {
            var next = 0;
            int Pick(int n) => (int)((uint)numbers[next++ % numbers.Length] % (uint)n);
            string Atom() => tokens[Pick(20)];
            string Expr(int depth)
            {
                if (depth > 4) return Atom();
                return Pick(10) switch
                {
                    0 => $"{Expr(depth + 1)} {new[] { "+", "-", "*", "/", "**", "=", "<", "and", "or", "!=" }[Pick(10)]} {Expr(depth + 1)}",
                    1 => $"if {Expr(depth + 1)} then {Expr(depth + 1)} else {Expr(depth + 1)}",
                    2 => $"for i in {Expr(depth + 1)}..{Expr(depth + 1)} return {Expr(depth + 1)}",
                    3 => $"[{Expr(depth + 1)}, {Expr(depth + 1)}]",
                    4 => $"{{a: {Expr(depth + 1)}, b: {Expr(depth + 1)}}}",
                    5 => $"{new[] { "sum", "count", "min", "max", "string length", "upper case", "abs", "floor", "sqrt", "date", "duration", "string", "number", "not", "flatten", "distinct values", "sort", "reverse", "decimal", "list contains" }[Pick(20)]}({Expr(depth + 1)})",
                    6 => $"some i in {Expr(depth + 1)} satisfies {Expr(depth + 1)}",
                    7 => $"{Expr(depth + 1)} between {Expr(depth + 1)} and {Expr(depth + 1)}",
                    8 => $"{Expr(depth + 1)}[{Expr(depth + 1)}]",
                    _ => Atom(),
                };
            }
            return Expr(0);
        });
        var gen = Gen.Frequency((1, soup), (1, grammar));
        var scope = new FeelScope(new Dictionary<string, object?>
        {
            ["x"] = 5m, ["s"] = "texto", ["l"] = new List<object?> { 1m, 2m, 3m }, ["c"] = new Dictionary<string, object?> { ["a"] = 1m },
        });
        await RunAsync("feel", 1, gen, async source =>
        {
            FeelExpression expression;
            try { expression = Vupe.Feel.Feel.Parse(source); }
            catch (FeelException) { return null; }
            var evaluation = Task.Run(() =>
            {
                try { if (expression.Evaluate(scope) is not FeelNull) Interlocked.Increment(ref _accepted); }
                catch (FeelException) { /* a documented refusal */ }
            });
            return await Task.WhenAny(evaluation, Task.Delay(TimeSpan.FromSeconds(5))) == evaluation
                ? (evaluation.Exception is { } e ? $"{e.InnerException!.GetType().Name}: {e.InnerException.Message}" : null)
                : "did not finish in 5 s";
        }, s => s);
    }

    [Test]
    public async Task Dmn_files_parse_or_are_refused_and_deploy_validation_never_throws()
    {
        var repository = Factory.Services.GetRequiredService<ProcessEngine>().Repository;
        await RunAsync("dmn", 2, Mutations(Files("decisions", "*.dmn")), xml =>
        {
            try
            {
                var definitions = DmnParser.Parse(xml);
                if (definitions.Decisions is [{ } decision, ..])
                {
                    try { _ = DmnEvaluator.Evaluate(definitions, decision.Label, new Dictionary<string, object?> { ["edad"] = 30m, ["situacionLaboral"] = "desempleado" }); }
                    catch (Exception e) when (e is DmnModelException or DmnEvaluationException or FeelException) { /* documented refusals: the engine makes them incidents */ }
                }
            }
            catch (DmnModelException) { }
            if (repository.Validate([new DeploymentResource("fuzz.dmn", xml)]).Count == 0) _accepted++;
            return Task.FromResult<string?>(null);
        }, s => s);
    }

    [Test]
    public async Task Bpmn_files_get_located_problems_from_deploy_validation_and_never_an_exception()
    {
        var repository = Factory.Services.GetRequiredService<ProcessEngine>().Repository;
        await RunAsync("bpmn", 3, Mutations(Files("processes", "*.bpmn")), xml =>
        {
            if (repository.Validate([new DeploymentResource("fuzz.bpmn", xml)]).Count == 0) _accepted++;
            return Task.FromResult<string?>(null);
        }, s => s);
    }

    [Test]
    public async Task Form_schemas_parse_or_are_refused_and_validate_any_data()
    {
        var repository = Factory.Services.GetRequiredService<ProcessEngine>().Repository;
        var data = new Dictionary<string, object?>
        {
            ["edad"] = "treinta", ["serviciosConfirmados"] = new List<object?> { 1m, null }, ["fechaInicio"] = "2026-02-30", ["asistencia"] = new Dictionary<string, object?>(),
        };
        await RunAsync("form", 4, Mutations(Files("forms", "*.form.json")), json =>
        {
            try
            {
                var schema = FormSchema.Parse(json);
                _ = schema.Validate(data);
                _ = schema.Validate(new Dictionary<string, object?>());
            }
            catch (FormSchemaException) { }
            if (repository.Validate([new DeploymentResource("fuzz.form.json", json)]).Count == 0) _accepted++;
            return Task.FromResult<string?>(null);
        }, s => s);
    }

    [Test]
    public async Task Api_payloads_never_answer_500_and_a_refused_request_writes_nothing()
    {
        var client = await As("consultor.lim");
        var designer = await As("supervisor.nacional");
        var partyId = (await CreatePersonAsync()).GetProperty("id").GetGuid();
        var contexts = Factory.Services.GetRequiredService<IDbContextFactory<VupeDbContext>>();
        var engine = Factory.Services.GetRequiredService<ProcessEngine>();
        Guid task = await FreshTaskAsync();

        async Task<Guid> FreshTaskAsync()
        {
            var opened = await client.PostAsJsonAsync("/api/cases", new { partyId, procedure = "orientacion" });
            var id = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            var taskId = (await FirstTaskOfCaseAsync(id)).GetProperty("id").GetGuid();
            (await client.PostAsync($"/api/tasks/{taskId}/claim", null)).EnsureSuccessStatusCode();
            return taskId;
        }

        async Task<(int Audit, int Cases)> CountsAsync()
        {
            await using var db = await contexts.CreateDbContextAsync();
            return (await db.AuditEntries.CountAsync(), await engine.Cases.CountAsync(new Vupe.Engine.Persistence.CaseFilter()));
        }

        string[] valid =
        [
            JsonSerializer.Serialize(new { partyId, procedure = "orientacion", variables = new { interes = "Electricidad" } }),
            JsonSerializer.Serialize(new { data = new { interes = "Gastronomía" }, version = 1 }),
            JsonSerializer.Serialize(new { inputs = new { edad = 30, situacionLaboral = "desempleado" } }),
        ];
        var bpmn = Files("processes", "*.bpmn")[0];
        var gen = Gen.Select(Gen.Int[0, 3], Mutations(valid), Mutations([bpmn]));
        await RunAsync("api", 5, gen, async input =>
        {
            var (endpoint, json, file) = input;
            var before = await CountsAsync();
            HttpResponseMessage response = endpoint switch
            {
                0 => await client.PostAsync("/api/cases", new StringContent(json, Encoding.UTF8, "application/json")),
                1 => await client.PostAsync($"/api/tasks/{task}/complete", new StringContent(json, Encoding.UTF8, "application/json")),
                2 => await designer.PostAsync("/api/decisions/triaje-empleabilidad/evaluate", new StringContent(json, Encoding.UTF8, "application/json")),
                _ => await designer.PostAsync("/api/deployments/validate", new MultipartFormDataContent { { new StringContent(file), "files", "fuzz.bpmn" } }),
            };
            var status = (int)response.StatusCode;
            if (status < 300) _accepted++;
            if (status >= 500) return $"{status} {await response.Content.ReadAsStringAsync()}";
            if (endpoint == 1 && status == 204) task = await FreshTaskAsync();
            if (status >= 400 && await CountsAsync() is var after && after != before)
                return $"{status} but audit entries {before.Audit}→{after.Audit}, cases {before.Cases}→{after.Cases}";
            return null;
        }, i => $"endpoint {i.Item1}: {(i.Item1 == 3 ? i.Item3 : i.Item2)}");
    }

    [Test]
    public void What_the_fuzzer_found_is_a_located_problem_or_a_form_refusal_not_an_exception()
    {
        var repository = Factory.Services.GetRequiredService<ProcessEngine>().Repository;
        const string bpmn = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:vupe="http://vupecases.pe/schema/bpmn/1.0" id="d" targetNamespace="t">
              <bpmn:process id="p" isExecutable="true">
                <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t1" />
                <bpmn:serviceTask id="t1" vupe:type="registrar-diagnostico">
                  <bpmn:extensionElements><vupe:header key="detalles" value="a" /><vupe:header key="detalles" value="b" /></bpmn:extensionElements>
                </bpmn:serviceTask>
                <bpmn:sequenceFlow id="f2" sourceRef="t1" targetRef="e" /><bpmn:endEvent id="e" />
              </bpmn:process>
            </bpmn:definitions>
            """;
        var problems = repository.Validate([new DeploymentResource("cabeceras.bpmn", bpmn)]);
        Assert.That(problems.Select(p => p.Message), Has.Some.Contains("detalles"));
        var refusal = Assert.Throws<FormSchemaException>(() => FormSchema.Parse("{\"components\": [{\"type\": \"textfield\", \"key\": \"a\ud800\"}]}"))!;
        Assert.That(refusal.Message, Does.Contain("sustituto UTF-16").Or.Contain("surrogate"));
    }
}
