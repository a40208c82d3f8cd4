using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vupe.Engine;
using Vupe.Engine.Persistence;
using Vupe.Server.Audit;
using Vupe.Server.Data;
using Vupe.Server.Documents;
using Vupe.Server.Procedures;

namespace Vupe.Server.Notifications;

/// <summary>What one scan did (for the log and the tests): notices mailed, sends that failed, changes it looked at.</summary>
public sealed record CitizenNoticeScanResult(int Sent, int Failed, int Examined = 0);

/// <summary>
/// Tells citizens with a Mi VUPE account and a verified email when one of their cases changes: opened, waiting for a
/// document from them (an open task with <c>vupe:requiredDocuments</c> the case lacks), concluded or cancelled. Run by
/// Hangfire on <see cref="CitizenNoticeOptions.ScanCron"/>, like the SLA scan and with its claim: the notice's row is
/// inserted first (unique per case and change), then the mail is sent, then the row is marked delivered with the
/// case's audit entry — so each change is mailed once whatever the number of nodes, and a failed send is retried. The
/// mail names only the case number and the service, and links to Mi VUPE, where the citizen signs in to see the rest.
/// A scan reads only what changed since the previous one (<see cref="CitizenNoticeWatermark"/>): cases opened or closed
/// and tasks created since then, each a range of an index, so an idle minute costs a few empty index probes.
/// </summary>
internal sealed class CitizenNoticeScan(
    ProcessEngine engine, IDbContextFactory<VupeDbContext> contexts, TaskDocumentRequirements requirements, ProcedureCatalog procedures,
    NotificationLinks links, IMailSender sender, AuditLog audit, CitizenNoticeWatermark watermark, IOptions<CitizenNoticeOptions> options, TimeProvider time,
    ILogger<CitizenNoticeScan> logger)
{
    private const string Footer = "\n\n--\nMensaje automático de la Ventanilla Única de Promoción del Empleo (VUPE), Ministerio de Trabajo y Promoción del Empleo. No responda a este correo.";

    private sealed record Candidate(CaseFileInfo Case, string Change);

    private sealed record Addressee(Guid AccountId, string Email);

    public async Task<CitizenNoticeScanResult> RunAsync(CancellationToken ct)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        var since = watermark.Since(now - o.Lookback);
        var candidates = new List<Candidate>();
        await foreach (var c in CasesAsync(new CaseFilter { OpenedFrom = since, Status = CaseStatus.Open }, ct)) candidates.Add(new(c, CitizenCaseChanges.Opened));
        await foreach (var c in CasesAsync(new CaseFilter { ClosedFrom = since }, ct))
            candidates.Add(new(c, c.Status == CaseStatus.Cancelled ? CitizenCaseChanges.Cancelled : CitizenCaseChanges.Closed));
        candidates.AddRange(await AwaitingDocumentsAsync(since, ct));

        var result = new CitizenNoticeScanResult(0, 0, candidates.Count);
        var addressees = await AddresseesAsync([.. candidates.Select(c => c.Case.SubjectId).OfType<string>().Distinct()], ct);
        // Only the citizens with an account and a verified email are told: the notices already sent are looked up for
        // their cases alone (most cases are of citizens without an account — every case opened in a minute, otherwise).
        candidates = [.. candidates.Where(c => c.Case.SubjectId is { } subject && addressees.ContainsKey(subject))];
        var known = await KnownAsync([.. candidates.Select(c => c.Case.Id).Distinct()], ct);
        var names = await procedures.NamesAsync(ct);
        foreach (var candidate in candidates)
        {
            var to = addressees[candidate.Case.SubjectId!];
            if (known.Contains((candidate.Case.Id, candidate.Change))) continue;
            if (await ClaimAsync(candidate, to, now, ct) is not { } notice) continue;
            result = Count(result, await DeliverAsync(notice, candidate.Case, to, names, now, ct));
        }
        result = await RetryAsync(result, names, now, o, ct);
        // Only after a scan that went through: a failed one leaves the mark, and the next scan reads its changes again.
        watermark.Advance(now - o.CommitLag);
        if (result.Sent + result.Failed > 0)
            logger.LogInformation("Citizen notices: {Sent} sent, {Failed} failed", result.Sent, result.Failed);
        return result;
    }

    /// <summary>The matching cases with a subject, oldest first, in keyset pages by opening time.</summary>
    private async IAsyncEnumerable<CaseFileInfo> CasesAsync(CaseFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var take = options.Value.BatchSize;
        filter = filter with { OldestFirst = true, Take = take };
        await foreach (var page in KeysetPages.ReadAsync(
            (from, skip) => engine.Cases.QueryAsync(filter with { OpenedFrom = from ?? filter.OpenedFrom, Skip = skip }, ct), c => c.OpenedAt, take))
            foreach (var c in page.Where(c => c.SubjectId is not null)) yield return c;
    }

    /// <summary>
    /// Open tasks created since <paramref name="since"/> that require a document their case does not hold yet. Read office
    /// by office, each office's (office, created) index searched in keyset pages: a national "created since" would read
    /// every open task, there being no index that starts with the creation time, and all offices at once are sorted
    /// together for every page.
    /// </summary>
    private async Task<List<Candidate>> AwaitingDocumentsAsync(DateTimeOffset since, CancellationToken ct)
    {
        List<string> offices;
        await using (var db = await contexts.CreateDbContextAsync(ct))
            offices = [.. (await db.Offices.AsNoTracking().Select(o => o.Code).ToListAsync(ct)).Select(c => c.ToUpperInvariant())]; // as tasks store them
        var found = new List<Candidate>();
        var cases = new Dictionary<Guid, CaseFileInfo>();
        // Most tasks are of elements that never ask for documents: known without reading each task's instance.
        var mayRequire = new Dictionary<(string, string), bool>();
        var take = options.Value.BatchSize;
        foreach (var office in offices)
            await foreach (var page in KeysetPages.ReadAsync(
                (from, skip) => engine.Tasks.QueryAsync(new TaskFilter { OfficeCode = office, CreatedFrom = from ?? since, Sort = TaskSort.CreatedAt, Skip = skip, Take = take }, ct),
                t => t.CreatedAt, take))
                foreach (var task in page)
                {
                    if (!mayRequire.TryGetValue((task.ProcessKey, task.ElementId), out var may))
                        mayRequire[(task.ProcessKey, task.ElementId)] = may = await requirements.AnyVersionRequiresAsync(task.ProcessKey, task.ElementId, ct);
                    if (!may || (await requirements.ForTaskAsync(task, ct)).Count == 0) continue;
                    if (!cases.TryGetValue(task.CaseId, out var caseFile)) cases[task.CaseId] = caseFile = await engine.Cases.GetAsync(task.CaseId, ct);
                    if (caseFile.SubjectId is not null) found.Add(new(caseFile, CitizenCaseChanges.DocumentAwaited(task.Id)));
                }
        return found;
    }

    /// <summary>The accounts of these fichas whose ficha holds a verified email, by the ficha's id as cases name it.</summary>
    private async Task<Dictionary<string, Addressee>> AddresseesAsync(List<string> subjects, CancellationToken ct)
    {
        var ids = subjects.Select(s => Guid.TryParse(s, out var id) ? id : (Guid?)null).OfType<Guid>().ToList();
        if (ids.Count == 0) return [];
        await using var db = await contexts.CreateDbContextAsync(ct);
        var accounts = await db.CitizenAccounts.AsNoTracking().Where(a => ids.Contains(a.PartyId)).Select(a => new { a.Id, a.PartyId }).ToListAsync(ct);
        if (accounts.Count == 0) return [];
        var partyIds = accounts.Select(a => a.PartyId).ToList();
        var parties = await db.Parties.AsNoTracking().Where(p => partyIds.Contains(p.Id)).ToListAsync(ct);
        var result = new Dictionary<string, Addressee>(StringComparer.OrdinalIgnoreCase);
        foreach (var account in accounts)
            if (parties.FirstOrDefault(p => p.Id == account.PartyId)?.Person is { EmailVerifiedAt: not null, Email: { } email } && !string.IsNullOrWhiteSpace(email))
                result[account.PartyId.ToString()] = new Addressee(account.Id, email.Trim());
        return result;
    }

    private async Task<HashSet<(Guid, string)>> KnownAsync(List<Guid> caseIds, CancellationToken ct)
    {
        if (caseIds.Count == 0) return [];
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.CitizenCaseNotices.AsNoTracking().Where(n => caseIds.Contains(n.CaseId)).Select(n => new { n.CaseId, n.Change }).ToListAsync(ct);
        return [.. rows.Select(r => (r.CaseId, r.Change))];
    }

    /// <summary>Inserts the notice's row; null when another scan inserted it first (the unique index).</summary>
    private async Task<CitizenCaseNotice?> ClaimAsync(Candidate candidate, Addressee to, DateTimeOffset now, CancellationToken ct)
    {
        var notice = new CitizenCaseNotice
        {
            CaseId = candidate.Case.Id, Change = candidate.Change, CaseNumber = candidate.Case.CaseNumber, AccountId = to.AccountId,
            ClaimedAt = now, LastAttemptAt = now, Attempts = 1,
        };
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.CitizenCaseNotices.Add(notice);
        try
        {
            await db.SaveChangesAsync(ct);
            return notice;
        }
        catch (DbUpdateException)
        {
            await using var check = await contexts.CreateDbContextAsync(ct);
            if (!await check.CitizenCaseNotices.AnyAsync(n => n.CaseId == notice.CaseId && n.Change == notice.Change, ct)) throw;
            return null;
        }
    }

    private async Task<bool> DeliverAsync(CitizenCaseNotice notice, CaseFileInfo caseFile, Addressee to, ProcedureNames names, DateTimeOffset now, CancellationToken ct)
    {
        var service = names.Of(caseFile.ProcessKey);
        try
        {
            // No name, no office, no data of the ficha: only what identifies the case to its owner.
            await sender.SendAsync(new OutgoingMail(to.Email, "", $"Mi VUPE: novedades en su expediente {caseFile.CaseNumber}",
                $"""
                Hola:

                Su expediente {caseFile.CaseNumber} ({service}) {CitizenCaseChanges.Sentence(notice.Change)}

                Vea el detalle en Mi VUPE (ingrese con su DNI y su contraseña): {links.Portal(caseFile.CaseNumber)}
                """ + Footer), ct);
            await using var db = await contexts.CreateDbContextAsync(ct);
            db.Attach(notice);
            notice.DeliveredAt = now;
            notice.LastError = null;
            notice.Version++;
            audit.Stage(db, AuditTrails.ForCase(caseFile.Id), "portal.notice.sent",
                new { change = notice.Change, account = to.AccountId, sentTo = Trust.ContactMask.Of(Trust.ContactChannel.Email, to.Email) });
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "The notice {Change} of case {CaseNumber} was not mailed (attempt {Attempt}); a later scan retries it", notice.Change, notice.CaseNumber, notice.Attempts);
            await SaveAsync(notice, n => n.LastError = e.Message.Length <= 2000 ? e.Message : e.Message[..2000], ct);
            return false;
        }
    }

    /// <summary>Notices claimed but not delivered and not tried for a while: taken over (version check) and mailed again.</summary>
    private async Task<CitizenNoticeScanResult> RetryAsync(CitizenNoticeScanResult result, ProcedureNames names, DateTimeOffset now, CitizenNoticeOptions o, CancellationToken ct)
    {
        List<CitizenCaseNotice> pending;
        var stale = now - o.RetryAfter;
        await using (var db = await contexts.CreateDbContextAsync(ct))
            pending = await db.CitizenCaseNotices.AsNoTracking().Where(n => n.DeliveredAt == null && n.Attempts < o.MaxAttempts && n.LastAttemptAt <= stale)
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
            var caseFile = await engine.Cases.GetAsync(notice.CaseId, ct);
            var to = caseFile.SubjectId is { } subject ? (await AddresseesAsync([subject], ct)).GetValueOrDefault(subject) : null;
            if (to is null)
            {
                await SaveAsync(notice, n => { n.Attempts = o.MaxAttempts; n.LastError = "El ciudadano ya no tiene un correo verificado."; }, ct);
                continue;
            }
            result = Count(result, await DeliverAsync(notice, caseFile, to, names, now, ct));
        }
        return result;
    }

    private async Task SaveAsync(CitizenCaseNotice notice, Action<CitizenCaseNotice> change, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Attach(notice);
        change(notice);
        notice.Version++;
        await db.SaveChangesAsync(ct);
    }

    private static CitizenNoticeScanResult Count(CitizenNoticeScanResult result, bool delivered) =>
        delivered ? result with { Sent = result.Sent + 1 } : result with { Failed = result.Failed + 1 };
}

/// <summary>
/// Where the citizen-notice scan stands: the start of this node's last scan that went through, less
/// <see cref="CitizenNoticeOptions.CommitLag"/> (a change is stamped when its command starts and seen when it commits).
/// Kept in memory, per node: after a restart, or on a node that has not scanned lately, a scan reaches back
/// <see cref="CitizenNoticeOptions.Lookback"/>, as before, and the notices' unique claim keeps every change mailed once
/// whichever scan sees it — a mark in the database would save only those catch-up reads.
/// </summary>
internal sealed class CitizenNoticeWatermark
{
    private readonly Lock _gate = new();
    private DateTimeOffset? _mark;

    /// <summary>Where the next scan starts reading: the mark, or <paramref name="floor"/> when there is none or it is older.</summary>
    public DateTimeOffset Since(DateTimeOffset floor)
    {
        lock (_gate) return _mark is { } mark && mark > floor ? mark : floor;
    }

    /// <summary>Moves the mark forward (never back: a slow scan that ends after a later one does not undo it).</summary>
    public void Advance(DateTimeOffset to)
    {
        lock (_gate)
            if (_mark is not { } mark || to > mark) _mark = to;
    }
}

/// <summary>Hangfire's entry point for <see cref="CitizenNoticeScan"/> (public because Hangfire invokes it).</summary>
public sealed class CitizenNoticeScanJob(IServiceProvider services)
{
    public const string RecurringJobId = "citizen-notices";

    public Task RunAsync(CancellationToken ct) => services.GetRequiredService<CitizenNoticeScan>().RunAsync(ct);
}
