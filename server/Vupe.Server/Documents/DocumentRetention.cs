using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vupe.Documents.Storage;
using Vupe.Engine;
using Vupe.Engine.Persistence;
using Vupe.Server.Audit;
using Vupe.Server.Data;
using Vupe.Server.Trust;

namespace Vupe.Server.Documents;

/// <summary>Section "Vupe:Retention": when the daily retention job runs.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Vupe:Retention";

    public bool Enabled { get; set; } = true;
    /// <summary>Hangfire cron, UTC: 08:30 UTC is 03:30 in Lima, when no office is open.</summary>
    public string Cron { get; set; } = "30 8 * * *";
    public int BatchSize { get; set; } = 200;
}

/// <summary>What one run did: contents deleted, documents past their period kept (open case or hold), short-lived rows purged.</summary>
public sealed record RetentionRun(int Deleted, int KeptOpenCase, int KeptOnHold, int Purged);

/// <summary>
/// Enforces retention: the content of a document whose kind's period has ended (<see cref="CaseDocument.RetainUntil"/>)
/// is deleted from the blob store unless its case is still open or the case, the document's ficha or the case's
/// subject is under a legal or ARCO hold. The index stays — title, kind, each version's SHA-256 and size — marked
/// with <see cref="CaseDocument.ContentDeletedAt"/>, and each deletion is an entry of the case's trail. A blob shared
/// with a document whose content is kept (identical uploads share one copy) stays. The blob is deleted before the
/// document is marked, so a run stopped in between leaves a document whose content is gone but unmarked, and the next
/// run marks it (deleting a missing blob is no error). Also purges expired one-time codes and old attempt counts.
/// </summary>
public sealed class DocumentRetention(
    IDbContextFactory<VupeDbContext> contexts, IBlobStore blobs, ProcessEngine engine, AuditLog audit, OneTimeCodes codes, AttemptGuard attempts,
    TimeProvider time, IOptions<RetentionOptions> options, ILogger<DocumentRetention> logger)
{
    public async Task<RetentionRun> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        int deleted = 0, keptOpen = 0, keptHeld = 0;
        List<RecordHold> holds;
        await using (var db = await contexts.CreateDbContextAsync(ct))
            holds = await db.RecordHolds.AsNoTracking().Where(h => h.LiftedAt == null).ToListAsync(ct);
        var heldCases = holds.Where(h => h.Target == HoldTarget.Case).Select(h => h.TargetId).ToHashSet();
        var heldParties = holds.Where(h => h.Target == HoldTarget.Party).Select(h => h.TargetId).ToHashSet();
        var cases = new Dictionary<Guid, CaseFileInfo?>();

        List<Guid> due;
        await using (var db = await contexts.CreateDbContextAsync(ct))
            due = await db.Documents.AsNoTracking().Where(d => d.ContentDeletedAt == null && d.RetainUntil <= now).Select(d => d.Id).ToListAsync(ct);
        foreach (var ids in due.Chunk(options.Value.BatchSize))
        {
            List<CaseDocument> batch;
            await using (var db = await contexts.CreateDbContextAsync(ct))
                batch = await db.Documents.AsNoTracking().Include(d => d.Versions).Where(d => ids.Contains(d.Id)).ToListAsync(ct);
            foreach (var document in batch)
            {
                if (!cases.TryGetValue(document.CaseId, out var caseFile)) cases[document.CaseId] = caseFile = await CaseOfAsync(document.CaseId, ct);
                var subject = caseFile?.SubjectId is { } s && Guid.TryParse(s, out var p) ? p : (Guid?)null;
                if (heldCases.Contains(document.CaseId) || document.PartyId is { } party && heldParties.Contains(party) || subject is { } sp && heldParties.Contains(sp))
                    keptHeld++;
                else if (caseFile is null || caseFile.Status == CaseStatus.Open) keptOpen++;
                else if (await DeleteContentAsync(document, now, ct)) deleted++;
            }
        }
        var purged = await codes.DeleteExpiredAsync(now - TimeSpan.FromDays(1), ct) + await attempts.DeleteOlderThanAsync(now - TimeSpan.FromDays(1), ct);
        if (deleted + keptOpen + keptHeld + purged > 0)
            logger.LogInformation("Retention: {Deleted} document contents deleted, {Open} kept for open cases, {Held} kept on hold, {Purged} codes and attempts purged",
                deleted, keptOpen, keptHeld, purged);
        return new RetentionRun(deleted, keptOpen, keptHeld, purged);
    }

    /// <summary>The case, or null when the engine does not know it (kept: nothing is deleted on a doubt).</summary>
    private async Task<CaseFileInfo?> CaseOfAsync(Guid caseId, CancellationToken ct)
    {
        try
        {
            return await engine.Cases.GetAsync(caseId, ct);
        }
        catch (NotFoundException)
        {
            logger.LogWarning("Retention: case {CaseId} of a document is unknown to the engine; its documents are kept", caseId);
            return null;
        }
    }

    private async Task<bool> DeleteContentAsync(CaseDocument document, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var shas = document.Versions.Select(v => v.Sha256).Distinct().ToList();
        var shared = await db.DocumentVersions
            .Where(v => shas.Contains(v.Sha256) && v.DocumentId != document.Id && db.Documents.Any(d => d.Id == v.DocumentId && d.ContentDeletedAt == null))
            .Select(v => v.Sha256).Distinct().ToListAsync(ct);
        foreach (var sha in shas.Except(shared)) await blobs.DeleteAsync(sha, ct);

        var tracked = await db.Documents.FirstAsync(d => d.Id == document.Id, ct);
        if (tracked.Version != document.Version) return false; // a version arrived meanwhile: the next run looks again
        tracked.ContentDeletedAt = now;
        tracked.Version++;
        audit.Stage(db, AuditTrails.ForCase(document.CaseId), "document.contentDeleted", new
        {
            documentId = document.Id, document.Kind, document.Title, document.RetentionClass, document.RetainUntil,
            versions = document.Versions.OrderBy(v => v.Number).Select(v => new { v.Number, v.Sha256, v.Length }),
            reason = DocumentTexts.ContentDeleted,
        });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (Exception e) when (e is DbUpdateConcurrencyException or ConflictException)
        {
            return false;
        }
    }
}

/// <summary>What documents say about themselves to people (Spanish).</summary>
public static class DocumentTexts
{
    public const string ContentDeleted = "contenido eliminado por plazo de conservación";
    public const string ContentGone =
        "El contenido de este documento fue eliminado al vencer su plazo de conservación. Se conservan sus datos y su huella SHA-256.";
}

/// <summary>Hangfire's entry point for the daily retention run (a recurring job: once across nodes).</summary>
public sealed class RetentionJob(DocumentRetention retention)
{
    public const string RecurringJobId = "document-retention";

    public Task RunAsync(CancellationToken ct) => retention.RunAsync(ct);
}

public static class RetentionSetup
{
    public static IServiceCollection AddVupeRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.Section))
            .Validate(o => o.BatchSize >= 1, "Vupe:Retention:BatchSize must be at least 1.").ValidateOnStart();
        services.AddSingleton<RecordHolds>();
        services.AddScoped<CaseHolds>();
        services.AddScoped<DocumentRetention>();
        services.AddTransient<RetentionJob>();
        services.AddHostedService<RetentionSchedule>();
        return services;
    }

    private sealed class RetentionSchedule(IRecurringJobManager jobs, IOptions<RetentionOptions> options) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (options.Value.Enabled) jobs.AddOrUpdate<RetentionJob>(RetentionJob.RecurringJobId, j => j.RunAsync(CancellationToken.None), options.Value.Cron);
            else jobs.RemoveIfExists(RetentionJob.RecurringJobId);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
