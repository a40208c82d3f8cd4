using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vupe.Engine;
using Vupe.Engine.Persistence;
using Vupe.Server.Audit;
using Vupe.Server.Data;
using Vupe.Server.Procedures;
using Vupe.Workflows;

namespace Vupe.Server.Notifications;

/// <summary>What one scan did (for the log and the tests).</summary>
public sealed record SlaScanResult(int Warned, int Escalated, int Failed);

/// <summary>
/// The SLA scan, run by Hangfire on <see cref="SlaOptions.ScanCron"/>: open user tasks close to their due date get a
/// warning, overdue ones an escalation — each once. A notice is first claimed by inserting its <see cref="SlaNotice"/>
/// row (unique per task and kind, written by the database's one writer), then delivered (the escalation case opened,
/// the mails sent), then marked delivered together with its entry in the case's audit trail. A delivery that fails
/// (mail server down, node stopped half-way) is retried by a later scan after <see cref="SlaOptions.RetryAfter"/>;
/// a retry takes the row over with its version, so two nodes never retry the same notice. The clock is the server's
/// TimeProvider.
/// </summary>
internal sealed class SlaScan(
    ProcessEngine engine, IDbContextFactory<VupeDbContext> contexts, SlaRecipients recipients, SlaMails mails, SlaEscalation escalation,
    IMailSender sender, AuditLog audit, ProcedureCatalog procedures, IOptions<SlaOptions> options, TimeProvider time, ILogger<SlaScan> logger)
{
    public async Task<SlaScanResult> RunAsync(CancellationToken ct)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        var names = await procedures.NamesAsync(ct);
        var result = new SlaScanResult(0, 0, 0);
        // Every task due between the lookback and the widest warning window, earliest first, office by office: each
        // office's (office, due date) index is searched in keyset pages (at 26,000 tasks due within a day, paging all
        // offices by offset read and sorted the window again for each of 130 pages, ~5 s of every minute).
        // DueAfter is exclusive: a page from an instant on asks for "after one tick before it" (PostgreSQL keeps
        // microseconds and Npgsql truncates the tick away, which names the same instant there).
        var window = new TaskFilter { DueAfter = now - o.Lookback, DueBefore = now + o.WarningWindow, Sort = TaskSort.DueAt, Take = o.BatchSize };
        foreach (var office in await engine.Tasks.CountByOfficeAsync(window, now, ct))
            await foreach (var page in KeysetPages.ReadAsync(
                (from, skip) => engine.Tasks.QueryAsync(window with
                {
                    OfficeCode = office.OfficeCode, DueAfter = from is { } f ? f - TimeSpan.FromTicks(1) : window.DueAfter, Skip = skip,
                }, ct),
                t => t.DueAt!.Value, o.BatchSize))
            {
                var due = page.Select(t => (Task: t, Kind: KindFor(t, now, o))).Where(x => x.Kind is not null).ToList();
                var known = await KnownAsync([.. due.Select(x => x.Task.Id)], ct);
                foreach (var (task, kind) in due)
                {
                    if (known.Contains((task.Id, kind!))) continue;
                    if (await ClaimAsync(task, kind!, now, ct) is not { } notice) continue;
                    result = Count(result, notice, await DeliverAsync(notice, task, names, now, ct));
                }
            }
        result = await RetryAsync(result, names, now, o, ct);
        if (result != new SlaScanResult(0, 0, 0))
            logger.LogInformation("SLA scan: {Warned} warned, {Escalated} escalated, {Failed} failed", result.Warned, result.Escalated, result.Failed);
        return result;
    }

    /// <summary>
    /// Overdue: escalation. Within the warning lead — the smaller of the window and the fraction of the task's time —
    /// a warning. An escalation task is never escalated again (it has no due date in the catalogue; this holds if one is drawn).
    /// </summary>
    internal static string? KindFor(TaskInfo task, DateTimeOffset now, SlaOptions o)
    {
        if (task.DueAt is not { } dueAt) return null;
        if (dueAt <= now) return task.ProcessKey == VupeProcesses.TaskEscalation ? null : SlaNoticeKinds.Escalation;
        var lead = TimeSpan.FromTicks(Math.Min(o.WarningWindow.Ticks, (long)((dueAt - task.CreatedAt).Ticks * o.WarningFraction)));
        return now >= dueAt - lead ? SlaNoticeKinds.Warning : null;
    }

    private async Task<HashSet<(Guid, string)>> KnownAsync(List<Guid> taskIds, CancellationToken ct)
    {
        if (taskIds.Count == 0) return [];
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.SlaNotices.AsNoTracking().Where(n => taskIds.Contains(n.TaskId)).Select(n => new { n.TaskId, n.Kind }).ToListAsync(ct);
        return [.. rows.Select(r => (r.TaskId, r.Kind))];
    }

    /// <summary>Inserts the notice's row; null when another scan (a second node, an overlapping run) inserted it first.</summary>
    private async Task<SlaNotice?> ClaimAsync(TaskInfo task, string kind, DateTimeOffset now, CancellationToken ct)
    {
        var notice = new SlaNotice
        {
            TaskId = task.Id, Kind = kind, CaseId = task.CaseId, CaseNumber = task.CaseNumber, OfficeCode = task.OfficeCode,
            TaskName = SlaMails.Name(task), DueAt = task.DueAt!.Value, ClaimedAt = now, LastAttemptAt = now, Attempts = 1,
        };
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.SlaNotices.Add(notice);
        try
        {
            await db.SaveChangesAsync(ct);
            return notice;
        }
        catch (DbUpdateException)
        {
            // The unique (task, kind) index refused it: another scan claimed it first. Anything else is a real failure.
            if (!await ExistsAsync(task.Id, kind, ct)) throw;
            logger.LogDebug("The {Kind} of task {TaskId} was claimed by another scan", kind, task.Id);
            return null;
        }
    }

    private async Task<bool> ExistsAsync(Guid taskId, string kind, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.SlaNotices.AnyAsync(n => n.TaskId == taskId && n.Kind == kind, ct);
    }

    /// <summary>Opens the escalation case (escalations), sends the mails, marks the notice delivered and audits it; false when something failed.</summary>
    private async Task<bool> DeliverAsync(SlaNotice notice, TaskInfo task, ProcedureNames names, DateTimeOffset now, CancellationToken ct)
    {
        var procedure = names.Of(task.ProcessKey);
        try
        {
            IReadOnlyList<Recipient> to;
            List<OutgoingMail> messages;
            CaseFileInfo? opened = null;
            if (notice.Kind == SlaNoticeKinds.Warning)
            {
                to = await recipients.ForWarningAsync(task, ct);
                messages = [.. to.Select(r => mails.Warning(r, task, procedure))];
            }
            else
            {
                var holder = task.Assignee is null ? null : await recipients.FullNameOfAsync(task.Assignee, ct) ?? task.Assignee;
                opened = await escalation.OpenAsync(task, procedure, holder, ct);
                if (notice.EscalationCaseId != opened.Id) await SaveAsync(notice, n => n.EscalationCaseId = opened.Id, ct);
                to = await recipients.ForEscalationAsync(task, ct);
                messages = [.. to.Select(r => mails.Escalation(r, task, procedure, holder, opened))];
            }
            // A failure part-way leaves the notice undelivered: its retry mails everyone again (at least once, never lost).
            foreach (var message in messages) await sender.SendAsync(message, ct);
            if (to.Count == 0) logger.LogWarning("Nobody with an email address to send the {Kind} of task {TaskId} (office {Office}) to", notice.Kind, task.Id, task.OfficeCode);

            await using var db = await contexts.CreateDbContextAsync(ct);
            db.Attach(notice);
            notice.DeliveredAt = now;
            notice.Recipients = Truncate(string.Join(',', to.Select(r => r.UserName)));
            notice.LastError = null;
            notice.Version++;
            // The case's trail says who was told, in the same transaction as the row that says it is done.
            audit.Stage(db, AuditTrails.ForCase(task.CaseId), notice.Kind == SlaNoticeKinds.Warning ? "task.sla.warned" : "task.sla.escalated", new
            {
                taskId = task.Id, task = notice.TaskName, dueAt = task.DueAt, recipients = to.Select(r => r.UserName).ToList(),
                escalationCaseId = opened?.Id, escalationCaseNumber = opened?.CaseNumber,
            });
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "The {Kind} of task {TaskId} was not delivered (attempt {Attempt}); a later scan retries it", notice.Kind, task.Id, notice.Attempts);
            await SaveAsync(notice, n => n.LastError = Truncate(e.Message), ct);
            return false;
        }
    }

    /// <summary>Notices claimed but not delivered and not tried for a while: taken over (version check) and delivered again.</summary>
    private async Task<SlaScanResult> RetryAsync(SlaScanResult result, ProcedureNames names, DateTimeOffset now, SlaOptions o, CancellationToken ct)
    {
        List<SlaNotice> pending;
        var stale = now - o.RetryAfter;
        await using (var db = await contexts.CreateDbContextAsync(ct))
            pending = await db.SlaNotices.AsNoTracking().Where(n => n.DeliveredAt == null && n.Attempts < o.MaxAttempts && n.LastAttemptAt <= stale)
                .OrderBy(n => n.Id).Take(o.BatchSize).ToListAsync(ct);
        foreach (var notice in pending)
        {
            try
            {
                await SaveAsync(notice, n => { n.Attempts++; n.LastAttemptAt = now; }, ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                continue; // another node took it over
            }
            TaskInfo task;
            try
            {
                task = await engine.Tasks.GetAsync(notice.TaskId, ct);
            }
            catch (NotFoundException)
            {
                await GiveUpAsync(notice, "La tarea ya no está abierta: el aviso no se envió.", ct);
                continue;
            }
            // A warning that comes too late is dropped: the escalation follows.
            if (notice.Kind == SlaNoticeKinds.Warning && task.DueAt <= now)
            {
                await GiveUpAsync(notice, "La tarea venció antes de poder avisar: se escalará.", ct);
                continue;
            }
            result = Count(result, notice, await DeliverAsync(notice, task, names, now, ct));
        }
        return result;
    }

    private Task GiveUpAsync(SlaNotice notice, string reason, CancellationToken ct) =>
        SaveAsync(notice, n => { n.Attempts = Math.Max(n.Attempts, options.Value.MaxAttempts); n.LastError = reason; }, ct);

    /// <summary>Changes the row if nobody else changed it since it was read (its version), else DbUpdateConcurrencyException.</summary>
    private async Task SaveAsync(SlaNotice notice, Action<SlaNotice> change, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Attach(notice);
        change(notice);
        notice.Version++;
        await db.SaveChangesAsync(ct);
    }

    private static SlaScanResult Count(SlaScanResult result, SlaNotice notice, bool delivered) =>
        !delivered ? result with { Failed = result.Failed + 1 }
        : notice.Kind == SlaNoticeKinds.Warning ? result with { Warned = result.Warned + 1 }
        : result with { Escalated = result.Escalated + 1 };

    private static string Truncate(string text) => text.Length <= 2000 ? text : text[..2000];
}
