using System.Net.Http.Json;
using System.Text.Json;

namespace Vupe.Server.Tests;

/// <summary>The run command's start-up: migrations, offices, demo users and data, the catalogue; a restart adds nothing twice.</summary>
public sealed class StartupTests
{
    [TestCase(TestStore.Sqlite)]
    [TestCase(TestStore.Postgres)]
    public async Task A_fresh_server_seeds_demo_data_once_and_restarts_on_the_same_database_without_duplicating_anything(TestStore store)
    {
        var directory = Path.Combine(Path.GetTempPath(), "vupe-server-tests", Guid.NewGuid().ToString("N"));
        int parties, cases, procedures;
        TestPostgresDatabase? postgres;
        await using (var first = new VupeServerFactory(directory, keepData: true, store))
        {
            postgres = first.Postgres;
            first.Settings["Vupe:SeedDemoData"] = "true";
            var client = await first.ClientForAsync("auditor");
            cases = (await client.GetFromJsonAsync<JsonElement>("/api/cases?pageSize=1")).GetProperty("total").GetInt32();
            parties = (await client.GetFromJsonAsync<JsonElement>("/api/parties?q=a")).GetArrayLength();
            procedures = (await client.GetFromJsonAsync<JsonElement>("/api/procedures")).GetArrayLength();
            Assert.That(cases, Is.GreaterThanOrEqualTo(26), "a triage per demo party, plus referral cases");
            Assert.That(parties, Is.GreaterThan(10));
            Assert.That(procedures, Is.EqualTo(Vupe.Workflows.VupeCatalogue.Load().Processes.Count() + 3), "the catalogue's processes and the three test fixtures");
            var inbox = await (await first.ClientForAsync("consultor.lim")).GetFromJsonAsync<JsonElement>("/api/tasks?view=Available");
            Assert.That(inbox.GetProperty("total").GetInt32(), Is.GreaterThan(0), "Lima's consultants have work waiting");
        }
        await using (var second = new VupeServerFactory(directory, postgres: postgres))
        {
            second.Settings["Vupe:SeedDemoData"] = "true";
            var client = await second.ClientForAsync("auditor");
            Assert.That((await client.GetFromJsonAsync<JsonElement>("/api/cases?pageSize=1")).GetProperty("total").GetInt32(), Is.EqualTo(cases));
            Assert.That((await client.GetFromJsonAsync<JsonElement>("/api/parties?q=a")).GetArrayLength(), Is.EqualTo(parties));
            Assert.That((await client.GetFromJsonAsync<JsonElement>("/api/offices")).GetArrayLength(), Is.EqualTo(27));
            var versions = await client.GetFromJsonAsync<JsonElement>("/api/procedures");
            Assert.That(versions.EnumerateArray().Select(p => p.GetProperty("version").GetInt32()), Has.All.EqualTo(1), "an unchanged catalogue makes no new versions");
        }
    }

    [Test]
    public void PostgreSQL_without_a_connection_string_stops_the_start_with_a_message_naming_the_setting()
    {
        using var factory = new VupeServerFactory();
        factory.Settings["Vupe:Database:Provider"] = "PostgreSql";
        var refused = Assert.Throws<InvalidOperationException>(() => _ = factory.Server);
        Assert.That(refused!.Message, Does.Contain("Vupe:Database:ConnectionString"));
    }
}
