using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;

namespace Vupe.Bench.Crash;

/// <summary>What the checks found: acknowledged records missing, records there more than once, other broken invariants.</summary>
internal sealed class Findings
{
    private int _lost;
    private int _duplicated;
    private int _violations;

    public int Lost => Volatile.Read(ref _lost);
    public int Duplicated => Volatile.Read(ref _duplicated);
    public int Violations => Volatile.Read(ref _violations);
    public ConcurrentQueue<string> Details { get; } = new();

    /// <summary>Of the creates left «en curso», how many the final check found done (once): done, but never answered.</summary>
    public int InDoubtDone => Volatile.Read(ref _inDoubtDone);
    private int _inDoubtDone;
    public void AddInDoubtDone() => Interlocked.Increment(ref _inDoubtDone);

    public void AddLost(string what) => Add(ref _lost, "lost: " + what);
    public void AddDuplicated(string what) => Add(ref _duplicated, "duplicated: " + what);
    public void AddViolation(string what) => Add(ref _violations, "violation: " + what);

    private void Add(ref int counter, string what)
    {
        Interlocked.Increment(ref counter);
        if (Details.Count < 200) Details.Enqueue(what);
    }
}

/// <summary>
/// The invariants, read back through the API after a restart:
/// <list type="bullet">
/// <item>every acknowledged call is durable exactly once: the ficha (found once by its DNI), the triage and CUL cases
/// (once per citizen), each acknowledged claim and completion in the case's history, the uploaded document (once, its
/// bytes with the SHA-256 sent), the ficha's new phone; an unanswered create is there at most once;</item>
/// <item>every case is consistent with its history: opened once, closed iff its history closes it, each instance
/// started once and ended iff its history ends it, its active elements those its history started and did not end, its
/// open tasks those created and not completed, each held by whom its history last gave it to;</item>
/// <item>every audit chain is valid (or «aún no anclado», newer than the last checkpoint; once the server stopped
/// gracefully, anchored up to its restart) and complete: each person's act in a case's history (opened, claimed, released, assigned,
/// completed) has exactly one audit entry and no entry lacks its act; each document has its «document.added», the
/// ficha its «party.created» and one «party.updated» per change made.</item>
/// </list>
/// </summary>
internal sealed class Invariants(Func<string, Api> consultant, Api auditor, Findings findings)
{
    private static readonly Dictionary<string, string> AuditedActs = new()
    {
        ["CaseOpened"] = "case.opened", ["TaskClaimed"] = "task.claimed", ["TaskUnclaimed"] = "task.unclaimed", ["TaskAssigned"] = "task.assigned",
        ["TaskCompleted"] = "task.completed", ["IncidentResolved"] = "incident.retried", ["ProcessCancelled"] = "process.cancelled",
    };

    private static readonly string[] InstanceEnds = ["ProcessCompleted", "ProcessTerminated", "ProcessCancelled"];

    public async Task CheckAsync(IEnumerable<Visit> visits, DateTimeOffset? anchoredBefore, CancellationToken ct) =>
        await Parallel.ForEachAsync(visits.Where(v => v.Party.Sent), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct },
            async (visit, token) => await CheckVisitAsync(visit, anchoredBefore, token));

    private async Task CheckVisitAsync(Visit visit, DateTimeOffset? anchoredBefore, CancellationToken ct)
    {
        var api = consultant(visit.Account);
        var who = $"ficha {visit.Dni}";
        var search = await ReadAsync(api, $"/api/parties?document={visit.Dni}", who, ct);
        if (search is not { } found) return;
        var parties = found.EnumerateArray().Where(p => p.GetProperty("documentNumber").GetString() == visit.Dni).ToList();
        if (parties.Count == 0)
        {
            if (visit.Party.Acknowledged) findings.AddLost(who + " (registered, acknowledged)");
            return;
        }
        if (parties.Count > 1) findings.AddDuplicated($"{who}: {parties.Count} fichas");
        var partyId = parties[0].GetProperty("id").GetGuid();
        if (visit.Party.Acknowledged && visit.Party.Id != partyId) findings.AddViolation($"{who}: found {partyId}, acknowledged {visit.Party.Id}");
        await CheckPartyAsync(api, visit, partyId, anchoredBefore, ct);

        if (await ReadAsync(api, $"/api/cases?partyId={partyId}&pageSize=200", who + " cases", ct) is not { } list) return;
        var cases = list.GetProperty("items").EnumerateArray().ToList();
        var final = anchoredBefore is not null;
        if (final && visit.Party.InDoubt) findings.AddInDoubtDone();
        var triage = CheckOnce(visit.Triage, cases, Workload.Triage, $"{who}: triage", final);
        var cul = CheckOnce(visit.Cul, cases, Workload.Cul, $"{who}: CUL", final);
        var details = new Dictionary<Guid, JsonElement>();
        foreach (var c in cases)
        {
            var id = c.GetProperty("id").GetGuid();
            if (await CheckCaseAsync(api, id, $"{who}: case {c.GetProperty("caseNumber").GetString()}", anchoredBefore, ct) is { } detail) details[id] = detail;
        }
        if (triage is { } triageId && details.TryGetValue(triageId, out var triageDetail)) await CheckTriageAsync(api, visit, triageId, triageDetail, who, final, ct);
        if (cul is { } culId && details.TryGetValue(culId, out var culDetail) && visit.CulStatus == "Closed")
            await CheckCulAsync(api, culId, culDetail, who, ct);
    }

    /// <summary>A keyed create of a case: there once if acknowledged, at most once if not answered. Answers its id when there.</summary>
    private Guid? CheckOnce(Tracked tracked, List<JsonElement> cases, string procedure, string who, bool final)
    {
        var matching = cases.Where(c => c.GetProperty("procedure").GetString() == procedure && c.GetProperty("parentCaseId").ValueKind == JsonValueKind.Null)
            .Select(c => c.GetProperty("id").GetGuid()).ToList();
        if (matching.Count > 1) findings.AddDuplicated($"{who}: {matching.Count} cases");
        if (matching.Count == 0)
        {
            if (tracked.Acknowledged) findings.AddLost(who + " (opened, acknowledged)");
            return null;
        }
        if (final && tracked.InDoubt) findings.AddInDoubtDone();
        if (!tracked.Sent) findings.AddViolation($"{who}: a case never requested");
        if (tracked.Acknowledged && !matching.Contains(tracked.Id!.Value)) findings.AddViolation($"{who}: acknowledged {tracked.Id}, found {string.Join(", ", matching)}");
        return tracked.Acknowledged ? tracked.Id : matching[0];
    }

    private async Task CheckPartyAsync(Api api, Visit visit, Guid partyId, DateTimeOffset? anchoredBefore, CancellationToken ct)
    {
        var who = $"ficha {visit.Dni}";
        if (await ReadAsync(api, $"/api/parties/{partyId}", who, ct) is not { } party) return;
        var phone = party.GetProperty("person").GetProperty("phone").GetString();
        var possible = new[] { visit.AcknowledgedPhone ?? visit.OriginalPhone, visit.UnansweredPhone };
        if (!possible.Contains(phone))
        {
            if (visit.AcknowledgedPhone is not null) findings.AddLost($"{who}: phone change to {visit.AcknowledgedPhone} (acknowledged), found {phone}");
            else findings.AddViolation($"{who}: phone {phone}, never sent");
        }
        if (await ReadAsync(auditor, $"/api/parties/{partyId}/audit", who + " trail", ct) is not { } trail) return;
        var actions = trail.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        var created = actions.Count(a => a == "party.created");
        if (created != 1) findings.AddViolation($"{who}: {created} «party.created» entries");
        var updated = actions.Count(a => a == "party.updated");
        var changed = phone != visit.OriginalPhone;
        var sent = (visit.AcknowledgedPhone is null ? 0 : 1) + (visit.UnansweredPhone is null ? 0 : 1);
        if (changed && updated == 0) findings.AddViolation($"{who}: the ficha changed without a «party.updated» entry");
        if (updated > sent) findings.AddViolation($"{who}: {updated} «party.updated» entries for {sent} changes sent");
        await CheckChainAsync($"/api/parties/{partyId}/audit/verify", who, [.. trail.EnumerateArray()], anchoredBefore, ct);
    }

    private async Task CheckTriageAsync(Api api, Visit visit, Guid caseId, JsonElement detail, string who, bool final, CancellationToken ct)
    {
        var history = detail.GetProperty("history").EnumerateArray().ToList();
        foreach (var (taskId, acknowledged) in visit.Claims)
            if (acknowledged && !history.Any(h => Is(h, "TaskClaimed") && TaskId(h) == taskId)) findings.AddLost($"{who}: claim of task {taskId} (acknowledged)");
        foreach (var (taskId, acknowledged) in visit.Completions)
            if (acknowledged && !history.Any(h => Is(h, "TaskCompleted") && TaskId(h) == taskId)) findings.AddLost($"{who}: completion of task {taskId} (acknowledged)");

        var uploads = detail.GetProperty("documents").EnumerateArray().Where(d => d.GetProperty("title").GetString() == visit.UploadTitle).ToList();
        if (uploads.Count > 1) findings.AddDuplicated($"{who}: upload «{visit.UploadTitle}» {uploads.Count} times");
        if (uploads.Count == 0)
        {
            if (visit.Upload.Acknowledged) findings.AddLost($"{who}: upload (acknowledged)");
            return;
        }
        if (!visit.Upload.Sent) findings.AddViolation($"{who}: a document never uploaded");
        if (final && visit.Upload.InDoubt) findings.AddInDoubtDone();
        var document = uploads[0];
        var content = await api.GetAsync($"/api/cases/{caseId}/documents/{document.GetProperty("id").GetGuid()}/content", ct);
        if (!content.Acknowledged)
        {
            if (visit.Upload.Acknowledged) findings.AddLost($"{who}: upload's content answered {(int?)content.Status}");
            else findings.AddViolation($"{who}: an indexed upload without readable content ({(int?)content.Status})");
            return;
        }
        var sha = Convert.ToHexStringLower(SHA256.HashData(content.Bytes));
        if (sha != visit.UploadSha256) findings.AddViolation($"{who}: upload's content has SHA-256 {sha}, sent {visit.UploadSha256}");
    }

    private async Task CheckCulAsync(Api api, Guid caseId, JsonElement detail, string who, CancellationToken ct)
    {
        if (detail.GetProperty("case").GetProperty("status").GetString() != "Closed") findings.AddLost($"{who}: CUL case acknowledged closed is open again");
        var cul = detail.GetProperty("documents").EnumerateArray().Where(d => d.GetProperty("kind").GetString() == "cul").ToList();
        if (cul.Count != 1)
        {
            findings.AddLost($"{who}: CUL case acknowledged issued has {cul.Count} CUL documents");
            return;
        }
        var content = await api.GetAsync($"/api/cases/{caseId}/documents/{cul[0].GetProperty("id").GetGuid()}/content", ct);
        var expected = cul[0].GetProperty("versions").EnumerateArray().Last().GetProperty("sha256").GetString();
        if (!content.Acknowledged) findings.AddLost($"{who}: the issued CUL's content answered {(int?)content.Status}");
        else if (Convert.ToHexStringLower(SHA256.HashData(content.Bytes)) != expected) findings.AddViolation($"{who}: the issued CUL's content differs from its SHA-256");
    }

    /// <summary>A case consistent with its history, its trail complete and its chain intact. Answers the case's detail.</summary>
    private async Task<JsonElement?> CheckCaseAsync(Api api, Guid caseId, string who, DateTimeOffset? anchoredBefore, CancellationToken ct)
    {
        if (await ReadAsync(api, $"/api/cases/{caseId}", who, ct) is not { } detail) return null;
        var history = detail.GetProperty("history").EnumerateArray().ToList();
        if (await ReadAsync(api, $"/api/cases/{caseId}/history", who + " history", ct) is { } read && read.GetArrayLength() < history.Count)
            findings.AddViolation($"{who}: the history endpoint has {read.GetArrayLength()} rows, the detail {history.Count}");

        var opened = history.Count(h => Is(h, "CaseOpened"));
        if (opened != 1) findings.AddViolation($"{who}: {opened} CaseOpened in its history");
        var closed = detail.GetProperty("case").GetProperty("status").GetString() == "Closed";
        var closings = history.Count(h => Is(h, "CaseClosed"));
        if (closings != (closed ? 1 : 0)) findings.AddViolation($"{who}: status {(closed ? "Closed" : "Open")}, {closings} CaseClosed in its history");

        var instances = detail.GetProperty("instances").EnumerateArray().ToList();
        var instanceIds = instances.Select(i => i.GetProperty("id").GetGuid()).ToHashSet();
        foreach (var orphan in history.Select(h => h.GetProperty("instanceId").GetGuid()).Distinct().Where(i => !instanceIds.Contains(i)))
            findings.AddViolation($"{who}: history of instance {orphan}, which the case does not have");
        var openTasks = new HashSet<Guid>();
        foreach (var instance in instances) CheckInstance(who, instance, history, openTasks);

        foreach (var task in detail.GetProperty("tasks").EnumerateArray())
        {
            var taskId = task.GetProperty("id").GetGuid();
            if (!openTasks.Remove(taskId))
            {
                findings.AddViolation($"{who}: open task {taskId} that its history did not create or already completed");
                continue;
            }
            var holder = history.Where(h => (Is(h, "TaskCreated") || Is(h, "TaskClaimed") || Is(h, "TaskUnclaimed") || Is(h, "TaskAssigned")) && TaskId(h) == taskId)
                .Select(h => Details(h) is { } d && !Is(h, "TaskUnclaimed") && d.TryGetProperty("assignee", out var a) ? a.GetString() : null).LastOrDefault();
            var assignee = task.GetProperty("assignee").GetString();
            if (holder != assignee) findings.AddViolation($"{who}: task {taskId} held by «{assignee}», its history says «{holder}»");
        }
        foreach (var missing in openTasks) findings.AddViolation($"{who}: task {missing} open in its history but not in the case");

        if (await ReadAsync(auditor, $"/api/cases/{caseId}/audit", who + " trail", ct) is not { } trail) return detail;
        var entries = trail.EnumerateArray().ToList();
        CheckTrail(who, entries, history, detail);
        await CheckChainAsync($"/api/cases/{caseId}/audit/verify", who, entries, anchoredBefore, ct);
        return detail;
    }

    /// <summary>Started once; ended iff its history ends it; its active elements and open user tasks as its history has them.</summary>
    private void CheckInstance(string who, JsonElement instance, List<JsonElement> history, HashSet<Guid> openTasks)
    {
        var id = instance.GetProperty("id").GetGuid();
        var own = history.Where(h => h.GetProperty("instanceId").GetGuid() == id).ToList();
        var started = own.Count(h => Is(h, "ProcessStarted"));
        if (started != 1) findings.AddViolation($"{who}: instance {id} started {started} times in its history");
        var ended = own.Count(h => InstanceEnds.Contains(h.GetProperty("eventType").GetString()));
        var active = instance.GetProperty("status").GetString() == "Active";
        if (ended != (active ? 0 : 1)) findings.AddViolation($"{who}: instance {id} is {instance.GetProperty("status").GetString()}, {ended} ends in its history");
        if (!active) return;

        var balance = new Dictionary<string, int>();
        foreach (var h in own)
        {
            var element = h.GetProperty("elementId").GetString() ?? "";
            if (Is(h, "ElementStarted")) balance[element] = balance.GetValueOrDefault(element) + 1;
            else if (Is(h, "ElementCompleted") || Is(h, "ElementCancelled")) balance[element] = balance.GetValueOrDefault(element) - 1;
        }
        var expected = balance.Where(b => b.Value > 0).Select(b => b.Key).Order().ToList();
        var actual = instance.GetProperty("activeElements").EnumerateArray().Select(e => e.GetString() ?? "").Distinct().Order().ToList();
        if (!expected.SequenceEqual(actual))
            findings.AddViolation($"{who}: instance {id} active at [{string.Join(", ", actual)}], its history at [{string.Join(", ", expected)}]");

        var completed = own.Where(h => Is(h, "TaskCompleted")).Select(TaskId).ToHashSet();
        foreach (var created in own.Where(h => Is(h, "TaskCreated") && actual.Contains(h.GetProperty("elementId").GetString() ?? "")))
            if (TaskId(created) is { } taskId && !completed.Contains(taskId)) openTasks.Add(taskId);
    }

    /// <summary>Each act of a person in the history has its audit entry and each such entry its act; each document its «document.added».</summary>
    private void CheckTrail(string who, List<JsonElement> entries, List<JsonElement> history, JsonElement detail)
    {
        var acts = history.Where(h => h.GetProperty("userId").ValueKind == JsonValueKind.String && AuditedActs.ContainsKey(h.GetProperty("eventType").GetString()!))
            .GroupBy(h => $"{AuditedActs[h.GetProperty("eventType").GetString()!]} {TaskId(h)}").ToDictionary(g => g.Key, g => g.Count());
        var audited = entries.Where(e => AuditedActs.ContainsValue(e.GetProperty("action").GetString()!))
            .GroupBy(e => $"{e.GetProperty("action").GetString()} {DataTaskId(e)}").ToDictionary(g => g.Key, g => g.Count());
        foreach (var key in acts.Keys.Union(audited.Keys))
        {
            var (inHistory, inTrail) = (acts.GetValueOrDefault(key), audited.GetValueOrDefault(key));
            if (inHistory != inTrail) findings.AddViolation($"{who}: {key.Trim()} {inHistory} times in its history, {inTrail} in its audit trail");
        }
        foreach (var document in detail.GetProperty("documents").EnumerateArray().Where(d => d.GetProperty("kind").GetString() != "cul"))
        {
            var documentId = document.GetProperty("id").GetGuid().ToString();
            var added = entries.Count(e => e.GetProperty("action").GetString() == "document.added" && Data(e) is { } d
                && d.TryGetProperty("documentId", out var id) && id.GetString() == documentId);
            if (added != 1) findings.AddViolation($"{who}: document {documentId} has {added} «document.added» entries");
        }
    }

    /// <summary>
    /// The chain intact: «válido», or «aún no anclado» (entries newer than the last checkpoint). With
    /// <paramref name="anchoredBefore"/> (after a graceful stop), only entries appended since may be unanchored.
    /// </summary>
    private async Task CheckChainAsync(string path, string who, List<JsonElement> trail, DateTimeOffset? anchoredBefore, CancellationToken ct)
    {
        if (await ReadAsync(auditor, path, who + " chain", ct) is not { } verdict) return;
        var status = verdict.GetProperty("status").GetString();
        if (status is not ("válido" or "aún no anclado"))
        {
            findings.AddViolation($"{who}: audit chain «{status}» {verdict.GetProperty("problem")}");
            return;
        }
        if (anchoredBefore is not { } since || status == "válido") return;
        var unanchored = verdict.GetProperty("unanchored").GetInt32();
        var stale = trail.OrderBy(e => e.GetProperty("sequence").GetInt64()).TakeLast(unanchored).Count(e => e.GetProperty("at").GetDateTimeOffset() < since);
        if (stale > 0 || unanchored > trail.Count)
            findings.AddViolation($"{who}: {unanchored} entries not anchored, {stale} of them from before the graceful stop's checkpoint");
    }

    private async Task<JsonElement?> ReadAsync(Api api, string path, string who, CancellationToken ct)
    {
        var answer = await api.GetAsync(path, ct);
        if (answer.Acknowledged) return answer.Body;
        findings.AddViolation($"{who}: GET {path} answered {(answer.Status is { } s ? (int)s : 0)}");
        return null;
    }

    private static bool Is(JsonElement h, string type) => h.GetProperty("eventType").GetString() == type;

    private static JsonElement? Details(JsonElement h) =>
        h.GetProperty("details").GetString() is { Length: > 0 } json ? JsonDocument.Parse(json).RootElement : null;

    private static Guid? TaskId(JsonElement h) =>
        Details(h) is { ValueKind: JsonValueKind.Object } d && d.TryGetProperty("taskId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetGuid() : null;

    private static JsonElement? Data(JsonElement e) =>
        e.GetProperty("data").GetString() is { Length: > 0 } json ? JsonDocument.Parse(json).RootElement : null;

    private static Guid? DataTaskId(JsonElement e) =>
        Data(e) is { ValueKind: JsonValueKind.Object } d && d.TryGetProperty("taskId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetGuid() : null;
}
