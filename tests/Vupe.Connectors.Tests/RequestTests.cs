namespace Vupe.Connectors.Tests;

public sealed class RequestTests
{
    [TestCase("1011741")]
    [TestCase("101174102")]
    [TestCase("1011741G")]
    [TestCase("")]
    public void A_dni_is_exactly_eight_digits(string dni) =>
        Assert.That(() => new ConnectorRequest(dni, "key"), Throws.ArgumentException.With.Property("ParamName").EqualTo("dni"));

    [TestCase("")]
    [TestCase("case 1")]
    [TestCase("case-1\r\nX-Injected: 1")]
    [TestCase("caso-ñ")]
    public void The_idempotency_key_must_be_safe_to_send_as_a_header(string key) =>
        Assert.That(() => new ConnectorRequest("10117410", key), Throws.ArgumentException.With.Property("ParamName").EqualTo("idempotencyKey"));

    [Test]
    public void The_ruc_check_these_tests_use_accepts_the_documented_examples() =>
        Assert.That(new[] { "20512333797", "10441348521", "20131312955", "10082226341" }, Has.All.Matches<string>(SimulatorTests.IsValidRuc));
}
