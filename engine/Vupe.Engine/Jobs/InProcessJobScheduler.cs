using Microsoft.Extensions.Logging;

namespace Vupe.Engine;

/// <summary>
/// Runs due jobs inside this process: one background loop that wakes at the poll interval or as soon
/// as a command creates a job. Jobs survive restarts because they live in the store; on start the
/// loop picks up whatever fell due while the process was down.
/// </summary>
public sealed partial class InProcessJobScheduler : IJobScheduler, IAsyncDisposable
{
    private readonly ProcessEngine _engine;
    private readonly TimeSpan _pollInterval;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _wake = new(0, 1);
    private Task? _loop;

    public InProcessJobScheduler(ProcessEngine engine, TimeSpan pollInterval, TimeProvider time, ILogger logger)
    {
        _engine = engine;
        _pollInterval = pollInterval;
        _time = time;
        _logger = logger;
    }

    public void Start() => _loop ??= Task.Run(LoopAsync);

    public void JobsCreated(IReadOnlyList<ScheduledJob> jobs)
    {
        var now = _time.GetUtcNow();
        if (jobs.Any(j => j.DueAt <= now) && _wake.CurrentCount == 0)
        {
            try { _wake.Release(); } catch (SemaphoreFullException) { /* already awake */ }
        }
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await _engine.Management.ExecuteAllDueJobsAsync(ct: _stop.Token);
                await _wake.WaitAsync(_pollInterval, _stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogLoopFailed(e);
                await Task.Delay(_pollInterval, _time, CancellationToken.None);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The in-process job loop failed; it goes on after the poll interval")]
    private partial void LogLoopFailed(Exception e);

    private int _disposed;

    public async ValueTask DisposeAsync()
    {
        // Hosts dispose twice (the hosted service stops it, then the container disposes it).
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            try { await _loop; } catch (OperationCanceledException) { }
        }
        _stop.Dispose();
        _wake.Dispose();
    }
}
