using Microsoft.EntityFrameworkCore;

namespace Vupe.Engine.Tests;

/// <summary>
/// The same scenarios on every store: in memory, a SQLite file and a real PostgreSQL server
/// (started by test.sh; VUPE_TEST_POSTGRES holds its connection string). PostgreSQL is
/// <c>new EfEngineStore(o => o.UseNpgsql(cs))</c>: the one-line provider switch.
/// </summary>
public abstract class StoreContractTests : EngineTestBase
{
    [Test]
    public async Task A_case_runs_from_start_to_end_with_typed_variables()
    {
        await DeployAsync("Gateway.ParallelLoop.bpmn");
        var instance = await StartAsync("parLoop", new Dictionary<string, object?>
        {
            ["repeat"] = false, ["nombre"] = "José Ñahui", ["nacimiento"] = new DateOnly(1988, 2, 29), ["ingreso"] = 1025.75m,
        });
        await CompleteTaskAsync(instance.Id, "b");
        await CompleteTaskAsync(instance.Id, "check");
        await AssertCompletedAsync(instance.Id);
        var variables = await Engine.Runtime.GetVariablesAsync(instance.Id);
        Assert.That(variables["nombre"], Is.EqualTo("José Ñahui"));
        Assert.That(variables["nacimiento"], Is.EqualTo(new DateOnly(1988, 2, 29)));
        Assert.That(variables["ingreso"], Is.EqualTo(1025.75m));
        var history = await Engine.History.ForCaseAsync(instance.CaseId);
        Assert.That(history.Select(h => h.Id), Is.Ordered, "history reads back in the order it happened");
        Assert.That(history.Last().EventType, Is.EqualTo(HistoryEventTypes.CaseClosed));
    }

    [Test]
    public async Task History_of_instances_written_in_one_command_reads_back_per_instance_and_per_case()
    {
        // The parent and its called child write history in the same commands: the in-memory store
        // keeps rows per instance in chunks and must give back exactly what a database would.
        await DeployAsync("CallActivity.Child.v1.bpmn", "CallActivity.Parent.bpmn");
        var parent = await StartAsync("parent", new Dictionary<string, object?> { ["applicant"] = new Dictionary<string, object?> { ["name"] = "Rosa" } });
        var child = (await Engine.Runtime.ListInstancesAsync(parent.CaseId)).Single(i => i.ProcessKey == "child");
        await CompleteTaskAsync(child.Id, "cTask", new { result = "apto" });

        var forCase = await Engine.History.ForCaseAsync(parent.CaseId);
        var forParent = await Engine.History.ForInstanceAsync(parent.Id);
        var forChild = await Engine.History.ForInstanceAsync(child.Id);
        Assert.That(forCase.Select(h => h.Id), Is.Ordered.And.Unique);
        Assert.That(forParent.Select(h => h.Id), Is.Ordered);
        Assert.That(forChild.Select(h => h.Id), Is.Ordered);
        Assert.That(forCase, Is.EquivalentTo(forParent.Concat(forChild)), "every row, once, with the same values either way");
        Assert.That(forParent, Has.All.Matches<HistoryEntry>(h => h!.InstanceId == parent.Id && h.CaseId == parent.CaseId));
        Assert.That(forChild, Has.All.Matches<HistoryEntry>(h => h!.InstanceId == child.Id && h.CaseId == parent.CaseId));
        Assert.That(forChild.Select(h => h.EventType), Does.Contain(HistoryEventTypes.TaskCompleted));
        Assert.That(forChild.Single(h => h.EventType == HistoryEventTypes.TaskCompleted).Details, Does.Contain("apto"));
    }

    [Test]
    public async Task A_cases_instances_tasks_children_and_history_read_through_the_case_are_its_own_only()
    {
        // Two instances in one case (a parent and its called child), another case beside it, and two child cases:
        // what a case page reads by case must be exactly that case's rows, in the same order on every store.
        await DeployAsync("CallActivity.Child.v1.bpmn", "CallActivity.Parent.bpmn", "Sequence.UserTask.bpmn");
        var parent = await StartAsync("parent", new Dictionary<string, object?> { ["applicant"] = new Dictionary<string, object?> { ["name"] = "Rosa" } });
        var other = await StartAsync("parent", new Dictionary<string, object?> { ["applicant"] = new Dictionary<string, object?> { ["name"] = "Luz" } });
        Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await Engine.Runtime.StartProcessAsync(new StartProcessRequest { ProcessKey = "seq", ParentCaseId = parent.CaseId, OfficeCode = "LIM" });
        Clock.Advance(TimeSpan.FromMinutes(1));
        var first = await Engine.Runtime.StartProcessAsync(new StartProcessRequest { ProcessKey = "seq", ParentCaseId = parent.CaseId, OfficeCode = "LIM" });

        var instances = await Engine.Runtime.ListInstancesAsync(parent.CaseId);
        Assert.That(instances.Select(i => i.ProcessKey), Is.EqualTo(new[] { "parent", "child" }), "oldest first, the other case's left out");
        var tasks = await Engine.Tasks.QueryAsync(new TaskFilter { CaseId = parent.CaseId });
        Assert.That(tasks.Select(t => t.InstanceId), Is.EqualTo(new[] { instances[1].Id }), "the child's task, not the other case's");
        Assert.That(await Engine.Tasks.QueryAsync(new TaskFilter { CaseId = parent.CaseId, Assignee = "nadie" }), Is.Empty, "the rest of the filter applies");
        Assert.That(await Engine.Tasks.QueryAsync(new TaskFilter { CaseId = parent.CaseId, Skip = 1 }), Is.Empty, "and the page");
        Assert.That((await Engine.Cases.ChildrenAsync(parent.CaseId)).Select(c => c.Id), Is.EqualTo(new[] { second.CaseId, first.CaseId }), "opened first, first");
        Assert.That(await Engine.Cases.ChildrenAsync(other.CaseId), Is.Empty);
        var history = await Engine.History.ForCaseAsync(parent.CaseId);
        Assert.That(history.Select(h => h.Id), Is.Ordered.And.Unique);
        Assert.That(history.Select(h => h.InstanceId).Distinct(), Is.EquivalentTo(instances.Select(i => i.Id)));
        Assert.That(await Engine.Management.ListIncidentsAsync(caseId: parent.CaseId), Is.Empty);

        // The case page's one read gives what the separate calls give.
        var view = await Engine.Cases.GetViewAsync(parent.CaseId);
        Assert.That(view.Case, Is.EqualTo(await Engine.Cases.GetAsync(parent.CaseId)));
        Assert.That(view.Variables.Keys, Is.EquivalentTo((await Engine.Cases.GetVariablesAsync(parent.CaseId)).Keys).And.Contain("applicant"));
        Assert.That(view.Instances.Select(i => (i.Id, i.Status, string.Join(",", i.ActiveElementIds))),
            Is.EqualTo(instances.Select(i => (i.Id, i.Status, string.Join(",", i.ActiveElementIds)))));
        Assert.That(view.Tasks.Select(t => t.Id), Is.EqualTo(tasks.Select(t => t.Id)));
        Assert.That(view.Children.Select(c => c.Id), Is.EqualTo(new[] { second.CaseId, first.CaseId }));
        Assert.That(view.History.Select(h => h.Id), Is.EqualTo(history.Select(h => h.Id)));
        Assert.That(view.OpenIncidents, Is.Empty);
        await Assert.ThrowsAsync<NotFoundException>(() => Engine.Cases.GetViewAsync(Guid.NewGuid()));
    }

    [Test]
    public async Task Concurrent_starts_never_share_a_case_number()
    {
        await DeployAsync("Sequence.UserTask.bpmn");
        var starts = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => StartAsync("seq", office: "PIU")));
        Assert.That(starts.Select(s => s.CaseNumber).Distinct().Count(), Is.EqualTo(20));
        Assert.That(starts.Select(s => s.CaseNumber), Has.All.Match(@"^PIU-2026-0000\d\d$"));
    }

    [Test]
    public async Task Of_twenty_simultaneous_claims_exactly_one_wins()
    {
        await DeployAsync("Sequence.UserTask.bpmn");
        var instance = await StartAsync("seq");
        var task = await SingleTaskAsync(instance.Id);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            try { await Engine.Tasks.ClaimAsync(task.Id, $"c{i}"); return true; }
            catch (ConflictException) { return false; }
        }));
        Assert.That(outcomes.Count(won => won), Is.EqualTo(1));
    }

    [Test]
    public async Task A_claim_answers_the_version_it_committed_and_completing_with_it_succeeds()
    {
        await DeployAsync("Sequence.UserTask.bpmn");
        var instance = await StartAsync("seq");
        var read = await SingleTaskAsync(instance.Id);

        var claimed = await Engine.Tasks.ClaimAsync(read.Id, "ana");
        var again = await Engine.Tasks.ClaimAsync(read.Id, "ana");

        Assert.That(claimed.Version, Is.EqualTo(read.Version + 1));
        Assert.That((await Engine.Tasks.GetAsync(read.Id)).Version, Is.EqualTo(claimed.Version), "what the claim answered is what is stored");
        Assert.That(again.Version, Is.EqualTo(claimed.Version), "claiming a task one holds changes nothing");
        await Assert.ThrowsAsync<ConflictException>(() => Engine.Tasks.CompleteAsync(read.Id, null, "ana", read.Version), "the version read before the claim is stale");
        await Engine.Tasks.CompleteAsync(read.Id, null, "ana", claimed.Version);
        Assert.That(await TasksAsync(instance.Id), Is.Empty);
    }

    [Test]
    public async Task Only_a_change_writes_an_instance_and_it_bumps_its_version_once()
    {
        // One contract on every store: a command writes (and versions) only the instances it changed, so
        // reads and commands that merely load an instance never conflict with the steps that move it.
        await DeployAsync("Sequence.UserTask.bpmn");
        var instance = await StartAsync("seq", new { amount = 1 });
        var task = await SingleTaskAsync(instance.Id);
        var started = await InstanceRowVersionAsync(instance.Id);

        await Engine.Tasks.GetVariablesAsync(task.Id);
        await Engine.Runtime.GetVariablesAsync(instance.Id);
        await Engine.Runtime.GetInstanceAsync(instance.Id);
        await Engine.Tasks.QueryAsync(new TaskFilter { InstanceId = instance.Id });
        Assert.That(await InstanceRowVersionAsync(instance.Id), Is.EqualTo(started), "reads");

        await Engine.Runtime.SetVariablesAsync(instance.Id, new Dictionary<string, object?>()); // a command that loads the instance and sets nothing
        await Engine.Tasks.ClaimAsync(task.Id, "ana"); // a command that changes the task, not the instance
        Assert.That(await InstanceRowVersionAsync(instance.Id), Is.EqualTo(started), "commands that leave the instance as it was");

        await Engine.Runtime.SetVariablesAsync(instance.Id, new Dictionary<string, object?> { ["amount"] = 2 });
        Assert.That(await InstanceRowVersionAsync(instance.Id), Is.EqualTo(started + 1), "one change, one version");
        Assert.That((await Engine.Runtime.GetVariablesAsync(instance.Id))["amount"], Is.EqualTo(2));

        await Engine.Runtime.SetVariablesAsync(instance.Id, new Dictionary<string, object?> { ["amount"] = 2 });
        Assert.That(await InstanceRowVersionAsync(instance.Id), Is.EqualTo(started + 1), "setting the value it has changes nothing");
    }

    private async Task<long> InstanceRowVersionAsync(Guid id) =>
        (await Engine.Core.ReadAsync(CancellationToken.None, s => s.FindInstanceAsync(id, CancellationToken.None)))!.Version;

    [Test]
    public async Task Cases_are_counted_per_group_and_their_durations_at_percentiles_by_the_store()
    {
        await DeployAsync("Sequence.UserTask.bpmn");
        var lim1 = await Engine.Runtime.StartProcessAsync(new StartProcessRequest { ProcessKey = "seq", OfficeCode = "LIM", Title = "A" });
        var lim2 = await Engine.Runtime.StartProcessAsync(new StartProcessRequest { ProcessKey = "seq", OfficeCode = "LIM", Title = "B" });
        var cus = await Engine.Runtime.StartProcessAsync(new StartProcessRequest { ProcessKey = "seq", OfficeCode = "CUS", Title = "A" });
        Clock.Advance(TimeSpan.FromHours(1));
        await CompleteOnlyTaskAsync(lim1.Id);
        Clock.Advance(TimeSpan.FromHours(2));
        await CompleteOnlyTaskAsync(cus.Id);

        var opened = await Engine.Cases.CountByAsync(CaseGrouping.Office | CaseGrouping.ProcessKey, new CaseFilter { OpenedFrom = T0 });
        Assert.That(opened.Select(c => (c.OfficeCode, c.ProcessKey, c.Title, c.Count)), Is.EquivalentTo(new[] { ("LIM", "seq", (string?)null, 2), ("CUS", "seq", null, 1) }));
        var byTitle = await Engine.Cases.CountByAsync(CaseGrouping.Title, new CaseFilter { OfficeCodes = ["LIM", "CUS"] });
        Assert.That(byTitle.Select(c => (c.OfficeCode, c.Title, c.Count)), Is.EquivalentTo(new[] { ((string?)null, "A", 2), (null, "B", 1) }));
        Assert.That((await Engine.Cases.CountByAsync(CaseGrouping.Title, new CaseFilter { TitlePrefix = "B" })).Select(c => (c.Title, c.Count)), Is.EqualTo(new[] { ("B", 1) }));
        var closedLater = new CaseFilter { ClosedFrom = T0.AddHours(2), ClosedBefore = T0.AddDays(1) };
        Assert.That((await Engine.Cases.CountByAsync(CaseGrouping.Office, closedLater)).Select(c => (c.OfficeCode, c.Count)), Is.EqualTo(new[] { ("CUS", 1) }));

        var durations = await Engine.Cases.DurationsAsync(new CaseFilter(), [0.5, 1.0]);
        Assert.That(durations.Count, Is.EqualTo(2), "only closed cases have a duration");
        Assert.That(durations.Percentiles, Is.EqualTo(new[] { TimeSpan.FromHours(1), TimeSpan.FromHours(3) }));
        Assert.That((await Engine.Cases.DurationsAsync(new CaseFilter { OfficeCodes = ["LIM"] }, [0.5])).Percentiles, Is.EqualTo(new[] { TimeSpan.FromHours(1) }));
        Assert.That((await Engine.Cases.DurationsAsync(new CaseFilter { OfficeCodes = ["PIU"] }, [0.5])), Is.EqualTo(new CaseDurations(0, [])).Using<CaseDurations>((a, b) => a.Count == b.Count && a.Percentiles.SequenceEqual(b.Percentiles)));

        var tasks = await Engine.Tasks.CountByOfficeAsync(new TaskFilter(), Clock.GetUtcNow());
        Assert.That(tasks.Select(t => (t.OfficeCode, t.Open)), Is.EqualTo(new[] { ("LIM", 1) }), "lim2's task is the one left");
        Assert.That(lim2.CaseId, Is.Not.EqualTo(Guid.Empty));
    }

    private async Task CompleteOnlyTaskAsync(Guid instanceId)
    {
        var task = (await Engine.Tasks.QueryAsync(new TaskFilter { InstanceId = instanceId })).Single();
        await Engine.Tasks.CompleteAsync(task.Id, null, "ana", task.Version);
    }

    [Test]
    public async Task Cases_are_listed_by_office_subject_status_and_date_and_children_inherit_the_subject()
    {
        await DeployAsync("Sequence.UserTask.bpmn");
        var lim = await Engine.Runtime.StartProcessAsync(new StartProcessRequest { ProcessKey = "seq", OfficeCode = "LIM", SubjectId = "party-1" });
        Clock.Advance(TimeSpan.FromHours(1));
        var cus = await Engine.Runtime.StartProcessAsync(new StartProcessRequest { ProcessKey = "seq", OfficeCode = "CUS", SubjectId = "party-2" });
        Clock.Advance(TimeSpan.FromMinutes(1));
        var child = await Engine.Runtime.StartProcessAsync(new StartProcessRequest { ProcessKey = "seq", ParentCaseId = lim.CaseId, OfficeCode = "LIM" });

        var inLima = await Engine.Cases.QueryAsync(new CaseFilter { OfficeCodes = ["LIM"] });
        Assert.That(inLima.Select(c => c.Id), Is.EqualTo(new[] { child.CaseId, lim.CaseId }), "newest first, only Lima");
        var ofParty = await Engine.Cases.QueryAsync(new CaseFilter { SubjectId = "party-1" });
        Assert.That(ofParty.Select(c => c.Id), Is.EquivalentTo(new[] { lim.CaseId, child.CaseId }), "the child inherits its parent's subject");
        Assert.That(await Engine.Cases.CountAsync(new CaseFilter { OpenedFrom = T0.AddMinutes(30) }), Is.EqualTo(2));
        Assert.That(await Engine.Cases.CountAsync(new CaseFilter { OpenedBefore = T0.AddMinutes(30) }), Is.EqualTo(1));
        Assert.That(await Engine.Cases.CountAsync(new CaseFilter { Status = CaseStatus.Closed }), Is.Zero);
        Assert.That((await Engine.Cases.QueryAsync(new CaseFilter { Skip = 1, Take = 1 })).Single().Id, Is.EqualTo(cus.CaseId));
        Assert.That((await Engine.Cases.GetAsync(cus.CaseId)).SubjectId, Is.EqualTo("party-2"));
        // Several subjects at once (a search by name finds the fichas first), oldest first when asked.
        var ofEither = await Engine.Cases.QueryAsync(new CaseFilter { SubjectIds = ["party-2", "party-1", "party-9"], OldestFirst = true });
        Assert.That(ofEither.Select(c => c.Id), Is.EqualTo(new[] { lim.CaseId, cus.CaseId, child.CaseId }));
        Assert.That(await Engine.Cases.CountAsync(new CaseFilter { SubjectIds = ["party-2"], OfficeCodes = ["LIM"] }), Is.Zero);
        Assert.That(await Engine.Cases.CountAsync(new CaseFilter { SubjectIds = [] }), Is.Zero, "no subject matches none, not all");
    }

    [Test]
    public async Task Tasks_are_filtered_by_a_due_window_and_a_set_of_offices()
    {
        await DeployAsync("Sequence.UserTask.bpmn");
        await StartAsync("seq", office: "LIM");
        Clock.Advance(TimeSpan.FromDays(1));
        await StartAsync("seq", office: "CUS");
        // Due in two days: the first task at T0+2d, the second at T0+3d.
        var dueSoon = await Engine.Tasks.QueryAsync(new TaskFilter { DueAfter = T0.AddDays(1), DueBefore = T0.AddDays(2.5) });
        Assert.That(dueSoon.Select(t => t.OfficeCode), Is.EqualTo(new[] { "LIM" }));
        Assert.That(await Engine.Tasks.CountAsync(new TaskFilter { DueAfter = T0.AddDays(2) }), Is.EqualTo(1), "the bound is exclusive");
        Assert.That(await Engine.Tasks.CountAsync(new TaskFilter { OfficeCodes = ["CUS", "ARE"] }), Is.EqualTo(1));
        Assert.That(await Engine.Tasks.CountAsync(new TaskFilter { OfficeCodes = [] }), Is.Zero, "an empty scope sees nothing");
    }

    [Test]
    public async Task Task_pages_sort_alike_in_every_store_with_undated_tasks_last_and_ties_broken_by_id()
    {
        await DeployAsync("UserTask.DueAndPriority.bpmn");
        // All created at the same instant: equal creation times, two equal due dates, equal priorities.
        (string? Due, int Priority)[] specs = [("P3D", 10), ("P1D", 90), (null, 50), ("P2D", 90), ("P1D", 10), (null, 70), ("P1D", 90)];
        var tasks = new List<TaskInfo>();
        foreach (var (due, priority) in specs)
            tasks.Add(await SingleTaskAsync((await StartAsync("inbox", Inbox(due, priority))).Id));
        Assert.That(tasks.Count(t => t.DueAt is null), Is.EqualTo(2));

        var dated = tasks.Where(t => t.DueAt is not null).ToList();
        var undated = tasks.Where(t => t.DueAt is null).ToList();
        var expected = new Dictionary<(TaskSort, bool), List<Guid>>
        {
            [(TaskSort.DueAt, false)] = [.. dated.OrderBy(t => t.DueAt).ThenBy(t => t.Id).Concat(undated.OrderBy(t => t.Id)).Select(t => t.Id)],
            [(TaskSort.DueAt, true)] = [.. dated.OrderByDescending(t => t.DueAt).ThenByDescending(t => t.Id).Concat(undated.OrderByDescending(t => t.Id)).Select(t => t.Id)],
            [(TaskSort.Priority, false)] = [.. tasks.OrderBy(t => t.Priority).ThenBy(t => t.Id).Select(t => t.Id)],
            [(TaskSort.Priority, true)] = [.. tasks.OrderByDescending(t => t.Priority).ThenByDescending(t => t.Id).Select(t => t.Id)],
            [(TaskSort.CreatedAt, false)] = [.. tasks.OrderBy(t => t.Id).Select(t => t.Id)],
            [(TaskSort.CreatedAt, true)] = [.. tasks.OrderByDescending(t => t.Id).Select(t => t.Id)],
        };
        foreach (var ((sort, descending), order) in expected)
        {
            var filter = new TaskFilter { ProcessKey = "inbox", Sort = sort, Descending = descending };
            Assert.That((await Engine.Tasks.QueryAsync(filter)).Select(t => t.Id), Is.EqualTo(order), $"{sort} descending={descending}");
            // Pages of two from every offset, across the boundary between dated and undated tasks.
            for (var skip = 0; skip <= tasks.Count; skip++)
            {
                var page = await Engine.Tasks.QueryAsync(filter with { Skip = skip, Take = 2 });
                Assert.That(page.Select(t => t.Id), Is.EqualTo(order.Skip(skip).Take(2)), $"{sort} descending={descending} skip={skip}");
            }
        }
        var candidates = await Engine.Tasks.QueryAsync(new TaskFilter { ProcessKey = "inbox", Take = 3 });
        Assert.That(candidates.Select(t => t.CandidateGroups), Has.All.EqualTo(new[] { "LIM-consultor" }), "a page carries its tasks' candidate groups");

        // A priority floor, in the query, the count and the instance fast path alike.
        var urgent = new TaskFilter { ProcessKey = "inbox", MinPriority = 70, Sort = TaskSort.Priority, Descending = true };
        Assert.That((await Engine.Tasks.QueryAsync(urgent)).Select(t => t.Priority), Is.EqualTo(new[] { 90, 90, 90, 70 }));
        Assert.That(await Engine.Tasks.CountAsync(urgent), Is.EqualTo(4));
        Assert.That(await Engine.Tasks.QueryAsync(new TaskFilter { InstanceId = tasks[0].InstanceId, MinPriority = 70 }), Is.Empty, "priority 10");
    }

    [Test]
    public async Task A_count_with_a_limit_is_exact_below_it_and_stops_at_it()
    {
        await DeployAsync("UserTask.DueAndPriority.bpmn");
        for (var i = 0; i < 5; i++) await StartAsync("inbox", Inbox(i % 2 == 0 ? "P1D" : null, 50));
        var all = new TaskFilter { ProcessKey = "inbox", Skip = 3, Take = 1 };
        Assert.That(await Engine.Tasks.CountAsync(all), Is.EqualTo(5), "paging is ignored");
        Assert.That(await Engine.Tasks.CountUpToAsync(all, limit: 10), Is.EqualTo(5));
        Assert.That(await Engine.Tasks.CountUpToAsync(all, limit: 5), Is.EqualTo(5));
        Assert.That(await Engine.Tasks.CountUpToAsync(all, limit: 3), Is.EqualTo(3), "at least three");
        Assert.That(await Engine.Tasks.CountUpToAsync(all, limit: 0), Is.Zero);
        Assert.That(await Engine.Tasks.CountUpToAsync(all with { DueBefore = T0.AddDays(2) }, limit: 10), Is.EqualTo(3));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Engine.Tasks.CountUpToAsync(all, limit: -1));
    }

    [Test]
    public async Task Tasks_offered_to_groups_or_users_are_found_by_any_of_them_and_by_nothing_else()
    {
        await DeployAsync("UserTask.DueAndPriority.bpmn");
        var plain = await SingleTaskAsync((await StartAsync("inbox", Inbox("P1D", 50, "LIM-consultor,LIM-cul"))).Id);
        var odd = await SingleTaskAsync((await StartAsync("inbox", Inbox("P1D", 50, "a|b,100%", "ana"))).Id);
        var userOnly = await SingleTaskAsync((await StartAsync("inbox", Inbox("P1D", 50, null, "luis"))).Id);
        var none = await SingleTaskAsync((await StartAsync("inbox", Inbox("P1D", 50, groups: null))).Id);
        Assert.That(odd.CandidateGroups, Is.EqualTo(new[] { "a|b", "100%" }));

        async Task<Guid[]> Found(IReadOnlyCollection<string>? groups, string? user = null) =>
            [.. (await Engine.Tasks.QueryAsync(new TaskFilter { ProcessKey = "inbox", CandidateGroups = groups, CandidateUser = user, Sort = TaskSort.CreatedAt })).Select(t => t.Id)];
        Assert.That(await Found(["LIM-cul"]), Is.EqualTo(new[] { plain.Id }));
        Assert.That(await Found(["LIM-consultor", "LIM-cul"]), Is.EqualTo(new[] { plain.Id }), "one match is enough");
        Assert.That(await Found(["LIM"]), Is.Empty, "a prefix of a group is not the group");
        Assert.That(await Found(["consultor"]), Is.Empty);
        Assert.That(await Found(["a|b"]), Is.EqualTo(new[] { odd.Id }));
        Assert.That(await Found(["a"]), Is.Empty, "part of a value with the delimiter in it is not a candidate");
        Assert.That(await Found(["b"]), Is.Empty);
        Assert.That(await Found(["100%"]), Is.EqualTo(new[] { odd.Id }));
        Assert.That(await Found(["ana"]), Is.Empty, "a user is not a group");
        Assert.That(await Found(null, "ana"), Is.EqualTo(new[] { odd.Id }));
        Assert.That(await Found(["LIM-cul"], "luis"), Is.EquivalentTo(new[] { plain.Id, userOnly.Id }), "offered to my groups or to me");
        Assert.That(await Found(["LIM-consultor"], "nadie"), Is.EqualTo(new[] { plain.Id }));
        Assert.That(await Engine.Tasks.CountAsync(new TaskFilter { ProcessKey = "inbox", CandidateGroups = ["LIM-consultor", "100%"], CandidateUser = "luis" }), Is.EqualTo(3));
        Assert.That(await Found(null), Has.Member(none.Id).And.Length.EqualTo(4), "no candidate filter: every task");
    }

    private static Dictionary<string, object?> Inbox(string? due, int priority, string? groups = "LIM-consultor", string? users = null) =>
        new() { ["due"] = due, ["prio"] = priority, ["groups"] = groups, ["users"] = users };

    [Test]
    public async Task Tasks_are_found_by_office_and_creation_time()
    {
        await DeployAsync("Sequence.UserTask.bpmn");
        await StartAsync("seq", office: "LIM");
        Clock.Advance(TimeSpan.FromMinutes(10));
        var later = await StartAsync("seq", office: "LIM");
        var cusLater = await StartAsync("seq", office: "CUS");
        var since = T0.AddMinutes(5);
        var found = await Engine.Tasks.QueryAsync(new TaskFilter { OfficeCodes = ["LIM", "CUS"], CreatedFrom = since, Sort = TaskSort.CreatedAt });
        Assert.That(found.Select(t => t.InstanceId), Is.EquivalentTo(new[] { later.Id, cusLater.Id }), "only the tasks created since, of the offices asked");
        Assert.That(await Engine.Tasks.CountAsync(new TaskFilter { OfficeCodes = ["LIM"], CreatedFrom = since }), Is.EqualTo(1));
        Assert.That(await Engine.Tasks.CountAsync(new TaskFilter { CreatedFrom = T0.AddMinutes(11) }), Is.Zero);
    }

    [Test]
    public async Task Open_incidents_are_paged_per_office_with_their_cases()
    {
        await DeployAsync("Gateway.ExclusiveNoMatch.bpmn");
        var lim = new List<ProcessInstanceInfo>();
        for (var n = 0; n < 3; n++) lim.Add(await StartAsync("xorNoMatch", new { amount = 1 }, office: "LIM"));
        var cus = await StartAsync("xorNoMatch", new { amount = 1 }, office: "CUS");
        var resolved = (await Engine.Management.ListIncidentsAsync(lim[0].Id)).Single();
        await Engine.Runtime.SetVariablesAsync(lim[0].Id, new Dictionary<string, object?> { ["amount"] = 1000 });
        await Engine.Management.ResolveIncidentAsync(resolved.Id);

        Assert.That((await Engine.Management.GetIncidentAsync(resolved.Id))!.ResolvedAt, Is.Not.Null, "a resolved incident is still found by its id");
        Assert.That(await Engine.Management.GetIncidentAsync(Guid.NewGuid()), Is.Null);
        var national = await Engine.Management.QueryIncidentsAsync(new IncidentQuery { Take = 10 });
        Assert.That(national.Total, Is.EqualTo(3), "the resolved one is not listed");
        Assert.That(national.Items.Select(r => r.Incident.CreatedAt), Is.Ordered);
        var first = await Engine.Management.QueryIncidentsAsync(new IncidentQuery { OfficeCodes = ["lim"], Take = 1 });
        var second = await Engine.Management.QueryIncidentsAsync(new IncidentQuery { OfficeCodes = ["lim"], Skip = 1, Take = 1 });
        Assert.That((first.Total, second.Total), Is.EqualTo((2, 2)));
        Assert.That(first.Items.Concat(second.Items).Select(r => r.Incident.InstanceId), Is.EquivalentTo(new[] { lim[1].Id, lim[2].Id }), "two pages of one, each incident once");
        Assert.That(first.Items.Single().CaseNumber, Is.EqualTo(lim.Single(i => i.Id == first.Items.Single().Incident.InstanceId).CaseNumber));
        Assert.That(first.Items.Concat(second.Items).Select(r => r.OfficeCode), Is.All.EqualTo("LIM"));
        var cusOnly = await Engine.Management.QueryIncidentsAsync(new IncidentQuery { OfficeCode = "CUS" });
        Assert.That(cusOnly.Items.Select(r => (r.Incident.InstanceId, r.OfficeCode)), Is.EqualTo(new[] { (cus.Id, "CUS") }));
        var outOfScope = await Engine.Management.QueryIncidentsAsync(new IncidentQuery { OfficeCodes = ["LIM"], OfficeCode = "CUS" });
        Assert.That((outOfScope.Total, outOfScope.Items.Count), Is.EqualTo((0, 0)), "an office outside the scope matches nothing");
    }

    [Test]
    public async Task Instances_are_filtered_by_state_element_office_period_and_variable_in_the_store_query()
    {
        await DeployAsync("Migrate.V1.bpmn", "Sequence.UserTask.bpmn");
        var a = await StartAsync("tramite", new Dictionary<string, object?>
        {
            ["caseRef"] = "A", ["nombre"] = "José Ñahui", ["monto"] = 1500.50m, ["activo"] = true, ["cita"] = new DateOnly(2026, 3, 1), ["nota"] = null,
            ["lista"] = new List<object?> { "ana" }, ["año"] = 2026, ["con espacio"] = "sí",
        }, office: "LIM");
        Clock.Advance(TimeSpan.FromMinutes(1));
        var b = await StartAsync("tramite", new Dictionary<string, object?> { ["caseRef"] = "B", ["nombre"] = "ANA", ["monto"] = 1500, ["activo"] = false }, office: "LIM");
        Clock.Advance(TimeSpan.FromMinutes(1));
        var c = await StartAsync("tramite", new Dictionary<string, object?> { ["caseRef"] = "C", ["nombre"] = "ana", ["monto"] = 20 }, office: "CUS");
        Clock.Advance(TimeSpan.FromMinutes(1));
        await StartAsync("seq", new { nombre = "ana" }, office: "LIM"); // another definition: never listed
        const string definition = "tramite:1";
        async Task<Guid[]> Ids(InstanceQuery q) => [.. (await Engine.Runtime.QueryInstancesAsync(q)).Items.Select(r => r.Instance.Id)];
        Task<Guid[]> ByVariable(string name, string value) => Ids(new InstanceQuery(definition) { VariableName = name, VariableValue = value });

        Assert.That(await Ids(new InstanceQuery(definition)), Is.EqualTo(new[] { c.Id, b.Id, a.Id }), "newest first");
        Assert.That(await ByVariable("nombre", "ana"), Is.EqualTo(new[] { c.Id, b.Id }), "text ignoring the case of A–Z");
        Assert.That(await ByVariable("nombre", "jOSé Ñahui"), Is.EqualTo(new[] { a.Id }));
        Assert.That(await ByVariable("nombre", "José ñahui"), Is.Empty, "other letters keep their case");
        Assert.That(await ByVariable("monto", "1500.5"), Is.EqualTo(new[] { a.Id }), "numbers numerically");
        Assert.That(await ByVariable("monto", "1500.500"), Is.EqualTo(new[] { a.Id }));
        Assert.That(await ByVariable("monto", "1500"), Is.EqualTo(new[] { b.Id }));
        Assert.That(await ByVariable("monto", "20.0"), Is.EqualTo(new[] { c.Id }));
        Assert.That(await ByVariable("monto", "2"), Is.Empty, "20 is not 2");
        Assert.That(await ByVariable("activo", "TRUE"), Is.EqualTo(new[] { a.Id }));
        Assert.That(await ByVariable("activo", "false"), Is.EqualTo(new[] { b.Id }));
        Assert.That(await ByVariable("cita", "2026-03-01"), Is.EqualTo(new[] { a.Id }), "a date as FEEL writes it");
        Assert.That(await ByVariable("nota", "null"), Is.EqualTo(new[] { a.Id }));
        Assert.That(await ByVariable("lista", "ana"), Is.Empty, "lists never match");
        Assert.That(await ByVariable("ninguna", "ana"), Is.Empty);
        Assert.That(await ByVariable("año", "2026"), Is.EqualTo(new[] { a.Id }), "a name with a letter the JSON escapes");
        Assert.That(await ByVariable("con espacio", "SÍ"), Is.Empty, "Í is not í");
        Assert.That(await ByVariable("con espacio", "sí"), Is.EqualTo(new[] { a.Id }));

        var tokens = (await InstanceAsync(a.Id)).ActiveElementIds;
        Assert.That(tokens, Has.Member("espera").And.Member("revisar"), "several tokens wait in parallel");
        Assert.That(await Ids(new InstanceQuery(definition) { ActiveElementId = "revisar" }), Is.EqualTo(new[] { c.Id, b.Id, a.Id }));
        await Engine.Runtime.MoveTokenAsync(b.Id, "espera", "cerrar");
        Assert.That(await Ids(new InstanceQuery(definition) { ActiveElementId = "cerrar" }), Is.EqualTo(new[] { b.Id }), "the element after a move");
        Assert.That(await Ids(new InstanceQuery(definition) { ActiveElementId = "espera" }), Is.EqualTo(new[] { c.Id, a.Id }));
        Assert.That(await Ids(new InstanceQuery(definition) { ActiveElementId = "esper" }), Is.Empty, "a whole element id, not a part of one");

        await Engine.Runtime.SuspendAsync(a.Id);
        await Engine.Runtime.CancelAsync(c.Id);
        Assert.That(await Ids(new InstanceQuery(definition) { State = InstanceQueryState.Suspended }), Is.EqualTo(new[] { a.Id }));
        Assert.That(await Ids(new InstanceQuery(definition) { State = InstanceQueryState.Running }), Is.EqualTo(new[] { b.Id }));
        Assert.That(await Ids(new InstanceQuery(definition) { State = InstanceQueryState.Ended }), Is.EqualTo(new[] { c.Id }));
        Assert.That(await Ids(new InstanceQuery(definition) { ActiveElementId = "revisar" }), Is.EqualTo(new[] { b.Id, a.Id }), "an ended instance has no tokens");
        Assert.That(await ByVariable("nombre", "ANA"), Is.EqualTo(new[] { c.Id, b.Id }), "an ended instance keeps its variables");
        await Engine.Runtime.ResumeAsync(a.Id);
        Assert.That(await Ids(new InstanceQuery(definition) { State = InstanceQueryState.Running }), Is.EqualTo(new[] { b.Id, a.Id }));

        var lima = new InstanceQuery(definition) { OfficeCodes = ["lim"], StartedFrom = T0, StartedBefore = T0.AddMinutes(2), VariableName = "monto", VariableValue = "1500" };
        Assert.That(await Ids(lima), Is.EqualTo(new[] { b.Id }), "every criterion at once");
        Assert.That(await Ids(lima with { StartedBefore = T0.AddMinutes(1) }), Is.Empty);
        var page = await Engine.Runtime.QueryInstancesAsync(new InstanceQuery(definition) { Skip = 1, Take = 1 });
        Assert.That((page.Total, page.Items.Single().Instance.Id, page.Items.Single().Instance.CaseNumber, page.Items.Single().OfficeCode),
            Is.EqualTo((3, b.Id, b.CaseNumber, "LIM")), "the page and the total are the same query's");
        var cus = await Engine.Runtime.QueryInstancesAsync(new InstanceQuery(definition) { OfficeCode = "cus" });
        Assert.That((cus.Total, cus.Items.Single().Instance.Id, cus.Items.Single().Instance.Status), Is.EqualTo((1, c.Id, InstanceStatus.Cancelled)));
    }

    [Test]
    public async Task Timers_with_offsets_messages_and_incidents_work_the_same()
    {
        await DeployAsync("Timer.Date.bpmn", "Message.ReceiveTask.bpmn", "Gateway.ExclusiveNoMatch.bpmn");
        var timed = await StartAsync("appointment");
        Assert.That((await Engine.Management.ListJobsAsync(timed.Id)).Single().DueAt, Is.EqualTo(new DateTimeOffset(2026, 3, 5, 19, 30, 0, TimeSpan.Zero)));
        await AdvanceAsync(TimeSpan.FromDays(4));
        await AssertCompletedAsync(timed.Id);

        await Engine.Runtime.CorrelateMessageAsync("documentsReceived", "Z-1", new Dictionary<string, object?> { ["pages"] = 2 });
        var receiver = await StartAsync("awaitDocs", new { caseRef = "Z-1" });
        await AssertCompletedAsync(receiver.Id);

        var stuck = await StartAsync("xorNoMatch", new { amount = 1 });
        var incident = (await Engine.Management.ListIncidentsAsync(stuck.Id)).Single();
        await Engine.Runtime.SetVariablesAsync(stuck.Id, new Dictionary<string, object?> { ["amount"] = 1000 });
        await Engine.Management.ResolveIncidentAsync(incident.Id);
        await AssertActiveAtAsync(stuck.Id, "a");
    }
}

public sealed class InMemoryStoreContractTests : StoreContractTests;

public sealed class SqliteStoreContractTests : StoreContractTests
{
    protected override ProcessEngineBuilder CreateBuilder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "vupe-tests", Guid.NewGuid().ToString("N"));
        return new ProcessEngineBuilder().UseSqlite(Path.Combine(dir, "engine.db"));
    }
}

public sealed class PostgresStoreContractTests : StoreContractTests
{
    private string? _database;

    protected override ProcessEngineBuilder CreateBuilder()
    {
        var (name, connection) = TestPostgres.CreateDatabase();
        _database = name;
        return new ProcessEngineBuilder().UseStore(new EfEngineStore(o => o.UseNpgsql(connection)));
    }

    [TearDown]
    public void DropDatabase()
    {
        if (_database is not null) TestPostgres.DropDatabase(_database);
    }
}
