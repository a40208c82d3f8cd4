namespace Vupe.Server.Data;

/// <summary>
/// Several nodes started together on one database take turns through the start-up: migrations, offices, roles and
/// demo users, the engine's schema, the catalogue's deployment and the demo data run on one node at a time, and the
/// next finds them done. Held from before the first hosted service starts until all have (the host's lifecycle); on
/// SQLite (one process) there is nothing to take.
/// </summary>
internal sealed class StartupLock(ServerDatabase database, ILogger<StartupLock> logger) : IHostedLifecycleService
{
    private IAsyncDisposable? _held;

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        _held = await database.LockStartupAsync(cancellationToken);
        if (waited.Elapsed > TimeSpan.FromSeconds(1))
            logger.LogInformation("Waited {Elapsed} for another node to finish starting", waited.Elapsed);
    }

    public Task StartedAsync(CancellationToken cancellationToken) => ReleaseAsync();

    public Task StoppingAsync(CancellationToken cancellationToken) => ReleaseAsync();

    private async Task ReleaseAsync()
    {
        if (Interlocked.Exchange(ref _held, null) is { } held) await held.DisposeAsync();
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => ReleaseAsync();
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
