namespace Vupe.Connectors.Http;

/// <summary>
/// Counts the requests of one call that got past the resilience pipeline, so the call record can say
/// "3 attempts" (or 0 when an open circuit refused it). It rides on the request message, which the
/// retries resend as is.
/// </summary>
internal sealed class AttemptCounter
{
    public static readonly HttpRequestOptionsKey<AttemptCounter> Key = new("Vupe.Connectors.AttemptCounter");

    private int count;

    public int Count => Volatile.Read(ref count);

    public void Increment() => Interlocked.Increment(ref count);
}

/// <summary>Sits inside the resilience handler, so it runs once per attempt.</summary>
internal sealed class AttemptCountingHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(AttemptCounter.Key, out var counter))
        {
            counter.Increment();
        }
        return base.SendAsync(request, cancellationToken);
    }
}
