using Microsoft.EntityFrameworkCore;
using Vupe.JobBank.Classification;
using Vupe.JobBank.Matching;
using Microsoft.Extensions.Options;
using Vupe.Server.Data;
using Vupe.Server.Hosting;

namespace Vupe.Server.JobBank;

/// <summary>
/// The server's one <see cref="MatchingIndex"/>: loaded from the database once — in the background when the host
/// starts, or by the first query if one comes earlier (a procedure step run while the host is still starting, e.g. by
/// the demo seeder, must not wait for a start that waits for it) — then kept current by every write of a vacancy or a
/// seeker after it commits; writes that come while it loads are applied once it has. The database is the record; a
/// restart rebuilds the index from it, so a crash between commit and index update loses nothing.
/// With several nodes on one database (<see cref="DatabaseOptions.SharedByNodes"/>) each node also reads, every
/// <see cref="SyncInterval"/>, the vacancies and seekers changed lately (by any node) and applies those newer than what
/// it holds: a row's version decides, so a late local write or an old read never puts back an older profile.
/// </summary>
public sealed class NationalMatching(IDbContextFactory<VupeDbContext> contexts, OccupationCatalog occupations, TimeProvider time, ILogger<NationalMatching> logger,
    IOptions<DatabaseOptions> database) : BackgroundService
{
    /// <summary>How often a node reads the others' changes.</summary>
    public static readonly TimeSpan SyncInterval = TimeSpan.FromSeconds(2);

    // Each sync re-reads this far back, so a write committed a little after its UpdatedAt (or stamped by a node whose
    // clock is a little behind) is still seen; nodes' clocks must agree within it (NTP).
    private static readonly TimeSpan SyncOverlap = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private readonly List<Action> _whileLoading = [];
    private readonly VersionsApplied _vacancies = new();
    private readonly VersionsApplied _seekers = new();
    private Task? _load;
    private bool _loaded;

    public MatchingIndex Index { get; } = new(occupations);

    /// <summary>The index once it is loaded (loading it now if nobody has started to).</summary>
    public async Task<MatchingIndex> ReadyAsync(CancellationToken ct)
    {
        await Load().WaitAsync(ct);
        return Index;
    }

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>Puts a vacancy in the index while it is open, takes it out otherwise.</summary>
    public void Apply(Vacancy vacancy)
    {
        AfterLoad(VacancyChange(vacancy));
    }

    /// <summary>Puts a seeker in the index while active and consenting, takes them out otherwise.</summary>
    public void Apply(JobSeeker seeker)
    {
        AfterLoad(SeekerChange(seeker));
    }

    // The change is computed from the row now (the entity may change after); applied only if no newer version was.
    private Action VacancyChange(Vacancy vacancy)
    {
        var profile = ProfileOf(vacancy);
        var open = vacancy.Status == VacancyStatus.Open && vacancy.ClosingDate >= Today;
        var version = vacancy.Version;
        return () =>
        {
            if (!_vacancies.TryAdvance(profile.VacancyId, version)) return;
            if (open) Index.Upsert(profile);
            else Index.RemoveVacancy(profile.VacancyId);
        };
    }

    private Action SeekerChange(JobSeeker seeker)
    {
        var profile = ProfileOf(seeker);
        var listed = seeker is { Active: true, SharesProfile: true, Occupations.Count: > 0 };
        var version = seeker.Version;
        return () =>
        {
            if (!_seekers.TryAdvance(profile.PartyId, version)) return;
            if (listed) Index.Upsert(profile);
            else Index.RemoveSeeker(profile.PartyId);
        };
    }

    /// <summary>Applies a change now, or — while the index loads a snapshot that may predate it — once the load is done.</summary>
    private void AfterLoad(Action change)
    {
        lock (_lock)
        {
            if (!_loaded)
            {
                _whileLoading.Add(change);
                return;
            }
        }
        change();
    }

    private Task Load()
    {
        lock (_lock) return _load ??= Task.Run(LoadAsync);
    }

    public static VacancyProfile ProfileOf(Vacancy v) => new(
        v.Id, v.OccupationCode, v.Ubigeo, Math.Max(EducationLevels.Rank(v.MinEducation), 0), v.MinExperienceMonths, v.Certifications, v.Skills, v.Remote, v.ClosingDate);

    public static SeekerProfile ProfileOf(JobSeeker s) => new(
        s.PartyId, s.Occupations, s.EducationRank, s.ExperienceMonths, s.Ubigeo, s.Mobility, s.Certifications, s.Skills);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Load().WaitAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Logged by the load; the server keeps running and the next query loads again.
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        if (!database.Value.SharedByNodes) return;
        using var timer = new PeriodicTimer(SyncInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await Load().WaitAsync(stoppingToken);
                    await SyncAsync(time.GetUtcNow() - SyncOverlap, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "The job-bank matching index could not read the other nodes' changes; trying again in {Interval}", SyncInterval);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Applies the vacancies and seekers changed since <paramref name="since"/> by any node, where newer than what this node holds.</summary>
    internal async Task SyncAsync(DateTimeOffset since, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await foreach (var v in db.Vacancies.AsNoTracking().Where(v => v.UpdatedAt >= since).AsAsyncEnumerable().WithCancellation(ct))
            VacancyChange(v)();
        await foreach (var s in db.JobSeekers.AsNoTracking().Where(s => s.UpdatedAt >= since).AsAsyncEnumerable().WithCancellation(ct))
            SeekerChange(s)();
    }

    private async Task LoadAsync()
    {
        try
        {
            var started = time.GetTimestamp();
            await using (var db = await contexts.CreateDbContextAsync())
            {
                var today = Today;
                await foreach (var v in db.Vacancies.AsNoTracking().Where(v => v.Status == VacancyStatus.Open && v.ClosingDate >= today).AsAsyncEnumerable())
                    VacancyChange(v)();
                await foreach (var s in db.JobSeekers.AsNoTracking().Where(s => s.Active && s.SharesProfile).AsAsyncEnumerable())
                    SeekerChange(s)();
            }
            logger.LogInformation("Job-bank matching index loaded: {Vacancies} open vacancies, {Seekers} seekers in {Elapsed}",
                Index.VacancyCount, Index.SeekerCount, time.GetElapsedTime(started));
        }
        catch (Exception e)
        {
            logger.LogError(e, "The job-bank matching index could not be loaded");
            lock (_lock) _load = null; // the next query tries again
            throw;
        }
        // The changes committed while the snapshot was read win over it: replay them in order, then apply directly.
        while (true)
        {
            Action[] pending;
            lock (_lock)
            {
                if (_whileLoading.Count == 0)
                {
                    _loaded = true;
                    return;
                }
                pending = [.. _whileLoading];
                _whileLoading.Clear();
            }
            foreach (var change in pending) change();
        }
    }

    /// <summary>The highest version applied per row: a change of the same or an older version is skipped.</summary>
    private sealed class VersionsApplied
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, long> _applied = new();

        public bool TryAdvance(Guid id, long version)
        {
            while (true)
            {
                if (!_applied.TryGetValue(id, out var seen)) { if (_applied.TryAdd(id, version)) return true; continue; }
                if (seen >= version) return false;
                if (_applied.TryUpdate(id, version, seen)) return true;
            }
        }
    }

    public override void Dispose()
    {
        Index.Dispose();
        base.Dispose();
    }
}
