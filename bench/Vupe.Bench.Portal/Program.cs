using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Vupe.Connectors.Simulation;
using Vupe.Server.Parties;

// Mi VUPE's and VUPE Empresas' pages as a phone loads them (issue 18 targets: ≤ 150 KB compressed per page, first
// contentful paint < 1.5 s, form usable < 3 s on a throttled phone). Signs a citizen and a company up through the pages
// (the codes read from the server's mail pickup folder; the company, unknown to the VUPE, drafts one vacancy while «En
// validación»), then loads every portal page cold — the public ones, every /mi-vupe page linked from the citizen's
// signed-in home and every /empresas page linked from the company's, two levels deep — in a fresh 390×844 context with DevTools' "Fast 3G" (562.5 ms latency,
// 1.44 Mbit/s down ×0.9, 675 kbit/s up ×0.9) and the CPU slowed ×4. Per page: bytes on the wire, the same bytes
// gzip-compressed (what a compressing proxy sends; the server itself does not compress), first contentful paint, and
// "usable": the later of that paint and the load event's end — the form is on screen and every script it needs has
// run. Loopback URLs only.
// Usage: Vupe.Bench.Portal --url http://127.0.0.1:5099 --data <the server's data folder> [--runs 3]
// Last line: pages=<n> max_kb_gzip=<x> max_fcp_ms=<y> max_usable_ms=<z> over_target=<k>
var url = Arg("--url") ?? "http://127.0.0.1:5099";
var data = Arg("--data") ?? throw new ArgumentException("--data <the server's data folder> is required (the sign-up code is mailed there)");
var runs = int.Parse(Arg("--runs") ?? "3", CultureInfo.InvariantCulture);
if (!Uri.TryCreate(url, UriKind.Absolute, out var baseUri) || !IPAddress.TryParse(baseUri.Host, out var host) || !IPAddress.IsLoopback(host))
{
    Console.Error.WriteLine("The portal bench calls loopback addresses only (e.g. http://127.0.0.1:5099).");
    return 2;
}
const double KbTarget = 150, FcpTarget = 1500, UsableTarget = 3000;

using var playwright = await Playwright.CreateAsync();
var executable = Environment.GetEnvironmentVariable("VUPE_CHROMIUM") ?? "/usr/bin/chromium";
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = executable, Headless = true, Args = ["--no-sandbox"] });
var phone = new BrowserNewContextOptions
{
    BaseURL = url, Locale = "es-PE", ViewportSize = new ViewportSize { Width = 390, Height = 844 }, DeviceScaleFactor = 3, IsMobile = true, HasTouch = true,
};

// A citizen of the RENIEC simulator signs up, as in the browser tests.
var dni = (46_000_000 + Random.Shared.Next(1_000_000)).ToString(CultureInfo.InvariantCulture);
var citizen = SimulatedPopulation.Find(dni).Identity!;
var email = $"bench{dni}@correo.pe";
string storage;
await using (var signUp = await browser.NewContextAsync(phone))
{
    var page = await signUp.NewPageAsync();
    await page.GotoAsync("/mi-vupe/registro");
    await page.GetByLabel("Número de DNI").FillAsync(dni);
    await page.Locator("#check").FillAsync(DocumentNumbers.DniCheck(dni).Letter.ToString());
    await page.GetByLabel("Fecha de nacimiento").FillAsync(citizen.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    await page.Locator("#contact").FillAsync(email);
    await page.GetByRole(AriaRole.Button, new() { Name = "Enviarme un código" }).ClickAsync();
    await page.Locator("#codigo-enviado").WaitForAsync();
    await page.GetByLabel("Código de 6 dígitos").FillAsync(MailedCode(Path.Combine(data, "correo"), email));
    await page.Locator("#password").FillAsync("Clave2026Segura");
    await page.Locator("#password-again").FillAsync("Clave2026Segura");
    await page.GetByRole(AriaRole.Button, new() { Name = "Crear mi cuenta" }).ClickAsync();
    await page.WaitForURLAsync(u => u.Contains("/mi-vupe", StringComparison.Ordinal) && !u.Contains("registro", StringComparison.Ordinal));
    storage = await signUp.StorageStateAsync();
}

// A company the VUPE does not know signs up (the SUNAT simulator holds any valid RUC as ACTIVO and HABIDO) and drafts a vacancy.
var rucBody = "20" + Random.Shared.Next(10_000_000, 90_000_000).ToString(CultureInfo.InvariantCulture);
var ruc = rucBody + DocumentNumbers.RucCheckDigit(rucBody);
var companyEmail = $"bench{ruc}@empresa.pe";
string companyStorage;
await using (var signUp = await browser.NewContextAsync(phone))
{
    var page = await signUp.NewPageAsync();
    await page.GotoAsync("/empresas/registro");
    await page.GetByLabel("RUC").FillAsync(ruc);
    await page.Locator("#email").FillAsync(companyEmail);
    await page.GetByRole(AriaRole.Button, new() { Name = "Enviarme un código" }).ClickAsync();
    await page.Locator("#codigo-enviado").WaitForAsync();
    await page.GetByLabel("Código de 6 dígitos").FillAsync(MailedCode(Path.Combine(data, "correo"), companyEmail));
    await page.Locator("#password").FillAsync("Empresa2026Segura");
    await page.Locator("#password-again").FillAsync("Empresa2026Segura");
    await page.GetByRole(AriaRole.Button, new() { Name = "Crear la cuenta" }).ClickAsync();
    await page.WaitForURLAsync(u => u.Contains("/empresas?bienvenida=1", StringComparison.Ordinal));
    await page.GotoAsync("/empresas/vacantes/publicar");
    await page.GetByLabel("Puesto", new() { Exact = true }).FillAsync("Ayudante de cocina");
    await page.GetByLabel("Descripción").FillAsync("Apoyo en cocina, turno mañana.");
    await page.GetByLabel("Ocupación").SelectOptionAsync("5120");
    await page.GetByLabel("Ubigeo del lugar de trabajo").FillAsync("150101");
    await page.GetByLabel("Fecha de cierre").FillAsync(DateTime.UtcNow.AddDays(20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    await page.GetByRole(AriaRole.Button, new() { Name = "Publicar la vacante" }).ClickAsync();
    await page.WaitForURLAsync(u => u.Contains("/empresas/vacantes/", StringComparison.Ordinal) && !u.Contains("publicar", StringComparison.Ordinal));
    companyStorage = await signUp.StorageStateAsync();
}

// The pages: the public ones, then what each signed-in home links to (two levels), never signing out or downloading.
var pages = new List<(string Path, string? Storage)>
{
    ("/mi-vupe/ingresar", null), ("/mi-vupe/registro", null), ("/solicitar-cul", null), ("/verificar", null), ("/empresas/ingresar", null), ("/empresas/registro", null),
};
await CrawlAsync("/mi-vupe", storage);
await CrawlAsync("/empresas", companyStorage);

Console.WriteLine($"# {pages.Count} pages, {runs} cold loads each (the median is reported); Fast 3G, CPU ×4, 390×844");
Console.WriteLine("# page | kb_wire | kb_gzip | requests | fcp_ms | usable_ms");
var results = new List<(string Path, double KbGzip, double Fcp, double Usable)>();
foreach (var (path, session) in pages)
{
    var loads = new List<(double KbWire, double KbGzip, int Requests, double Fcp, double Usable)>();
    for (var run = 0; run < runs; run++)
    {
        await using var context = await browser.NewContextAsync(session is not null ? new BrowserNewContextOptions(phone) { StorageState = session } : phone);
        var page = await context.NewPageAsync();
        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Network.enable");
        await cdp.SendAsync("Network.setCacheDisabled", new Dictionary<string, object> { ["cacheDisabled"] = true });
        await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false, ["latency"] = 562.5, ["downloadThroughput"] = 1.44 * 1000 * 1000 / 8 * 0.9, ["uploadThroughput"] = 675.0 * 1000 / 8 * 0.9,
        });
        await cdp.SendAsync("Emulation.setCPUThrottlingRate", new Dictionary<string, object> { ["rate"] = 4 });
        var bodies = new List<Task<(long Wire, long Gzip)>>();
        page.Response += (_, response) => bodies.Add(SizesAsync(response));
        var answer = await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = 60_000 });
        if (answer is null || answer.Status != 200) throw new InvalidOperationException($"{path} answered {answer?.Status}");
        var timing = await page.EvaluateAsync<JsonElement>("""
            () => new Promise(resolve => {
              const nav = performance.getEntriesByType('navigation')[0];
              const done = fcp => resolve({ fcp, usable: Math.max(fcp, nav.loadEventEnd) });
              const paint = performance.getEntriesByName('first-contentful-paint')[0];
              if (paint) return done(paint.startTime);
              new PerformanceObserver(list => done(list.getEntriesByName('first-contentful-paint')[0].startTime)).observe({ type: 'paint', buffered: true });
            })
            """);
        var sizes = await Task.WhenAll(bodies);
        loads.Add((sizes.Sum(s => s.Wire) / 1024.0, sizes.Sum(s => s.Gzip) / 1024.0, sizes.Length, timing.GetProperty("fcp").GetDouble(), timing.GetProperty("usable").GetDouble()));
    }
    var median = loads.OrderBy(l => l.Usable).ElementAt(loads.Count / 2);
    results.Add((path, median.KbGzip, loads.Select(l => l.Fcp).Order().ElementAt(loads.Count / 2), median.Usable));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"# {path} | {median.KbWire:F1} | {median.KbGzip:F1} | {median.Requests} | {results[^1].Fcp:F0} | {median.Usable:F0}"));
}

var over = results.Count(r => r.KbGzip > KbTarget || r.Fcp > FcpTarget || r.Usable > UsableTarget);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"pages={results.Count} max_kb_gzip={results.Max(r => r.KbGzip):F1} max_fcp_ms={results.Max(r => r.Fcp):F0} max_usable_ms={results.Max(r => r.Usable):F0} over_target={over}"));
return 0;

async Task CrawlAsync(string home, string sessionStorage)
{
    await using var crawl = await browser.NewContextAsync(new BrowserNewContextOptions(phone) { StorageState = sessionStorage });
    var page = await crawl.NewPageAsync();
    var seen = new HashSet<string>(StringComparer.Ordinal) { home };
    var frontier = new List<string> { home };
    pages.Add((home, sessionStorage));
    for (var depth = 0; depth < 2; depth++)
    {
        var next = new List<string>();
        foreach (var path in frontier)
        {
            await page.GotoAsync(path);
            foreach (var href in await page.EvalOnSelectorAllAsync<string[]>($"a[href^='{home}']", "as => as.map(a => a.getAttribute('href'))"))
            {
                var link = href.Split('#')[0];
                if (link.Contains("salir", StringComparison.Ordinal) || link.Contains("descargar", StringComparison.Ordinal) || link.Contains("externo", StringComparison.Ordinal)
                    || link.Contains("ingresar", StringComparison.Ordinal) || link.Contains("registro", StringComparison.Ordinal)
                    || link.Contains("handler=", StringComparison.Ordinal) // a download (the data as PDF or JSON), not a page
                    || link.EndsWith(".pdf", StringComparison.Ordinal) || link.EndsWith(".json", StringComparison.Ordinal) || !seen.Add(link)) continue;
                next.Add(link);
                pages.Add((link, sessionStorage));
            }
        }
        frontier = next;
    }
}

static async Task<(long Wire, long Gzip)> SizesAsync(IResponse response)
{
    byte[] body;
    try
    {
        body = await response.BodyAsync();
    }
    catch (PlaywrightException)
    {
        return (0, 0); // a redirect has no body
    }
    var headers = await response.AllHeadersAsync();
    var headerBytes = headers.Sum(h => h.Key.Length + h.Value.Length + 4);
    using var compressed = new MemoryStream();
    await using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        await gzip.WriteAsync(body);
    return (body.Length + headerBytes, compressed.Length + headerBytes);
}

static string MailedCode(string folder, string address)
{
    for (var attempt = 0; attempt < 50; attempt++)
    {
        var code = Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.eml").OrderByDescending(File.GetLastWriteTimeUtc).Select(f => MimeKit.MimeMessage.Load(f))
                .Where(m => m.To.Mailboxes.Any(b => b.Address.Equals(address, StringComparison.OrdinalIgnoreCase)))
                .Select(m => Regex.Match(m.TextBody ?? "", @"es (\d{6})\.")).FirstOrDefault(m => m.Success)?.Groups[1].Value
            : null;
        if (code is not null) return code;
        Thread.Sleep(100);
    }
    throw new InvalidOperationException($"no code was mailed to {address} in {folder}");
}

static string? Arg(string name)
{
    var args = Environment.GetCommandLineArgs();
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
