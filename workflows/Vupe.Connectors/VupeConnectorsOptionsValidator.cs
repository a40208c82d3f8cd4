using Microsoft.Extensions.Options;

namespace Vupe.Connectors;

/// <summary>Catches a misconfigured connector when it is first resolved, naming the configuration key to fix.</summary>
internal sealed class VupeConnectorsOptionsValidator : IValidateOptions<VupeConnectorsOptions>
{
    public ValidateOptionsResult Validate(string? name, VupeConnectorsOptions options)
    {
        var failures = new List<string>();
        foreach (var connector in ConnectorNames.All)
        {
            failures.AddRange(Problems(connector, options.For(connector)));
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static IEnumerable<string> Problems(string connector, ConnectorOptions options)
    {
        var key = $"{VupeConnectorsOptions.SectionName}:{connector}";
        if (options.Mode == ConnectorMode.Http
            && options.BaseUrl is not { IsAbsoluteUri: true, Scheme: "http" or "https" })
        {
            yield return $"{key}:BaseUrl must be an absolute http(s) URL when {key}:Mode is Http.";
        }
        // Polly refuses timeouts under 10 ms; say so in configuration terms rather than in Polly's.
        if (options.Timeout < TimeSpan.FromMilliseconds(10) || options.AttemptTimeout < TimeSpan.FromMilliseconds(10))
        {
            yield return $"{key}:Timeout and {key}:AttemptTimeout must be at least 10 ms.";
        }
        if (options.Retry.MaxRetries < 0 || options.Retry.BaseDelay < TimeSpan.Zero || options.Retry.MaxDelay < options.Retry.BaseDelay)
        {
            yield return $"{key}:Retry needs MaxRetries >= 0 and 0 <= BaseDelay <= MaxDelay.";
        }
        var breaker = options.CircuitBreaker;
        if (breaker.FailureRatio is <= 0 or > 1 || breaker.MinimumThroughput < 2
            || breaker.SamplingDuration < TimeSpan.FromMilliseconds(500) || breaker.BreakDuration < TimeSpan.FromMilliseconds(500))
        {
            yield return $"{key}:CircuitBreaker needs 0 < FailureRatio <= 1, MinimumThroughput >= 2, SamplingDuration and BreakDuration >= 500 ms.";
        }
        if (options.Simulator.Latency < TimeSpan.Zero)
        {
            yield return $"{key}:Simulator:Latency must not be negative.";
        }
        if (options.Simulator.MaxLatency is { } max && max < options.Simulator.Latency)
        {
            yield return $"{key}:Simulator:MaxLatency must not be less than Simulator:Latency.";
        }
    }
}
