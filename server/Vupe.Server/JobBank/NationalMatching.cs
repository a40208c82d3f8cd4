using Microsoft.EntityFrameworkCore;
using Vupe.JobBank.Classification;
using Vupe.JobBank.Matching;
using Vupe.Server.Data;

namespace Vupe.Server.JobBank;

/// <summary>
/// The server's one <see cref="MatchingIndex"/>: loaded from the database at start (in the background; queries wait
/// for it), then kept current by every write of a vacancy or a seeker after it commits. The database is the record;
/// a restart rebuilds the index from it, so a crash between commit and index update loses nothing.
/// </summary>
public sealed class NationalMatching(IDbContextFactory<VupeDbContext> contexts, OccupationCatalog occupations, TimeProvider time, ILogger<NationalMatching> logger)
    : BackgroundService
{
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public MatchingIndex Index { get; } = new(occupations);

    /// <summary>The index once it is loaded.</summary>
    public async Task<MatchingIndex> ReadyAsync(CancellationToken ct)
    {
        await _loaded.Task.WaitAsync(ct);
        return Index;
    }

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>Puts a vacancy in the index while it is open, takes it out otherwise.</summary>
    public void Apply(Vacancy vacancy)
    {
        if (vacancy.Status == VacancyStatus.Open && vacancy.ClosingDate >= Today) Index.Upsert(ProfileOf(vacancy));
        else Index.RemoveVacancy(vacancy.Id);
    }

    /// <summary>Puts a seeker in the index while active and consenting, takes them out otherwise.</summary>
    public void Apply(JobSeeker seeker)
    {
        if (seeker is { Active: true, SharesProfile: true, Occupations.Count: > 0 }) Index.Upsert(ProfileOf(seeker));
        else Index.RemoveSeeker(seeker.PartyId);
    }

    public static VacancyProfile ProfileOf(Vacancy v) => new(
        v.Id, v.OccupationCode, v.Ubigeo, Math.Max(EducationLevels.Rank(v.MinEducation), 0), v.MinExperienceMonths, v.Certifications, v.Skills, v.Remote, v.ClosingDate);

    public static SeekerProfile ProfileOf(JobSeeker s) => new(
        s.PartyId, s.Occupations, s.EducationRank, s.ExperienceMonths, s.Ubigeo, s.Mobility, s.Certifications, s.Skills);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var started = time.GetTimestamp();
            await using (var db = await contexts.CreateDbContextAsync(stoppingToken))
            {
                var today = Today;
                await foreach (var v in db.Vacancies.AsNoTracking().Where(v => v.Status == VacancyStatus.Open && v.ClosingDate >= today).AsAsyncEnumerable().WithCancellation(stoppingToken))
                    Index.Upsert(ProfileOf(v));
                await foreach (var s in db.JobSeekers.AsNoTracking().Where(s => s.Active && s.SharesProfile).AsAsyncEnumerable().WithCancellation(stoppingToken))
                    if (s.Occupations.Count > 0) Index.Upsert(ProfileOf(s));
            }
            logger.LogInformation("Job-bank matching index loaded: {Vacancies} open vacancies, {Seekers} seekers in {Elapsed}",
                Index.VacancyCount, Index.SeekerCount, time.GetElapsedTime(started));
            _loaded.TrySetResult();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _loaded.TrySetCanceled(stoppingToken);
        }
        catch (Exception e)
        {
            logger.LogError(e, "The job-bank matching index could not be loaded");
            _loaded.TrySetException(e);
        }
    }

    public override void Dispose()
    {
        Index.Dispose();
        base.Dispose();
    }
}
