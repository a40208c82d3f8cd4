using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Vupe.Connectors.Http;
using Vupe.Connectors.Simulation;

namespace Vupe.Connectors.Tests;

public sealed class DependencyInjectionTests
{
    private static ServiceProvider Build(IDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddVupeConnectors(configuration.GetSection(VupeConnectorsOptions.SectionName));
        return services.BuildServiceProvider();
    }

    [Test]
    public async Task Without_configuration_every_connector_is_its_simulator()
    {
        await using var services = Build(new Dictionary<string, string?>());

        Assert.That(services.GetRequiredService<IIdentityRegistry>(), Is.InstanceOf<SimulatedIdentityRegistry>());
        Assert.That(services.GetRequiredService<IPoliceRecords>(), Is.InstanceOf<SimulatedPoliceRecords>());
        Assert.That(services.GetRequiredService<IJudicialRecords>(), Is.InstanceOf<SimulatedJudicialRecords>());
        Assert.That(services.GetRequiredService<IPenalRecords>(), Is.InstanceOf<SimulatedPenalRecords>());
        Assert.That(services.GetRequiredService<IEducationRecords>(), Is.InstanceOf<SimulatedEducationRecords>());
        Assert.That(services.GetRequiredService<IFormalEmploymentHistory>(), Is.InstanceOf<SimulatedFormalEmploymentHistory>());
        var identity = await services.GetRequiredService<IIdentityRegistry>().LookUpAsync(new ConnectorRequest("10117410", "k-1"), CancellationToken.None);
        Assert.That(services.GetRequiredService<SimulatorControl>().IdempotencyKeysSeen(ConnectorNames.Identity), Is.EqualTo(new[] { "k-1" }),
            "the simulators and the resolvable SimulatorControl are one switchboard");
        Assert.That(identity.Value.Found, Is.True);
    }

    [Test]
    public async Task Mode_Http_resolves_the_http_client_at_the_configured_base_url()
    {
        await using var backOffice = await FakeBackOffice.StartAsync();
        backOffice.AlwaysRespond(200, Replies.Person);
        await using var services = Build(new Dictionary<string, string?>
        {
            ["Vupe:Connectors:Identity:Mode"] = "Http",
            ["Vupe:Connectors:Identity:BaseUrl"] = backOffice.BaseUrl.ToString(),
            ["Vupe:Connectors:Identity:Timeout"] = "00:00:05",
            ["Vupe:Connectors:Identity:Retry:BaseDelay"] = "00:00:00.010",
        });

        var identity = services.GetRequiredService<IIdentityRegistry>();
        var result = await identity.LookUpAsync(new ConnectorRequest("10117410", "case-1:identity"), CancellationToken.None);

        Assert.That(identity, Is.InstanceOf<HttpIdentityRegistry>());
        Assert.That(services.GetRequiredService<IPoliceRecords>(), Is.InstanceOf<SimulatedPoliceRecords>(), "modes are per connector");
        Assert.That(result.Reference, Is.EqualTo("RENIEC-2025-000123"));
        Assert.That(backOffice.Hits.Single().Path, Is.EqualTo("/backoffice/personas/10117410"));
        var options = services.GetRequiredService<IOptions<VupeConnectorsOptions>>().Value.Identity;
        Assert.That(options.Timeout, Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(options.Retry.BaseDelay, Is.EqualTo(TimeSpan.FromMilliseconds(10)));
    }

    [Test]
    public async Task Mode_Http_without_a_base_url_is_refused_naming_the_key()
    {
        await using var services = Build(new Dictionary<string, string?> { ["Vupe:Connectors:Employment:Mode"] = "Http" });

        Assert.That(() => services.GetRequiredService<IFormalEmploymentHistory>(),
            Throws.InstanceOf<OptionsValidationException>().With.Message.Contains("Vupe:Connectors:Employment:BaseUrl"));
    }

    [Test]
    public async Task Simulator_settings_in_configuration_start_a_connector_down_or_slow()
    {
        await using var services = Build(new Dictionary<string, string?>
        {
            ["Vupe:Connectors:PenalRecords:Simulator:Down"] = "true",
            ["Vupe:Connectors:Education:Simulator:Latency"] = "00:00:00.050",
        });
        var control = services.GetRequiredService<SimulatorControl>();

        Assert.That(control.IsDown(ConnectorNames.PenalRecords), Is.True);
        Assert.That(control.LatencyOf(ConnectorNames.Education), Is.EqualTo(TimeSpan.FromMilliseconds(50)));
        await Assert.ThrowsAsync<ConnectorUnavailableException>(() =>
            services.GetRequiredService<IPenalRecords>().GetRecordsAsync(new ConnectorRequest("10117410", "k"), CancellationToken.None));
    }

    [Test]
    public async Task Registering_twice_adds_configuration_but_not_a_second_retry_pipeline()
    {
        await using var backOffice = await FakeBackOffice.StartAsync();
        backOffice.AlwaysRespond(503);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddVupeConnectors(o =>
        {
            o.Identity.Mode = ConnectorMode.Http;
            o.Identity.BaseUrl = backOffice.BaseUrl;
            o.Identity.Retry.BaseDelay = TimeSpan.FromMilliseconds(10);
            o.Identity.Retry.MaxDelay = TimeSpan.FromMilliseconds(20);
        });
        services.AddVupeConnectors(o => o.Identity.Retry.MaxRetries = 1);
        await using var provider = services.BuildServiceProvider();

        var failure = await Assert.ThrowsAsync<ConnectorUnavailableException>(() =>
            provider.GetRequiredService<IIdentityRegistry>().LookUpAsync(new ConnectorRequest("10117410", "k"), CancellationToken.None));

        Assert.That(failure!.Attempts, Is.EqualTo(2), "one pipeline, with the second call's MaxRetries = 1");
        Assert.That(backOffice.Hits, Has.Count.EqualTo(2));
    }
}
