using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace Vupe.Server.Tests.Nodes;

/// <summary>
/// Two server processes on one PostgreSQL database, started at the same time as an orchestrator would: both migrate,
/// seed and deploy the catalogue without tripping over each other; a token one issues works on the other; a workload
/// of async steps and timers opened on both runs every step exactly once, with the jobs spread over both nodes.
/// </summary>
[NonParallelizable]
public sealed class TwoNodeTests
{
    private const string Password = "Vupe.Demo.2026";
    private const int Cases = 24;
    private TestPostgresDatabase? _database;
    private ServerNode _a = null!;
    private ServerNode _b = null!;
    private string _dataDirectory = "";

    private const string Workload = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:vupe="http://vupecases.pe/schema/bpmn/1.0" id="defs" targetNamespace="http://vupecases.pe/test">
          <bpmn:process id="dos-nodos" name="Prueba de dos nodos" isExecutable="true">
            <bpmn:startEvent id="inicio" />
            <bpmn:sequenceFlow id="f1" sourceRef="inicio" targetRef="paso1" />
            <bpmn:scriptTask id="paso1" name="Paso 1" scriptFormat="feel" vupe:async="true" vupe:resultVariable="uno"><bpmn:script>= 1</bpmn:script></bpmn:scriptTask>
            <bpmn:sequenceFlow id="f2" sourceRef="paso1" targetRef="espera" />
            <bpmn:intermediateCatchEvent id="espera" name="Espera"><bpmn:timerEventDefinition><bpmn:timeDuration>PT2S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f3" sourceRef="espera" targetRef="paso2" />
            <bpmn:scriptTask id="paso2" name="Paso 2" scriptFormat="feel" vupe:async="true" vupe:resultVariable="dos"><bpmn:script>= uno + 1</bpmn:script></bpmn:scriptTask>
            <bpmn:sequenceFlow id="f4" sourceRef="paso2" targetRef="fin" />
            <bpmn:endEvent id="fin" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [OneTimeSetUp]
    public async Task StartTwoNodes()
    {
        _database = new TestPostgresDatabase();
        var connection = _database.ConnectionString;
        // One shared folder, as a shared volume would be: documents' contents and the development signing CA.
        _dataDirectory = Path.Combine(Path.GetTempPath(), "vupe-tests", "nodes-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dataDirectory);
        var settings = new Dictionary<string, string>
        {
            ["Vupe:Database:Provider"] = "PostgreSql",
            ["Vupe:Database:ConnectionString"] = connection,
            ["Vupe:DataDirectory"] = _dataDirectory,
            ["Vupe:SeedDemoUsers"] = "true",
            ["Vupe:SeedDemoData"] = "false",
            ["Vupe:JobWorkers"] = "2",
            ["Vupe:JobPollInterval"] = "00:00:00.500",
            ["Vupe:Documents:Signing:AllowDevelopmentCertificate"] = "true",
        };
        _a = ServerNode.Start("a", settings);
        _b = ServerNode.Start("b", settings);
        await Task.WhenAll(_a.WaitReadyAsync(TimeSpan.FromSeconds(60)), _b.WaitReadyAsync(TimeSpan.FromSeconds(60)));
    }

    [OneTimeTearDown]
    public async Task StopNodes()
    {
        if (_a is not null) await _a.DisposeAsync();
        if (_b is not null) await _b.DisposeAsync();
        _database?.Dispose();
        if (_dataDirectory.Length > 0 && Directory.Exists(_dataDirectory)) Directory.Delete(_dataDirectory, recursive: true);
    }

    private static async Task<string> TokenAsync(ServerNode node, string userName)
    {
        using var http = new HttpClient { BaseAddress = node.Address };
        var response = await http.PostAsJsonAsync("/api/auth/token", new { userName, password = Password });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    private static HttpClient Client(ServerNode node, string token)
    {
        var http = new HttpClient { BaseAddress = node.Address, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    [Test]
    public async Task A_workload_of_timers_and_async_steps_runs_each_step_once_with_jobs_on_both_nodes()
    {
        var supervisorToken = await TokenAsync(_a, "supervisor.nacional");
        using var deployer = Client(_b, supervisorToken); // issued by A, used on B: the nodes share their keys
        var files = new MultipartFormDataContent { { new StringContent("dos nodos"), "name" } };
        var part = new StringContent(Workload, Encoding.UTF8);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        files.Add(part, "files", "dos-nodos.bpmn");
        var triage = await deployer.GetFromJsonAsync<JsonElement>("/api/process-definitions?key=triaje-ciudadano");
        Assert.That(triage.GetArrayLength(), Is.EqualTo(1), "both nodes deployed the catalogue as they started: one version");
        var deployed = await deployer.PostAsync("/api/deployments", files);
        Assert.That(deployed.StatusCode, Is.EqualTo(HttpStatusCode.Created), await deployed.Content.ReadAsStringAsync());

        // Deployed on B; cases are opened on both: A learns of the version on its first miss.
        var consultantToken = await TokenAsync(_b, "consultor.lim");
        using var onA = Client(_a, consultantToken);
        using var onB = Client(_b, consultantToken);
        var registered = await onA.PostAsJsonAsync("/api/parties/persons", new
        {
            documentType = "Dni", documentNumber = "70112233", phone = "987654321",
            consent = new { purpose = "tratamiento-datos", granted = true, channel = "digital", textVersion = "v1" },
        });
        Assert.That(registered.StatusCode, Is.EqualTo(HttpStatusCode.Created), await registered.Content.ReadAsStringAsync());
        var partyId = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var opened = await Task.WhenAll(Enumerable.Range(0, Cases).Select(async i =>
        {
            var response = await (i % 2 == 0 ? onA : onB).PostAsJsonAsync("/api/cases", new { partyId, procedure = "dos-nodos", officeCode = "LIM" });
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }));

        var until = DateTime.UtcNow.AddSeconds(60);
        var open = opened.ToHashSet();
        while (open.Count > 0 && DateTime.UtcNow < until)
        {
            foreach (var id in open.ToList())
            {
                var detail = await onA.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");
                if (detail.GetProperty("case").GetProperty("status").GetString() == "Closed") open.Remove(id);
            }
            if (open.Count > 0) await Task.Delay(500);
        }
        Assert.That(open, Is.Empty, $"{open.Count} of {Cases} cases still open after 60 s\n{_a.Output}\n{_b.Output}");

        foreach (var id in opened)
        {
            var history = await onB.GetFromJsonAsync<List<JsonElement>>($"/api/cases/{id}/history") ?? [];
            var completed = history.Where(h => h.GetProperty("eventType").GetString() == "ElementCompleted")
                .Select(h => h.GetProperty("elementId").GetString()).ToList();
            Assert.That(completed, Is.EqualTo(new[] { "inicio", "paso1", "espera", "paso2", "fin" }), $"case {id}: every step once, in order");
            Assert.That(history.Count(h => h.GetProperty("eventType").GetString() == "TimerFired"), Is.EqualTo(1), $"case {id}: the timer fired once");
        }

        // Hangfire marks a job Succeeded after its method returned, so the last steps' jobs may still be finishing when
        // their cases read as closed: wait (bounded) for every job's state before counting.
        var servers = await JobServersAsync();
        for (var wait = DateTime.UtcNow.AddSeconds(30); servers.Values.Sum() < Cases * 3 && DateTime.UtcNow < wait; servers = await JobServersAsync())
            await Task.Delay(500);
        Assert.That(servers.Keys, Has.Count.EqualTo(2), "the engine's jobs ran on both nodes: " + string.Join(", ", servers.Select(s => $"{s.Key}={s.Value}")));
        Assert.That(servers.Values.Sum(), Is.GreaterThanOrEqualTo(Cases * 3), "three jobs per case (two async steps, one timer)");
    }

    /// <summary>Engine jobs Hangfire ran to success, per node (the Processing state records the server that took the job).</summary>
    private async Task<Dictionary<string, int>> JobServersAsync()
    {
        await using var db = new NpgsqlConnection(_database!.ConnectionString);
        await db.OpenAsync();
        await using var query = new NpgsqlCommand("""
            SELECT split_part(p.data::jsonb ->> 'ServerId', ':', 1) AS node, count(DISTINCT p.jobid)
            FROM hangfire.state p
            JOIN hangfire.job j ON j.id = p.jobid
            WHERE p.name = 'Processing' AND j.statename = 'Succeeded' AND j.invocationdata::text LIKE '%EngineJobRunner%' AND j.invocationdata::text LIKE '%RunAsync%'
            GROUP BY 1
            """, db);
        var result = new Dictionary<string, int>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync()) result[reader.GetString(0)] = (int)reader.GetInt64(1);
        return result;
    }
}
