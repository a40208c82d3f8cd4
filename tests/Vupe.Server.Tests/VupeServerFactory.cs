using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace Vupe.Server.Tests;

/// <summary>
/// The real server in memory (TestServer) on real SQLite files in a fresh temp folder (or a fresh PostgreSQL
/// database: <see cref="TestStore.Postgres"/>), with real Hangfire, the demo users and the test catalogue (Catalogue/).
/// </summary>
public sealed class VupeServerFactory : WebApplicationFactory<Program>
{
    /// <param name="postgres">A database an earlier server of the test used (a restart), instead of a fresh one.</param>
    public VupeServerFactory(string? dataDirectory = null, bool keepData = false, TestStore store = TestStore.Sqlite, TestPostgresDatabase? postgres = null)
    {
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "vupe-server-tests", Guid.NewGuid().ToString("N"));
        _keepData = keepData;
        if (store == TestStore.Postgres || postgres is not null)
        {
            Postgres = postgres ?? new TestPostgresDatabase();
            Settings["Vupe:Database:Provider"] = "PostgreSql";
            Settings["Vupe:Database:ConnectionString"] = Postgres.ConnectionString;
        }
    }

    /// <summary>The fixture's PostgreSQL database, when it runs on one (blobs stay in <see cref="DataDirectory"/>).</summary>
    public TestPostgresDatabase? Postgres { get; }

    private readonly bool _keepData;

    public string DataDirectory { get; }

    public const string Password = Data.DatabaseInitializer.DemoPassword;

    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Changes to the server's services for a fixture (before it starts), e.g. an EF interceptor that counts writes.</summary>
    public Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? ServiceChanges { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // As in Development (./run.sh): a singleton holding a scoped service fails here, not in front of a user.
        builder.UseDefaultServiceProvider(o => { o.ValidateScopes = true; o.ValidateOnBuild = true; });
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Vupe:DataDirectory"] = DataDirectory,
            ["Vupe:SeedDemoUsers"] = "true",
            ["Vupe:CatalogueDirectory"] = Path.Combine(AppContext.BaseDirectory, "Catalogue"),
            ["Vupe:JobWorkers"] = "1",
            ["Vupe:Documents:Signing:AllowDevelopmentCertificate"] = "true",
            // Hangfire's minute scan would open escalation cases behind the back of tests that move a fake clock;
            // SlaNotificationTests runs the scan itself.
            ["Vupe:Sla:Enabled"] = "false",
            // AppointmentTests run the reminders themselves.
            ["Vupe:Appointments:RemindersEnabled"] = "false",
            // Likewise the citizens' case mails: PortalOnlineTests runs that scan itself.
            ["Vupe:CitizenNotices:Enabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        }.Concat(Settings)));
        // The server reads its options before the host is built, from the same configuration: mirror them into the environment of this builder.
        builder.UseSetting("Vupe:DataDirectory", DataDirectory);
        builder.UseSetting("Vupe:CatalogueDirectory", Path.Combine(AppContext.BaseDirectory, "Catalogue"));
        builder.UseSetting("Vupe:Documents:Signing:AllowDevelopmentCertificate", "true");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        if (ServiceChanges is { } changes) builder.ConfigureServices(changes);
    }

    /// <summary>A client signed in with a bearer token (no cookies).</summary>
    public async Task<HttpClient> ClientForAsync(string userName)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false, BaseAddress = ClientOptions.BaseAddress });
        var response = await client.PostAsJsonAsync("/api/auth/token", new { userName, password = Password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient AnonymousClient() => CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing || _keepData) return;
        Postgres?.Dispose();
        try { Directory.Delete(DataDirectory, recursive: true); }
        catch (IOException) { /* SQLite may still hold a handle on some platforms; the temp folder is cleaned eventually. */ }
    }
}
