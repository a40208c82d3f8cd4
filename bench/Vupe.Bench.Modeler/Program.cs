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

var (key, elementCount, allTasks) = LargestProcess(Path.Combine(FindRoot(), "workflows", "processes"));
var tasks = allTasks;
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

// Tasks under the palette (left edge of a wide diagram fitted to the canvas) cannot be grabbed: edit the others.
var palette = await page.Locator(".djs-palette").BoundingBoxAsync();
var reachable = new List<string>();
foreach (var id in tasks)
{
    var box = await page.Locator($".djs-shape[data-element-id='{id}']").BoundingBoxAsync();
    if (box is not null && (palette is null || box.X > palette.X + palette.Width + 8 || box.Y > palette.Y + palette.Height + 8)) reachable.Add(id);
}
if (reachable.Count == 0) throw new InvalidOperationException("no task can be reached on the canvas");
tasks = reachable;
Console.WriteLine($"# editing {tasks.Count} tasks: {string.Join(", ", tasks)}");

var moved = new HashSet<string>();
var total = new List<double>();
var lint = new List<double>();
var engine = new List<double>();
var wall = new List<double>();
for (var i = 0; i < warmup + edits; i++)
{
    // Deselect first (a click on the empty lower part of the canvas): the previous element's context pad would cover the next one.
    var canvasBox = (await page.Locator(".vupe-modeler-canvas").BoundingBoxAsync())!;
    await page.Mouse.ClickAsync(canvasBox.X + canvasBox.Width * 0.7f, canvasBox.Y + canvasBox.Height - 40);
    var id = tasks[i % tasks.Count];
    var shape = page.Locator($".djs-shape[data-element-id='{id}']");
    var box = await shape.BoundingBoxAsync() ?? throw new InvalidOperationException($"{id} is not drawn");
    var (x, y) = (box.X + box.Width / 2, box.Y + box.Height / 2);
    var before = await page.EvaluateAsync<int>("() => window.__vupeTimings.length");
    var clock = Stopwatch.StartNew();
    if (i % 2 == 0)
    {
        // Down into the free space under the row, and back up the next time: a drop onto another shape is refused.
        var dy = moved.Remove(id) ? -18 : 18;
        if (dy > 0) moved.Add(id);
        await page.Mouse.MoveAsync((float)x, (float)y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync((float)x, (float)(y + dy / 2.0), new() { Steps = 3 });
        await page.Mouse.MoveAsync((float)x, (float)(y + dy), new() { Steps = 3 });
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
    try
    {
        await page.WaitForFunctionAsync("n => window.__vupeTimings.length > n", before, new() { Timeout = 20_000 });
    }
    catch (TimeoutException)
    {
        var shot = Path.Combine(Path.GetTempPath(), "vupe-modeler-bench.png");
        await page.ScreenshotAsync(new() { Path = shot });
        Console.Error.WriteLine($"edit {i + 1} ({id}) was not validated within 20 s; screenshot: {shot}");
        throw;
    }
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

async Task Settled()
{
    try
    {
        await page.WaitForFunctionAsync(
            "() => { const r = document.querySelector('.vupe-modeler'); return r.dataset.revision && r.dataset.validatedRevision === r.dataset.revision; }");
    }
    catch (TimeoutException)
    {
        Console.Error.WriteLine($"the modeler did not settle: {await page.EvaluateAsync<string>("() => JSON.stringify(document.querySelector('.vupe-modeler').dataset)")}");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "vupe-modeler-bench.png") });
        throw;
    }
}

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

internal sealed class Timing
{
    public double Total { get; set; }
    public double Lint { get; set; }
    public double Engine { get; set; }
}
