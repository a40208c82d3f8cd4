using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Vupe.Server.Tests.Ui;

/// <summary>
/// The real server on a real Kestrel port and Debian's chromium driven by Playwright (no browser is downloaded:
/// the test script installs the `chromium` package). A failing test leaves a screenshot in TestResults/screenshots.
/// </summary>
public abstract class BrowserTestBase
{
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private readonly List<IBrowserContext> _contexts = [];
    // Whatever the Content-Security-Policy blocked (a script without its nonce, an inline handler, eval): a test that
    // passes while the browser refused something would hide a broken page.
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _policyViolations = [];
    protected VupeServerFactory Factory { get; private set; } = null!;

    /// <summary>Makes the server's simulated RENIEC know this person, so a test can type exactly these names at the front desk (registration checks them).</summary>
    protected void KnownToReniec(string dni, string givenNames, string paternalSurname, string maternalSurname, DateOnly birthDate) =>
        Factory.Services.GetRequiredService<Vupe.Connectors.Simulation.SimulatorControl>().SetIdentity(dni,
            new Vupe.Connectors.CitizenIdentity(dni, givenNames, paternalSurname, maternalSurname, birthDate, "Av. Prueba 123, Lima, Lima, Lima"));
    protected string BaseUrl { get; private set; } = "";
    protected IPage Page { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartServerAndBrowser()
    {
        Factory = new VupeServerFactory();
        Configure(Factory.Settings);
        Factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        Factory.StartServer();
        BaseUrl = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Factory.ClientOptions.BaseAddress = new Uri(BaseUrl);
        _playwright = await Playwright.CreateAsync();
        var executable = Environment.GetEnvironmentVariable("VUPE_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(executable)) Assert.Fail($"{executable} is missing: run scripts/install-prerequisites.sh (Debian package chromium).");
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = executable, Headless = true, Args = ["--no-sandbox"] });
    }

    /// <summary>Settings of this fixture's server, given before it starts (e.g. a rate limit a fixture with several sign-ups needs raised).</summary>
    protected virtual void Configure(Dictionary<string, string?> settings)
    {
    }

    [SetUp]
    public async Task OpenPage() => Page = await NewPageAsync();

    /// <summary>A fresh browser profile (its own cookies): another user at another desk.</summary>
    protected async Task<IPage> NewPageAsync()
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, Locale = "es-PE", TimezoneId = "America/Lima" });
        context.SetDefaultTimeout(15_000);
        context.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) _policyViolations.Enqueue(message.Text);
        };
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    [TearDown]
    public async Task ScreenshotOnFailure()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            var folder = Path.Combine(RepositoryRoot(), "TestResults", "screenshots");
            Directory.CreateDirectory(folder);
            var index = 0;
            foreach (var context in _contexts)
                foreach (var page in context.Pages)
                    await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{TestContext.CurrentContext.Test.Name}-{index++}.png"), FullPage = true });
        }
        foreach (var context in _contexts) await context.CloseAsync();
        _contexts.Clear();
        var violations = _policyViolations.ToArray();
        _policyViolations.Clear();
        Assert.That(violations, Is.Empty, "the Content-Security-Policy blocked something on the page");
    }

    [OneTimeTearDown]
    public async Task StopServerAndBrowser()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
        await Factory.DisposeAsync();
    }

    /// <summary>
    /// Fails unless the page fits <paramref name="width"/> px across (no sideways scrolling: the document's scroll width is
    /// at most the screen's); the message names <paramref name="what"/>, the page, its width and the first elements that
    /// stick out past the right edge.
    /// </summary>
    protected static async Task AssertFitsAsync(IPage page, int width, string what)
    {
        var overflow = await OverflowAsync(page, width);
        Assert.That(overflow, Is.Null, $"{what} does not fit a {width} px screen: {overflow}");
    }

    /// <summary>Null when the page fits <paramref name="width"/> px across; otherwise how wide it is and what sticks out (for tests that collect every page's failure).</summary>
    protected static async Task<string?> OverflowAsync(IPage page, int width)
    {
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        if (scrollWidth <= width) return null;
        var widest = await page.EvaluateAsync<string>(
            "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > innerWidth + 1).slice(0, 3).map(e => e.tagName + '.' + e.className).join(', ')");
        return $"{new Uri(page.Url).PathAndQuery} is {scrollWidth} px wide on a {width} px screen (sticking out: {(widest.Length == 0 ? "nothing visible" : widest)})";
    }

    protected static async Task SignInAsync(IPage page, string userName)
    {
        await page.GetByLabel("Usuario").FillAsync(userName);
        await page.GetByLabel("Contraseña").FillAsync(VupeServerFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ingresar" }).ClickAsync();
    }

    /// <summary>
    /// Signs in and waits until the browser has left the sign-in page. Given longer than other waits: the first sign-in
    /// of a fixture also renders its landing page for the first time, which took over 15 s on 2 loaded cores.
    /// </summary>
    protected static async Task SignInAndLandAsync(IPage page, string userName)
    {
        await SignInAsync(page, userName);
        await page.WaitForURLAsync(url => !url.Contains("/ingresar", StringComparison.Ordinal), new() { Timeout = 60_000 });
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "VupeCases.sln"))) dir = dir.Parent;
        return dir?.FullName ?? AppContext.BaseDirectory;
    }
}
