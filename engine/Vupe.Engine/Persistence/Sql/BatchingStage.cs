namespace Vupe.Engine.Persistence.Sql;

/// <summary>
/// Work done by one worker at a time, in batches: whatever is queued when the worker comes round is
/// processed together. A caller that finds the stage idle processes the batch on its own thread (no
/// thread hop when the store is quiet); what arrives meanwhile is left to a loop on the thread pool,
/// so that caller goes on as soon as its own batch is done, and an idle stage holds no thread.
/// Items carry their own completion; <c>process</c> completes them and must not throw.
/// </summary>
internal sealed class BatchingStage<T>(Func<List<T>, Task> process)
{
    private readonly Lock _gate = new();
    private List<T> _queue = [];
    private bool _busy;
    private Task _loop = Task.CompletedTask;

    /// <summary>Queues an item. If the stage was idle, the batch is processed here before this returns; otherwise this returns at once.</summary>
    public Task AddAsync(T item)
    {
        lock (_gate)
        {
            _queue.Add(item);
            if (_busy) return Task.CompletedTask;
            _busy = true;
        }
        return RunHereAsync();
    }

    private async Task RunHereAsync()
    {
        if (!await ProcessNextAsync()) return;
        // More arrived meanwhile: a pool thread takes over and this caller goes on.
        // Without the caller's execution context: the loop writes for every caller, and must not carry one caller's
        // async-locals (its actor, its running command) into the others' writes.
        lock (_gate)
        {
            using (ExecutionContext.SuppressFlow()) _loop = Task.Run(LoopAsync);
        }
    }

    private async Task LoopAsync()
    {
        while (await ProcessNextAsync()) { }
    }

    /// <summary>Processes what is queued (never empty here); true if more has arrived since, false when the stage went idle.</summary>
    private async Task<bool> ProcessNextAsync()
    {
        List<T> batch;
        lock (_gate) (batch, _queue) = (_queue, []);
        await process(batch);
        lock (_gate)
        {
            if (_queue.Count > 0) return true;
            _busy = false;
            return false;
        }
    }

    /// <summary>Completes when nothing is queued or being processed (used when the store is disposed).</summary>
    public async Task IdleAsync()
    {
        while (true)
        {
            Task loop;
            lock (_gate)
            {
                if (!_busy) return;
                loop = _loop;
            }
            if (!loop.IsCompleted) await loop;
            else await Task.Delay(1); // a caller is processing its batch on its own thread
        }
    }
}
