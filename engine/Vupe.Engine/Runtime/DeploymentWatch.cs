namespace Vupe.Engine.Runtime;

/// <summary>
/// Keeps this engine's definition and resource caches current when other engines (server nodes) deploy to the same
/// database. At most once per <see cref="EngineOptions.DeploymentRefreshInterval"/> a command first counts the
/// deployments; a count it has not seen reloads both caches. Local deployments update the caches directly, so one
/// node alone never waits for this; on several nodes a deployment reaches the others within the interval.
/// </summary>
internal sealed class DeploymentWatch(EngineCore engine)
{
    private long _nextCheckTicks;
    private int _knownDeployments = -1;

    public ValueTask EnsureFreshAsync(CancellationToken ct)
    {
        if (engine.Options.DeploymentRefreshInterval is not { } interval || interval <= TimeSpan.Zero) return ValueTask.CompletedTask;
        var now = engine.Time.GetTimestamp();
        var due = Volatile.Read(ref _nextCheckTicks);
        if (now < due) return ValueTask.CompletedTask;
        // One flow checks; the others go on with the caches as they are (at most one interval old, as always).
        var next = now + (long)(interval.TotalSeconds * engine.Time.TimestampFrequency);
        if (Interlocked.CompareExchange(ref _nextCheckTicks, next, due) != due) return ValueTask.CompletedTask;
        return new ValueTask(CheckAsync(ct));
    }

    private async Task CheckAsync(CancellationToken ct)
    {
        int count;
        await using (var session = engine.Store.OpenSession())
            count = (await session.LoadDeploymentsAsync(ct)).Count;
        if (count == Volatile.Read(ref _knownDeployments)) return;
        await engine.Definitions.ReloadAsync(ct);
        await engine.Resources.ReloadAsync(ct);
        Volatile.Write(ref _knownDeployments, count);
    }
}
