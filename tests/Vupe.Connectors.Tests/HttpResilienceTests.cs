using System.Diagnostics;

namespace Vupe.Connectors.Tests;

public sealed class HttpResilienceTests
{
    private static readonly ConnectorRequest Request = new(Replies.Dni, "case-42:identity");

    [Test]
    public async Task Transient_503s_are_retried_with_the_same_idempotency_key_until_an_answer_arrives()
    {
        await using var backOffice = await FakeBackOffice.StartAsync();
        backOffice.Script((context, n) => n <= 2 ? FakeBackOffice.Respond(context, 503) : FakeBackOffice.Respond(context, 200, Replies.Person));
        await using var services = HttpConnectorHost.For(backOffice);

        var result = await services.GetRequiredService<IIdentityRegistry>().LookUpAsync(Request, CancellationToken.None);

        Assert.That(result.Value.Found, Is.True);
        Assert.That(result.Call.Attempts, Is.EqualTo(3));
        Assert.That(result.Call.Outcome, Is.EqualTo(ConnectorCallOutcome.Succeeded));
        Assert.That(backOffice.Hits.Select(h => h.IdempotencyKey), Is.EqualTo(new[] { "case-42:identity", "case-42:identity", "case-42:identity" }));
    }

    [Test]
    public async Task A_back_office_that_keeps_failing_ends_as_unavailable_with_every_attempt_counted()
    {
        await using var backOffice = await FakeBackOffice.StartAsync();
        backOffice.AlwaysRespond(500);
        await using var services = HttpConnectorHost.For(backOffice);

        var failure = await Assert.ThrowsAsync<ConnectorUnavailableException>(
            () => services.GetRequiredService<IIdentityRegistry>().LookUpAsync(Request, CancellationToken.None));

        Assert.That(failure!.Attempts, Is.EqualTo(3));
        Assert.That(failure.Connector, Is.EqualTo(ConnectorNames.Identity));
        Assert.That(failure.Reason, Does.Contain("500"));
        Assert.That(failure.Call.Outcome, Is.EqualTo(ConnectorCallOutcome.Failed));
        Assert.That(failure.Call.IdempotencyKey, Is.EqualTo("case-42:identity"));
        Assert.That(failure.Call.Error, Is.EqualTo(failure.Reason));
        Assert.That(backOffice.Hits, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task A_hanging_back_office_times_out_as_unavailable()
    {
        await using var backOffice = await FakeBackOffice.StartAsync();
        backOffice.Script((context, _) => Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted));
        await using var services = HttpConnectorHost.For(backOffice, connector =>
        {
            connector.AttemptTimeout = TimeSpan.FromMilliseconds(200);
            connector.Timeout = TimeSpan.FromSeconds(1);
        });
        var clock = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<ConnectorUnavailableException>(
            () => services.GetRequiredService<IIdentityRegistry>().LookUpAsync(Request, CancellationToken.None));

        Assert.That(failure!.Reason, Does.Contain("timed out"));
        Assert.That(failure.Attempts, Is.GreaterThanOrEqualTo(2), "each hung attempt is abandoned and retried");
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(3)));
    }

    [Test]
    public async Task The_whole_call_timeout_caps_the_retries()
    {
        await using var backOffice = await FakeBackOffice.StartAsync();
        backOffice.Script((context, _) => Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted));
        await using var services = HttpConnectorHost.For(backOffice, connector =>
        {
            connector.AttemptTimeout = TimeSpan.FromMilliseconds(400);
            connector.Timeout = TimeSpan.FromMilliseconds(600);
            connector.Retry.MaxRetries = 5;
        });
        var clock = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<ConnectorUnavailableException>(
            () => services.GetRequiredService<IIdentityRegistry>().LookUpAsync(Request, CancellationToken.None));

        Assert.That(failure!.Reason, Does.Contain("timed out"));
        Assert.That(failure.Attempts, Is.LessThan(6), "six 400 ms attempts do not fit in 600 ms");
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
    }

    [Test]
    public async Task A_429_is_retried_after_the_delay_the_server_asks_for()
    {
        await using var backOffice = await FakeBackOffice.StartAsync();
        backOffice.Script((context, n) =>
        {
            if (n == 1)
            {
                context.Response.Headers.RetryAfter = "1";
                return FakeBackOffice.Respond(context, 429);
            }
            return FakeBackOffice.Respond(context, 200, Replies.Person);
        });
        await using var services = HttpConnectorHost.For(backOffice);

        var result = await services.GetRequiredService<IIdentityRegistry>().LookUpAsync(Request, CancellationToken.None);

        Assert.That(result.Call.Attempts, Is.EqualTo(2));
        var hits = backOffice.Hits;
        Assert.That(hits[1].At - hits[0].At, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(900)),
            "the 10 ms back-off gave way to Retry-After: 1");
        Assert.That(hits.Select(h => h.IdempotencyKey).Distinct(), Is.EqualTo(new[] { "case-42:identity" }));
    }

    [Test]
    public async Task Identity_not_found_is_an_answer_and_is_not_retried()
    {
        await using var backOffice = await FakeBackOffice.StartAsync();
        backOffice.AlwaysRespond(404);
        await using var services = HttpConnectorHost.For(backOffice);

        var result = await services.GetRequiredService<IIdentityRegistry>().LookUpAsync(Request, CancellationToken.None);

        Assert.That(result.Value.Found, Is.False);
        Assert.That(result.Value.Citizen, Is.Null);
        Assert.That(result.Call.Outcome, Is.EqualTo(ConnectorCallOutcome.NotFound));
        Assert.That(result.Call.Attempts, Is.EqualTo(1));
        Assert.That(result.Source, Is.EqualTo(SourceNames.Reniec));
        Assert.That(backOffice.Hits, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_400_is_a_contract_fault_and_is_not_retried()
    {
        await using var backOffice = await FakeBackOffice.StartAsync();
        backOffice.AlwaysRespond(400, """{ "error": "bad dni" }""");
        await using var services = HttpConnectorHost.For(backOffice);

        var failure = await Assert.ThrowsAsync<ConnectorContractException>(
            () => services.GetRequiredService<IIdentityRegistry>().LookUpAsync(Request, CancellationToken.None));

        Assert.That(failure!.Detail, Does.Contain("400"));
        Assert.That(failure.Call.Attempts, Is.EqualTo(1));
        Assert.That(backOffice.Hits, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_404_from_a_records_source_is_a_contract_fault_never_a_clean_record()
    {
        await using var backOffice = await FakeBackOffice.StartAsync();
        backOffice.AlwaysRespond(404);
        await using var services = HttpConnectorHost.For(backOffice);

        var failure = await Assert.ThrowsAsync<ConnectorContractException>(
            () => services.GetRequiredService<IPoliceRecords>().GetRecordsAsync(Request, CancellationToken.None));

        Assert.That(failure!.Connector, Is.EqualTo(ConnectorNames.PoliceRecords));
        Assert.That(backOffice.Hits, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task The_circuit_opens_after_repeated_failures_and_then_fails_fast_without_calling()
    {
        await using var backOffice = await FakeBackOffice.StartAsync();
        backOffice.AlwaysRespond(500);
        await using var services = HttpConnectorHost.For(backOffice, connector =>
        {
            connector.CircuitBreaker.MinimumThroughput = 2;
            connector.CircuitBreaker.FailureRatio = 0.5;
            connector.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(30);
        });
        var identity = services.GetRequiredService<IIdentityRegistry>();

        var first = await Assert.ThrowsAsync<ConnectorUnavailableException>(() => identity.LookUpAsync(Request, CancellationToken.None));
        var hitsWhenOpened = backOffice.Hits.Count;
        // A new typed client instance: the breaker belongs to the connector, not to one HttpClient.
        var second = await Assert.ThrowsAsync<ConnectorUnavailableException>(
            () => services.GetRequiredService<IIdentityRegistry>().LookUpAsync(new ConnectorRequest(Replies.Dni, "case-43:identity"), CancellationToken.None));

        Assert.That(first!.Reason, Does.Contain("circuit open"), "the breaker opened during the first call's retries");
        Assert.That(hitsWhenOpened, Is.EqualTo(2));
        Assert.That(second!.Reason, Does.Contain("circuit open"));
        Assert.That(second.Attempts, Is.Zero);
        Assert.That(backOffice.Hits, Has.Count.EqualTo(hitsWhenOpened), "the open circuit kept the call off the wire");
    }

    [Test]
    public async Task An_unreachable_back_office_is_unavailable_after_its_retries()
    {
        var backOffice = await FakeBackOffice.StartAsync();
        await backOffice.DisposeAsync();
        await using var services = HttpConnectorHost.For(backOffice);

        var failure = await Assert.ThrowsAsync<ConnectorUnavailableException>(
            () => services.GetRequiredService<IEducationRecords>().GetEducationAsync(Request, CancellationToken.None));

        Assert.That(failure!.Reason, Does.Contain("network error"));
        Assert.That(failure.Attempts, Is.EqualTo(3));
    }

    [Test]
    public async Task The_callers_cancellation_is_cancellation_not_unavailability()
    {
        await using var backOffice = await FakeBackOffice.StartAsync();
        backOffice.Script((context, _) => Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted));
        await using var services = HttpConnectorHost.For(backOffice);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        Assert.That(() => services.GetRequiredService<IIdentityRegistry>().LookUpAsync(Request, cancel.Token),
            Throws.InstanceOf<OperationCanceledException>());
    }
}
