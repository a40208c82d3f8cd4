using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vupe.Connectors;
using Vupe.Connectors.Simulation;

namespace Vupe.Server.Tests;

/// <summary>
/// One server per fixture (start-up is the slow part); tests create their own parties and cases. A fixture that
/// takes a <see cref="TestStore"/> (NUnit's [TestFixture(TestStore.Postgres)]) runs on that database.
/// </summary>
public abstract class ServerTestBase(TestStore store = TestStore.Sqlite)
{
    protected TestStore Store { get; } = store;

    protected VupeServerFactory Factory { get; private set; } = null!;
    private readonly Dictionary<string, HttpClient> _clients = [];
    private static int _dniCounter = 40_000_000 + Random.Shared.Next(1_000_000);

    [OneTimeSetUp]
    public void StartServer()
    {
        Factory = new VupeServerFactory(store: Store);
        Configure(Factory.Settings);
        ConfigureServices(Factory);
        _ = Factory.Server; // starts the host: migrations, seed, engine, catalogue
    }

    /// <summary>Settings of this fixture's server (before it starts).</summary>
    protected virtual void Configure(Dictionary<string, string?> settings) { }

    /// <summary>Services of this fixture's server (before it starts).</summary>
    protected virtual void ConfigureServices(VupeServerFactory factory) { }

    [OneTimeTearDown]
    public async Task StopServer()
    {
        if (Factory is null) return; // skipped before it started (no PostgreSQL)
        foreach (var client in _clients.Values) client.Dispose();
        await Factory.DisposeAsync();
    }

    protected async Task<HttpClient> As(string userName)
    {
        if (!_clients.TryGetValue(userName, out var client)) _clients[userName] = client = await Factory.ClientForAsync(userName);
        return client;
    }

    /// <summary>Drops the signed-in clients: the next <see cref="As"/> signs in again (e.g. after moving a fixture's clock past the tokens' life).</summary>
    protected void SignOutAll()
    {
        foreach (var client in _clients.Values) client.Dispose();
        _clients.Clear();
    }

    /// <summary>A fresh, valid DNI number for each call (no check character needed).</summary>
    protected static string NewDni() => Interlocked.Increment(ref _dniCounter).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Registers a person RENIEC's simulator knows, with exactly its names and birth date (registration checks them):
    /// the citizen of <paramref name="dni"/>, or of the next fresh DNI whose simulated citizen satisfies <paramref name="who"/>.
    /// </summary>
    protected async Task<JsonElement> CreatePersonAsync(string user = "consultor.lim", string? dni = null, Func<CitizenIdentity, bool>? who = null)
    {
        var citizen = dni is null ? Citizen(who) : SimulatedPopulation.Find(dni).Identity!;
        var client = await As(user);
        var response = await client.PostAsJsonAsync("/api/parties/persons", new
        {
            documentType = "Dni", documentNumber = citizen.Dni, givenNames = citizen.GivenNames, paternalSurname = citizen.PaternalSurname,
            maternalSurname = citizen.MaternalSurname, birthDate = citizen.BirthDate, phone = "987654321", email = "persona@example.pe",
            consent = new { purpose = "tratamiento-datos", granted = true, channel = "digital", textVersion = "v1" },
        });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The simulated RENIEC's citizen of the next fresh DNI that satisfies <paramref name="who"/> (any, when null).</summary>
    protected static CitizenIdentity Citizen(Func<CitizenIdentity, bool>? who = null)
    {
        while (true)
        {
            var identity = SimulatedPopulation.Find(NewDni()).Identity!;
            if (who is null || who(identity)) return identity;
        }
    }

    protected async Task<JsonElement> OpenCaseAsync(string user = "consultor.lim", string? office = null, Guid? partyId = null, string procedure = "orientacion")
    {
        var client = await As(user);
        partyId ??= (await CreatePersonAsync(user)).GetProperty("id").GetGuid();
        var response = await client.PostAsJsonAsync("/api/cases", new { partyId, procedure, officeCode = office });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    protected async Task<JsonElement> FirstTaskOfCaseAsync(Guid caseId, string user = "consultor.lim")
    {
        var client = await As(user);
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        return detail.GetProperty("tasks")[0];
    }

    /// <summary>Claims the case's one open task of <paramref name="elementId"/> and completes it with <paramref name="data"/>, as a consultant does.</summary>
    protected static async Task CompleteStepAsync(HttpClient client, Guid caseId, string elementId, object data)
    {
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        var tasks = detail.GetProperty("tasks").EnumerateArray().Where(t => t.GetProperty("elementId").GetString() == elementId).ToList();
        Assert.That(tasks, Has.Count.EqualTo(1),
            $"one '{elementId}' task in case {caseId}; it has: {string.Join(", ", detail.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("elementId").GetString()))}; incidents: {detail.GetProperty("incidents")}");
        var taskId = tasks[0].GetProperty("id").GetGuid();
        (await client.PostAsync($"/api/tasks/{taskId}/claim", null)).EnsureSuccessStatusCode();
        var response = await client.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { data });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), $"{elementId}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Writes a signed audit checkpoint now (the recurring job does it every minute): what is in the trails so far is anchored.</summary>
    protected Task AnchorAuditAsync() =>
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Audit.AuditAnchor>(Factory.Services).WriteCheckpointAsync(CancellationToken.None);

    protected static async Task<JsonElement> ProblemOf(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();
}
