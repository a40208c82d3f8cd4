using System.Collections.Concurrent;
using Vupe.Connectors;

namespace Vupe.Workflows.Handlers.Cul;

/// <summary>
/// The five back-office consultations of one CUL, started together as soon as RENIEC has validated the identity.
/// The engine runs the parallel branches' handlers one after another inside one command, so without this the five
/// waits would add up (five 500 ms back offices: 2.5 s); started together they overlap and the branch handlers only
/// collect their answer. A branch whose prefetch failed, or that runs later (a retry job, another node), asks its
/// back office itself. Entries are taken once; ones nobody took (the command failed before the branches ran) expire.
/// </summary>
internal sealed class CulPrefetch(TimeProvider time)
{
    private static readonly TimeSpan Expiry = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<(Guid CaseId, string Section), (object Query, DateTimeOffset StartedAt)> _started = new();
    private readonly List<(string Section, Func<ConnectorRequest, CancellationToken, Task<object>> Query)> _queries = [];

    public void Register<T>(string section, Func<ConnectorRequest, CancellationToken, Task<ConnectorResult<T>>> query) =>
        _queries.Add((section, async (request, ct) => await query(request, ct).ConfigureAwait(false)));

    /// <summary>
    /// Starts every registered consultation for the case. <paramref name="idempotencyKey"/> is the identity step's, kept in
    /// <see cref="CulVariables.ConsultationKey"/>: each section's key derives from it, so a branch's retries repeat the key
    /// of the consultation started here and the back office recognises them.
    /// </summary>
    public void Start(Guid caseId, string dni, string idempotencyKey)
    {
        var now = time.GetUtcNow();
        foreach (var stale in _started.Where(e => now - e.Value.StartedAt > Expiry).Select(e => e.Key).ToList()) _started.TryRemove(stale, out _);
        foreach (var (section, query) in _queries)
        {
            var request = new ConnectorRequest(dni, Key(idempotencyKey, section));
            // Not the command's token: the answer is awaited later in the same command, which cancels its own wait.
            var running = query(request, CancellationToken.None);
            running.ContinueWith(static t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
            _started[(caseId, section)] = (running, now);
        }
    }

    /// <summary>The consultation started for this case and section, once; null when none was started (or it was taken).</summary>
    public Task<ConnectorResult<T>>? Take<T>(Guid caseId, string section) =>
        _started.TryRemove((caseId, section), out var entry) && entry.Query is Task<object> query
            ? Typed<T>(query)
            : null;

    private static async Task<ConnectorResult<T>> Typed<T>(Task<object> query) => (ConnectorResult<T>)await query.ConfigureAwait(false);

    // The key travels as an HTTP header: keep it within the request's limit.
    public static string Key(string idempotencyKey, string section)
    {
        var key = $"{idempotencyKey}:{section}";
        return key.Length <= ConnectorRequest.MaxIdempotencyKeyLength ? key : key[^ConnectorRequest.MaxIdempotencyKeyLength..];
    }
}
