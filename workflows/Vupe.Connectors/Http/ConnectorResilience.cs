using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;

namespace Vupe.Connectors.Http;

/// <summary>
/// The pipeline every connector's HttpClient runs through, outermost first: the whole call's timeout, the
/// retries, the circuit breaker, one attempt's timeout. The breaker sits inside the retries so each
/// attempt counts towards opening it and an open circuit stops the retries at once.
/// </summary>
internal static class ConnectorResilience
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, string connector, ConnectorOptions options,
        TimeProvider time, ILogger logger)
    {
        // Back-off, timeouts and the breaker's window run on the application's clock, like the rest of the call record.
        pipeline.TimeProvider = time;
        pipeline.AddTimeout(options.Timeout);
        if (options.Retry.MaxRetries > 0)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                // Default predicate: 5xx, 408, 429, HttpRequestException and attempt timeouts; never 400 or 404.
                MaxRetryAttempts = options.Retry.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                Delay = options.Retry.BaseDelay,
                MaxDelay = options.Retry.MaxDelay,
                UseJitter = options.Retry.UseJitter,
                ShouldRetryAfterHeader = true,
                OnRetry = args =>
                {
                    ConnectorLog.Retrying(logger, connector, args.AttemptNumber + 1, Describe(args.Outcome), args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            });
        }
        pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = options.CircuitBreaker.FailureRatio,
            MinimumThroughput = options.CircuitBreaker.MinimumThroughput,
            SamplingDuration = options.CircuitBreaker.SamplingDuration,
            BreakDuration = options.CircuitBreaker.BreakDuration,
            OnOpened = args =>
            {
                ConnectorLog.CircuitOpened(logger, connector, args.BreakDuration.TotalSeconds);
                return default;
            },
        });
        // Someone who shortens Timeout alone means the whole call to be that short, attempts included.
        pipeline.AddTimeout(options.AttemptTimeout < options.Timeout ? options.AttemptTimeout : options.Timeout);
    }

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } exception
            ? exception.GetType().Name
            : $"HTTP {(int)outcome.Result!.StatusCode}";
}
