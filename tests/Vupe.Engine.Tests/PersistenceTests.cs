namespace Vupe.Engine.Tests;

/// <summary>Durability on a real SQLite file: restarts, concurrent users, failed commits.</summary>
public sealed class PersistenceTests : SqliteEngineTestBase
{
    private Task<ProcessEngine> ReopenAsync(IEngineStore? store = null) =>
        new ProcessEngineBuilder().UseStore(store ?? EfEngineStore.ForSqlite(DatabasePath)).UseTimeProvider(Clock)
            .AddTaskHandler("record", c => { HandlerCalls.Add(c.ElementId); return null; })
            .BuildAsync();

    [Test]
    public async Task The_write_ahead_log_is_copied_into_the_database_file_while_the_engine_runs()
    {
        // The writer leaves checkpoints to a connection of their own (WalCheckpointer), one every 40 commits.
        using var checkpoints = new CheckpointEvents(DatabasePath);
        await DeployAsync("Sequence.UserTask.bpmn");
        var emptyFile = new FileInfo(DatabasePath).Length;
        const int commits = 100;
        for (var i = 0; i < commits; i++) await StartAsync("seq");
        await checkpoints.WaitForAsync(count: 2);

        Assert.That(checkpoints.Copied, Has.Some.GreaterThan(0), "the checkpointer copied WAL pages into the database file");
        Assert.That(new FileInfo(DatabasePath).Length, Is.GreaterThan(emptyFile + 300_000), "the commits' pages reached the database file");
        Assert.That(checkpoints.Failures, Is.Empty);
    }

    [Test]
    public async Task The_write_ahead_log_stays_bounded_under_sustained_concurrent_writes()
    {
        // While 16 callers keep the writer busy, a checkpoint beside it never catches up with the end of the
        // WAL, so the WAL never starts over by itself; the writer's own fallback checkpoint bounds it
        // (WalCheckpointer.WriterFallbackPages, 4,000 pages of 4 KiB). Without it this run leaves 60 MB or more.
        await DeployAsync("Sequence.UserTask.bpmn");
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) <= 3000) await StartAsync("seq");
        })));

        var wal = new FileInfo(DatabasePath + "-wal").Length;
        Assert.That(wal, Is.LessThan(32_000_000), $"WAL of {wal:N0} bytes");
        Assert.That((await Engine.Tasks.QueryAsync(new TaskFilter { ProcessKey = "seq", Take = 5000 })).Count, Is.EqualTo(3000));
    }

    /// <summary>The store's Checkpoint and CheckpointFailed events for one database file (StoreDiagnostics).</summary>
    private sealed class CheckpointEvents : IDisposable
    {
        private readonly List<long> _copied = [];
        private readonly List<Exception> _failures = [];
        private readonly StoreEventListener _listener;

        public CheckpointEvents(string database) => _listener = new StoreEventListener((name, payload) =>
        {
            lock (_copied)
            {
                if (name == "Checkpoint" && payload is (string db, long _, long copied) && db == database) _copied.Add(copied);
                if (name == "CheckpointFailed" && payload is (string failedDb, Exception error) && failedDb == database) _failures.Add(error);
            }
        });

        public IReadOnlyList<long> Copied { get { lock (_copied) return [.. _copied]; } }
        public IReadOnlyList<Exception> Failures { get { lock (_copied) return [.. _failures]; } }

        public async Task WaitForAsync(int count)
        {
            for (var i = 0; i < 100 && Copied.Count < count; i++) await Task.Delay(50);
        }

        public void Dispose() => _listener.Dispose();
    }

    [Test]
    public async Task A_new_engine_on_the_same_file_continues_the_process_where_it_stopped()
    {
        await DeployAsync("Gateway.ParallelLoop.bpmn");
        var instance = await StartAsync("parLoop", new { repeat = false, applicant = "Ñuñez Álvarez" });
        await Engine.DisposeAsync();

        await using var restarted = await ReopenAsync();
        var task = (await restarted.Tasks.QueryAsync(new TaskFilter { InstanceId = instance.Id })).Single();
        Assert.That(task.ElementId, Is.EqualTo("b"));
        await restarted.Tasks.CompleteAsync(task.Id, new Dictionary<string, object?> { ["notes"] = "ok" });
        var check = (await restarted.Tasks.QueryAsync(new TaskFilter { InstanceId = instance.Id })).Single();
        Assert.That(check.ElementId, Is.EqualTo("check"), "the parallel join remembered the branch that arrived before the restart");
        await restarted.Tasks.CompleteAsync(check.Id);

        var done = await restarted.Runtime.GetInstanceAsync(instance.Id);
        Assert.That(done.Status, Is.EqualTo(InstanceStatus.Completed));
        var variables = await restarted.Runtime.GetVariablesAsync(instance.Id);
        Assert.That(variables["applicant"], Is.EqualTo("Ñuñez Álvarez"));
        var history = await restarted.History.ForInstanceAsync(instance.Id);
        Assert.That(history.First().EventType, Is.EqualTo(HistoryEventTypes.CaseOpened));
        Assert.That(history.TakeLast(2).Select(h => h.EventType), Is.EqualTo(new[] { HistoryEventTypes.ProcessCompleted, HistoryEventTypes.CaseClosed }));
    }

    [Test]
    public async Task Timers_survive_a_restart()
    {
        await DeployAsync("Timer.BoundaryInterrupting.bpmn");
        var instance = await StartAsync("slaEscalation");
        await Engine.DisposeAsync();

        await using var restarted = await ReopenAsync();
        Clock.Advance(TimeSpan.FromHours(25));
        Assert.That(await restarted.Management.ExecuteAllDueJobsAsync(), Is.EqualTo(1));
        var info = await restarted.Runtime.GetInstanceAsync(instance.Id);
        Assert.That(info.ActiveElementIds, Is.EqualTo(new[] { "escalate" }));
    }

    [Test]
    public async Task Variables_keep_their_types_through_the_database()
    {
        await DeployAsync("Sequence.UserTask.bpmn");
        var birth = new DateOnly(1990, 5, 17);
        var instance = await StartAsync("seq", new Dictionary<string, object?>
        {
            ["birthDate"] = birth, ["salary"] = 1130.50m, ["waiting"] = TimeSpan.FromDays(3), ["services"] = new[] { "CUL", "bolsa" },
            ["person"] = new Dictionary<string, object?> { ["dni"] = "45678912", ["disability"] = false }, ["note"] = null,
        });
        var variables = await Engine.Runtime.GetVariablesAsync(instance.Id);
        Assert.That(variables["birthDate"], Is.EqualTo(birth));
        Assert.That(variables["salary"], Is.EqualTo(1130.50m));
        Assert.That(variables["waiting"], Is.EqualTo(TimeSpan.FromDays(3)));
        Assert.That(variables["services"], Is.EqualTo(new object?[] { "CUL", "bolsa" }));
        Assert.That(((Dictionary<string, object?>)variables["person"]!)["dni"], Is.EqualTo("45678912"));
        Assert.That(variables["note"], Is.Null);
    }

    [Test]
    public async Task Of_fifty_simultaneous_claims_exactly_one_wins()
    {
        await DeployAsync("Sequence.UserTask.bpmn");
        var instance = await StartAsync("seq");
        var task = await SingleTaskAsync(instance.Id);

        var attempts = Enumerable.Range(1, 50).Select(async i =>
        {
            try
            {
                await Engine.Tasks.ClaimAsync(task.Id, $"consultor{i}");
                return "won";
            }
            catch (ConflictException)
            {
                return "conflict";
            }
        });
        var outcomes = await Task.WhenAll(attempts);

        Assert.That(outcomes.Count(o => o == "won"), Is.EqualTo(1));
        Assert.That(outcomes.Count(o => o == "conflict"), Is.EqualTo(49));
        var claimed = await Engine.Tasks.GetAsync(task.Id);
        Assert.That(claimed.Assignee, Does.StartWith("consultor"));
        var claims = (await Engine.History.ForInstanceAsync(instance.Id)).Count(h => h.EventType == HistoryEventTypes.TaskClaimed);
        Assert.That(claims, Is.EqualTo(1));
    }

    [Test]
    public async Task A_conflict_in_a_shared_commit_fails_only_that_command()
    {
        await DeployAsync("Sequence.UserTask.bpmn");
        var instance = await StartAsync("seq");
        var task = await SingleTaskAsync(instance.Id);
        using var commits = new CommitSizes();

        // Twenty claims of one task and twenty new cases at once: the SQLite writer puts what is queued
        // into one transaction, each command in a savepoint; the stale claims must fail alone. Another
        // connection holds SQLite's write lock for a moment, so that the commands queue up behind the
        // writer whatever the timing of the machine.
        List<Task<bool>> claims;
        List<Task<ProcessInstanceInfo>> starts;
        // The command that finds the writer idle blocks its thread-pool thread on the lock; on a busy 2-core
        // machine the pool would then start the other commands one by one, too late to queue together.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), io);
        var entered = 0;
        try
        {
            await using var blocker = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabasePath}");
            await blocker.OpenAsync();
            await using var hold = await blocker.BeginTransactionAsync(); // BEGIN IMMEDIATE: the write lock
            // (Task.Run: a command that finds the writer idle writes on its own thread, so calls made in a
            // plain loop would run one after the other.)
            claims = [.. Enumerable.Range(1, 20).Select(i => Task.Run(async () =>
            {
                Interlocked.Increment(ref entered);
                try { await Engine.Tasks.ClaimAsync(task.Id, $"consultor{i}"); return true; }
                catch (ConflictException) { return false; }
            }))];
            starts = [.. Enumerable.Range(1, 20).Select(_ => Task.Run(() =>
            {
                Interlocked.Increment(ref entered);
                return StartAsync("seq");
            }))];
            for (var waited = 0; Volatile.Read(ref entered) < 40 && waited < 200; waited++) await Task.Delay(50);
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        finally
        {
            ThreadPool.SetMinThreads(workers, io);
        }
        var won = await Task.WhenAll(claims);
        var started = await Task.WhenAll(starts);

        Assert.That(commits.Largest, Is.GreaterThan(1), "some commands shared a transaction");
        Assert.That(won.Count(w => w), Is.EqualTo(1));
        var claimed = (await Engine.History.ForInstanceAsync(instance.Id)).Count(h => h.EventType == HistoryEventTypes.TaskClaimed);
        Assert.That(claimed, Is.EqualTo(1), "the failed claims left no history");
        foreach (var s in started) Assert.That((await SingleTaskAsync(s.Id)).ElementId, Is.EqualTo("review"), "every start was stored");
        Assert.That(started.Select(s => s.CaseNumber).Distinct().Count(), Is.EqualTo(20));
    }

    /// <summary>The largest number of commands one commit of the store carried (its "Commit" diagnostic event).</summary>
    private sealed class CommitSizes : IDisposable
    {
        private readonly StoreEventListener _listener;
        private int _largest;

        public CommitSizes() => _listener = new StoreEventListener((name, payload) =>
        {
            if (name != "Commit" || payload is not int sessions) return;
            int seen;
            do seen = Volatile.Read(ref _largest);
            while (sessions > seen && Interlocked.CompareExchange(ref _largest, sessions, seen) != seen);
        });

        public int Largest => Volatile.Read(ref _largest);

        public void Dispose() => _listener.Dispose();
    }

    [Test]
    public async Task A_stale_form_is_rejected_and_changes_nothing()
    {
        await DeployAsync("Sequence.UserTask.bpmn");
        var instance = await StartAsync("seq");
        var read = await SingleTaskAsync(instance.Id);
        await Engine.Tasks.ClaimAsync(read.Id, "ana");

        var e = await Assert.ThrowsAsync<ConflictException>(() => Engine.Tasks.CompleteAsync(read.Id, new Dictionary<string, object?> { ["x"] = 1 }, "ana", read.Version));
        Assert.That(e!.Message, Does.Contain("changed since it was read"));
        await AssertActiveAtAsync(instance.Id, "review");
        Assert.That((await Engine.Runtime.GetVariablesAsync(instance.Id)).ContainsKey("x"), Is.False);

        var other = await Assert.ThrowsAsync<ConflictException>(() => Engine.Tasks.CompleteAsync(read.Id, null, "beto"));
        Assert.That(other!.Message, Does.Contain("claimed by ana"));
    }

    [Test]
    public async Task A_commit_that_fails_leaves_the_case_before_the_step()
    {
        await DeployAsync("Sequence.UserTask.bpmn");
        var instance = await StartAsync("seq");
        var task = await SingleTaskAsync(instance.Id);
        await Engine.DisposeAsync();

        var failing = new FailingCommitStore(EfEngineStore.ForSqlite(DatabasePath));
        await using (var crashing = await ReopenAsync(failing))
        {
            await Assert.ThrowsAsync<IOException>(() => crashing.Tasks.CompleteAsync(task.Id));
        }
        Assert.That(HandlerCalls, Is.EqualTo(new[] { "work" }), "the step ran in memory up to the commit");

        await using var recovered = await ReopenAsync();
        var info = await recovered.Runtime.GetInstanceAsync(instance.Id);
        Assert.That(info.ActiveElementIds, Is.EqualTo(new[] { "review" }), "nothing of the failed step was stored");
        await recovered.Tasks.CompleteAsync(task.Id);
        Assert.That((await recovered.Runtime.GetInstanceAsync(instance.Id)).Status, Is.EqualTo(InstanceStatus.Completed));
    }

    /// <summary>Fails the first commit, as a crash or full disk would.</summary>
    private sealed class FailingCommitStore(IEngineStore inner) : IEngineStore
    {
        private int _commits;
        public Task InitializeAsync(CancellationToken ct = default) => inner.InitializeAsync(ct);
        public Task<long> NextCaseSequenceAsync(string officeCode, int year, CancellationToken ct = default) => inner.NextCaseSequenceAsync(officeCode, year, ct);
        public IEngineSession OpenSession() => new Session(inner.OpenSession(), this);

        private sealed class Session(IEngineSession s, FailingCommitStore owner) : IEngineSession
        {
            public Task CommitAsync(CancellationToken ct) => Interlocked.Increment(ref owner._commits) == 1 ? throw new IOException("disk full") : s.CommitAsync(ct);
            public Task<List<ProcessDefinitionRecord>> LoadDefinitionsAsync(CancellationToken ct, bool withXml = true, string? key = null) => s.LoadDefinitionsAsync(ct, withXml, key);
            public Task<List<DeploymentRecord>> LoadDeploymentsAsync(CancellationToken ct) => s.LoadDeploymentsAsync(ct);
            public Task<List<(string DefinitionId, InstanceStatus Status, int Count)>> CountInstancesAsync(IReadOnlyCollection<string>? officeCodes, CancellationToken ct) => s.CountInstancesAsync(officeCodes, ct);
            public Task<List<ResourceDefinitionRecord>> LoadResourcesAsync(CancellationToken ct) => s.LoadResourcesAsync(ct);
            public Task<ProcessInstanceRecord?> FindInstanceAsync(Guid id, CancellationToken ct) => s.FindInstanceAsync(id, ct);
            public Task<List<ProcessInstanceRecord>> FindInstancesAsync(InstanceFilter filter, CancellationToken ct) => s.FindInstancesAsync(filter, ct);
            public Task<CaseFileRecord?> FindCaseAsync(Guid id, CancellationToken ct) => s.FindCaseAsync(id, ct);
            public Task<CaseFileRecord?> FindCaseByNumberAsync(string caseNumber, CancellationToken ct) => s.FindCaseByNumberAsync(caseNumber, ct);
            public Task<List<CaseFileRecord>> FindChildCasesAsync(Guid parentCaseId, CancellationToken ct) => s.FindChildCasesAsync(parentCaseId, ct);
            public Task<List<CaseFileRecord>> QueryCasesAsync(CaseFilter filter, CancellationToken ct) => s.QueryCasesAsync(filter, ct);
            public Task<int> CountCasesAsync(CaseFilter filter, CancellationToken ct) => s.CountCasesAsync(filter, ct);
            public Task<List<CaseCount>> CountCasesByAsync(CaseGrouping grouping, CaseFilter filter, CancellationToken ct) => s.CountCasesByAsync(grouping, filter, ct);
            public Task<CaseDurations> CaseDurationsAsync(CaseFilter filter, IReadOnlyList<double> percentiles, CancellationToken ct) => s.CaseDurationsAsync(filter, percentiles, ct);
            public Task<List<TaskCount>> CountTasksByOfficeAsync(TaskFilter filter, DateTimeOffset overdueAt, CancellationToken ct) => s.CountTasksByOfficeAsync(filter, overdueAt, ct);
            public Task<UserTaskRecord?> FindTaskAsync(Guid id, CancellationToken ct) => s.FindTaskAsync(id, ct);
            public Task<List<UserTaskRecord>> QueryTasksAsync(TaskFilter filter, CancellationToken ct) => s.QueryTasksAsync(filter, ct);
            public Task<int> CountTasksAsync(TaskFilter filter, int? limit, CancellationToken ct) => s.CountTasksAsync(filter, limit, ct);
            public Task<JobRecord?> FindJobAsync(Guid id, CancellationToken ct) => s.FindJobAsync(id, ct);
            public Task<List<JobRecord>> FindJobsAsync(JobFilter filter, CancellationToken ct) => s.FindJobsAsync(filter, ct);
            public Task<List<OpenIncidentRow>> PageOpenIncidentsAsync(IReadOnlyCollection<string>? officeCodes, int skip, int take, CancellationToken ct) => s.PageOpenIncidentsAsync(officeCodes, skip, take, ct);
            public Task<int> CountOpenIncidentsAsync(IReadOnlyCollection<string>? officeCodes, CancellationToken ct) => s.CountOpenIncidentsAsync(officeCodes, ct);
            public Task<List<InstanceListRow>> PageInstancesAsync(InstanceQuery query, IReadOnlyCollection<string>? officeCodes, CancellationToken ct) => s.PageInstancesAsync(query, officeCodes, ct);
            public Task<int> CountInstancesAsync(InstanceQuery query, IReadOnlyCollection<string>? officeCodes, CancellationToken ct) => s.CountInstancesAsync(query, officeCodes, ct);
            public Task<IncidentRecord?> FindIncidentAsync(Guid id, CancellationToken ct) => s.FindIncidentAsync(id, ct);
            public Task<List<IncidentRecord>> FindIncidentsAsync(IncidentFilter filter, CancellationToken ct) => s.FindIncidentsAsync(filter, ct);
            public Task<List<EventSubscriptionRecord>> FindSubscriptionsAsync(SubscriptionFilter filter, CancellationToken ct) => s.FindSubscriptionsAsync(filter, ct);
            public Task<List<BufferedMessageRecord>> FindBufferedMessagesAsync(string name, string? correlationKey, DateTimeOffset now, CancellationToken ct) => s.FindBufferedMessagesAsync(name, correlationKey, now, ct);
            public Task<List<HistoryEventRecord>> FindHistoryAsync(HistoryFilter filter, CancellationToken ct) => s.FindHistoryAsync(filter, ct);
            public void Add<T>(T record) where T : class => s.Add(record);
            public void Enlist(ITransactionalWrite write) => s.Enlist(write);
            public void Update<T>(T record) where T : class => s.Update(record);
            public void Remove<T>(T record) where T : class => s.Remove(record);
            public ValueTask DisposeAsync() => s.DisposeAsync();
        }
    }
}

public sealed class CaseFileTests : EngineTestBase
{
    [Test]
    public async Task Case_numbers_count_per_office_and_year()
    {
        await DeployAsync("Sequence.UserTask.bpmn");
        var a = await StartAsync("seq", office: "LIM");
        var b = await StartAsync("seq", office: "lim");
        var c = await StartAsync("seq", office: "CUS");
        Assert.That(new[] { a.CaseNumber, b.CaseNumber, c.CaseNumber }, Is.EqualTo(new[] { "LIM-2026-000001", "LIM-2026-000002", "CUS-2026-000001" }));
        Assert.That((await Engine.Cases.GetByNumberAsync("cus-2026-000001")).Id, Is.EqualTo(c.CaseId));
    }

    [Test]
    public async Task An_invalid_office_code_is_refused_before_anything_starts()
    {
        await DeployAsync("Sequence.UserTask.bpmn");
        var e = await Assert.ThrowsAsync<ArgumentException>(() => StartAsync("seq", office: "L1M!"));
        Assert.That(e!.Message, Does.Contain("Office code 'L1M!' is invalid"));
    }

    [Test]
    public async Task A_triage_case_links_its_referral_cases_and_closes_when_its_process_ends()
    {
        await DeployAsync("Sequence.UserTask.bpmn");
        var triage = await StartAsync("seq", office: "ARE");
        var referral = await Engine.Runtime.StartProcessAsync(new StartProcessRequest { ProcessKey = "seq", OfficeCode = "ARE", ParentCaseId = triage.CaseId, Title = "Derivación: bolsa de trabajo" });

        var children = await Engine.Cases.ChildrenAsync(triage.CaseId);
        Assert.That(children.Single().Id, Is.EqualTo(referral.CaseId));
        Assert.That(children.Single().Title, Is.EqualTo("Derivación: bolsa de trabajo"));

        await CompleteTaskAsync(triage.Id, "review");
        var closed = await Engine.Cases.GetAsync(triage.CaseId);
        Assert.That(closed.Status, Is.EqualTo(CaseStatus.Closed));
        Assert.That(closed.ClosedAt, Is.EqualTo(T0));
        Assert.That((await Engine.Cases.GetAsync(referral.CaseId)).Status, Is.EqualTo(CaseStatus.Open));
    }

    [Test]
    public async Task History_records_who_did_what_and_the_variables_before_and_after()
    {
        await DeployAsync("Sequence.UserTask.bpmn");
        var instance = await Engine.Runtime.StartProcessAsync(new StartProcessRequest { ProcessKey = "seq", UserId = "recepcion", Variables = new Dictionary<string, object?> { ["status"] = "nuevo" } });
        var task = await SingleTaskAsync(instance.Id);
        await Engine.Tasks.ClaimAsync(task.Id, "ana");
        Clock.Advance(TimeSpan.FromMinutes(12));
        await Engine.Tasks.CompleteAsync(task.Id, new Dictionary<string, object?> { ["status"] = "atendido" }, "ana");

        var history = await Engine.History.ForCaseAsync(instance.CaseId);
        Assert.That(history.First(h => h.EventType == HistoryEventTypes.ProcessStarted).UserId, Is.EqualTo("recepcion"));
        var claimed = history.Single(h => h.EventType == HistoryEventTypes.TaskClaimed);
        Assert.That(claimed.UserId, Is.EqualTo("ana"));
        var completed = history.Single(h => h.EventType == HistoryEventTypes.TaskCompleted);
        Assert.That(completed.Timestamp, Is.EqualTo(T0.AddMinutes(12)));
        var change = history.Last(h => h.EventType == HistoryEventTypes.VariablesChanged);
        Assert.That(change.UserId, Is.EqualTo("ana"));
        Assert.That(change.Details, Does.Contain("\"old\":\"nuevo\"").And.Contain("\"new\":\"atendido\""));
    }
}
