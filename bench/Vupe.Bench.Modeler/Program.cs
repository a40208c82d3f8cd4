using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Xml.Linq;
using Microsoft.Playwright;

// Validation feedback in the process modeler (issue 14 target: < 300 ms after an edit on the largest catalogue
// process). Opens the catalogue process with the most elements in /disenador/proceso (headless chromium), then makes
// --edits edits by hand — moving a task with the mouse, renaming one by double-click — and times, per edit, from the
// change to the moment both bpmnlint's markers and the engine's answer (POST /api/deployments/validate) are on the page,
// one frame later (the modeler's `vupe:validated` event). Loopback URLs only.
// Usage: Vupe.Bench.Modeler --url http://127.0.0.1:5098 [--edits 30] [--warmup 3] [--password P]
// Last line: modeler_validation_p95_ms=<x> lint_p95_ms=<y>
var url = Arg("--url") ?? "http://127.0.0.1:5098";
var edits = int.Parse(Arg("--edits") ?? "30", CultureInfo.InvariantCulture);
var warmup = int.Parse(Arg("--warmup") ?? "3", CultureInfo.InvariantCulture);
var password = Arg("--password") ?? "Vupe.Demo.2026";
if (!Uri.TryCreate(url, UriKind.Absolute, out var baseUri) || !IPAddress.TryParse(baseUri.Host, out var host) || !IPAddress.IsLoopback(host))
{
    Console.Error.WriteLine("The modeler bench calls loopback addresses only (e.g. http://127.0.0.1:5098).");
    return 2;
}

var (key, elementCount, tasks) = LargestProcess(Path.Combine(FindRoot(), "workflows", "processes"));
Console.WriteLine($"# largest catalogue process: {key} ({elementCount} elements, {tasks.Count} tasks); {edits} edits after {warmup} warm-up edits");

using var playwright = await Playwright.CreateAsync();
var executable = Environment.GetEnvironmentVariable("VUPE_CHROMIUM") ?? "/usr/bin/chromium";
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = executable, Headless = true, Args = ["--no-sandbox"] });
var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = url, Locale = "es-PE", ViewportSize = new ViewportSize { Width = 1600, Height = 1000 } });
context.SetDefaultTimeout(20_000);
var page = await context.NewPageAsync();
var pageErrors = new List<string>();
page.PageError += (_, e) => pageErrors.Add(e);

await page.GotoAsync("/disenador");
await page.GetByLabel("Usuario").FillAsync("supervisor.nacional");
await page.GetByLabel("Contraseña").FillAsync(password);
await page.GetByRole(AriaRole.Button, new() { Name = "Ingresar" }).ClickAsync();
await page.Locator($"tr[data-key='{key}']").GetByRole(AriaRole.Link, new() { Name = "Abrir" }).ClickAsync();
await page.Locator(".vupe-modeler[data-ready='true']").WaitForAsync();
await Settled();
await page.EvaluateAsync("""
    () => {
      window.__vupeTimings = [];
      document.querySelector('.vupe-modeler').addEventListener('vupe:validated', (e) => {
        const d = e.detail;
        requestAnimationFrame(() => window.__vupeTimings.push({ total: performance.now() - d.startedAt, lint: d.lintMs, engine: d.engineMs }));
      });
    }
    """);

var total = new List<double>();
var lint = new List<double>();
var engine = new List<double>();
var wall = new List<double>();
for (var i = 0; i < warmup + edits; i++)
{
    var id = tasks[i % tasks.Count];
    var shape = page.Locator($".djs-shape[data-element-id='{id}']");
    var box = await shape.BoundingBoxAsync() ?? throw new InvalidOperationException($"{id} is not drawn");
    var (x, y) = (box.X + box.Width / 2, box.Y + box.Height / 2);
    var before = await page.EvaluateAsync<int>("() => window.__vupeTimings.length");
    var clock = Stopwatch.StartNew();
    if (i % 2 == 0)
    {
        var dx = i % 4 == 0 ? 24 : -24;
        await page.Mouse.MoveAsync((float)x, (float)y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync((float)(x + dx / 2.0), (float)y, new() { Steps = 3 });
        await page.Mouse.MoveAsync((float)(x + dx), (float)y, new() { Steps = 3 });
        clock.Restart();
        await page.Mouse.UpAsync();
    }
    else
    {
        await shape.DblClickAsync(new() { Position = new Position { X = (float)(box.Width / 2), Y = (float)(box.Height / 2) } });
        var editor = page.Locator(".djs-direct-editing-parent");
        await editor.WaitForAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync($"Tarea editada {i}");
        clock.Restart();
        await page.Keyboard.PressAsync("Enter");
    }
    await page.WaitForFunctionAsync("n => window.__vupeTimings.length > n", before, new() { Timeout = 20_000 });
    var elapsed = clock.Elapsed.TotalMilliseconds;
    var t = await page.EvaluateAsync<Timing>("() => window.__vupeTimings[window.__vupeTimings.length - 1]");
    if (i >= warmup)
    {
        total.Add(t.Total);
        lint.Add(t.Lint);
        engine.Add(t.Engine);
        wall.Add(elapsed);
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{(i < warmup ? "warm-up" : "edit")} {i + 1,2} {(i % 2 == 0 ? "move  " : "rename")} {id,-28} shown_ms={t.Total,6:F1} lint_ms={t.Lint,6:F1} engine_ms={t.Engine,6:F1} wall_ms={elapsed,6:F1}"));
    await Task.Delay(250); // a person's pause between edits; every edit is measured on its own
}
if (pageErrors.Count > 0) Console.WriteLine($"# page errors: {string.Join(" | ", pageErrors)}");

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# shown (lint + engine, in page)  p50={P(total, 50):F1} p95={P(total, 95):F1} max={total.Max():F1} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# bpmnlint markers                p50={P(lint, 50):F1} p95={P(lint, 95):F1} max={lint.Max():F1} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# engine answer shown             p50={P(engine, 50):F1} p95={P(engine, 95):F1} max={engine.Max():F1} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# from the driver (mouse up / Enter → event seen by Playwright) p50={P(wall, 50):F1} p95={P(wall, 95):F1} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"modeler_validation_p95_ms={P(total, 95):F0} lint_p95_ms={P(lint, 95):F0}"));
return pageErrors.Count == 0 ? 0 : 1;

async Task Settled() => await page.WaitForFunctionAsync(
    "() => { const r = document.querySelector('.vupe-modeler'); return r.dataset.revision && r.dataset.validatedRevision === r.dataset.revision; }");

static double P(List<double> values, int percentile)
{
    var sorted = values.Order().ToList();
    var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1;
    return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
}

// The process with the most elements (anything with an id inside <process>), and its tasks.
static (string Key, int Elements, List<string> Tasks) LargestProcess(string folder)
{
    XNamespace bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    return Directory.GetFiles(folder, "*.bpmn").Select(file =>
    {
        var process = XDocument.Load(file).Root!.Element(bpmn + "process")!;
        var elements = process.Descendants().Count(e => e.Attribute("id") is not null);
        var tasks = process.Elements().Where(e => e.Name.Namespace == bpmn && e.Name.LocalName.EndsWith("Task", StringComparison.Ordinal))
            .Select(e => (string)e.Attribute("id")!).ToList();
        return ((string)process.Attribute("id")!, elements, tasks);
    }).OrderByDescending(p => p.elements).ThenBy(p => p.Item1, StringComparer.Ordinal).First();
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "VupeCases.sln"))) return dir.FullName;
    return Directory.GetCurrentDirectory();
}

string? Arg(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

internal sealed record Timing(double Total, double Lint, double Engine);
