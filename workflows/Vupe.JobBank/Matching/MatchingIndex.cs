using Vupe.JobBank.Classification;

namespace Vupe.JobBank.Matching;

/// <summary>
/// The national matching index: every open vacancy and every seeker who consented to job-bank intermediation,
/// bucketed by occupation and, within one, by department, in memory. A query scores only the buckets of the
/// occupation's minor group — the only ones <see cref="MatchScorer"/> can find eligible — the sought occupation first
/// and the nearest departments first, and skips a bucket or department once the k it keeps all beat the most an entry
/// there could score (<see cref="MatchScorer.Maximum"/>). So the ranking equals an exhaustive one over all entries
/// (the tests and bench/matching.sh check that) while touching a small part of them.
/// The database stays the record: the host loads the index at start and keeps it current on every write.
/// Thread-safe: queries run in parallel, writes one at a time.
/// </summary>
public sealed class MatchingIndex(OccupationCatalog occupations) : IDisposable
{
    private static readonly bool[] ExactThenRelated = [true, false];
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly TermDictionary _terms = new();
    private readonly Dictionary<Guid, VacancyEntry> _vacancies = [];
    private readonly Dictionary<Guid, SeekerEntry> _seekers = [];
    private readonly Buckets<VacancyEntry> _vacancyBuckets = new();
    private readonly Buckets<SeekerEntry> _seekerBuckets = new();

    public int VacancyCount { get { _lock.EnterReadLock(); try { return _vacancies.Count; } finally { _lock.ExitReadLock(); } } }

    public int SeekerCount { get { _lock.EnterReadLock(); try { return _seekers.Count; } finally { _lock.ExitReadLock(); } } }

    /// <summary>Adds or replaces an open vacancy.</summary>
    public void Upsert(VacancyProfile vacancy)
    {
        ArgumentNullException.ThrowIfNull(vacancy);
        var entry = Entry(vacancy);
        Write(() =>
        {
            if (_vacancies.Remove(entry.Id, out var old)) _vacancyBuckets.Remove(old.Profile.OccupationCode, AreaOf(old), old.Id);
            _vacancies[entry.Id] = entry;
            _vacancyBuckets.Add(vacancy.OccupationCode, AreaOf(entry), entry.Id, entry);
        });
    }

    /// <summary>Adds or replaces a seeker (one entry per occupation sought).</summary>
    public void Upsert(SeekerProfile seeker)
    {
        ArgumentNullException.ThrowIfNull(seeker);
        var entry = Entry(seeker);
        Write(() =>
        {
            RemoveSeekerUnlocked(entry.Id);
            _seekers[entry.Id] = entry;
            foreach (var occupation in seeker.Occupations.Distinct(StringComparer.Ordinal)) _seekerBuckets.Add(occupation, entry.Place.Department, entry.Id, entry);
        });
    }

    /// <summary>A vacancy closed, filled or withdrawn.</summary>
    public void RemoveVacancy(Guid vacancyId) => Write(() =>
    {
        if (_vacancies.Remove(vacancyId, out var old)) _vacancyBuckets.Remove(old.Profile.OccupationCode, AreaOf(old), vacancyId);
    });

    /// <summary>A seeker withdrew consent or left the job bank.</summary>
    public void RemoveSeeker(Guid partyId) => Write(() => RemoveSeekerUnlocked(partyId));

    /// <summary>The best open vacancies for a seeker (who need not be in the index), best first; ties by vacancy id.</summary>
    public IReadOnlyList<RankedMatch> VacanciesFor(SeekerProfile seeker, int top, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(seeker);
        var entry = Entry(seeker);
        var best = new TopK(top);
        Read(() =>
        {
            var groups = seeker.Occupations.Select(Occupation.MinorGroupOf).Distinct(StringComparer.Ordinal).ToList();
            foreach (var exact in ExactThenRelated)
                foreach (var group in groups)
                    foreach (var (occupation, bucket) in _vacancyBuckets.InGroup(group))
                    {
                        if (seeker.Occupations.Contains(occupation) != exact) continue;
                        foreach (var (area, bound) in Areas.From(entry.Place.Department))
                        {
                            if (bucket.In(area) is not { } vacancies || best.Excludes(MatchScorer.Maximum(exact, bound))) continue;
                            foreach (var vacancy in vacancies.Values)
                            {
                                if (vacancy.Profile.ClosingDate < today) continue;
                                var score = MatchScorer.Evaluate(entry, vacancy);
                                if (score >= 0) best.Offer(vacancy.Id, score);
                            }
                        }
                    }
        });
        return best.Result();
    }

    /// <summary>The best seekers for a vacancy (which need not be in the index), best first; ties by party id.</summary>
    public IReadOnlyList<RankedMatch> SeekersFor(VacancyProfile vacancy, int top)
    {
        ArgumentNullException.ThrowIfNull(vacancy);
        var entry = Entry(vacancy);
        var best = new TopK(top);
        Read(() =>
        {
            var group = entry.Group;
            var buckets = _seekerBuckets.InGroup(group);
            foreach (var exact in ExactThenRelated)
                foreach (var (occupation, bucket) in buckets)
                {
                    if ((occupation == vacancy.OccupationCode) != exact) continue;
                    // Remote work scores the same everywhere: no area can be ruled out by its distance.
                    foreach (var (area, bound) in vacancy.Remote ? Areas.Everywhere : Areas.From(entry.Place.Department))
                    {
                        if (bucket.In(area) is not { } seekers || best.Excludes(MatchScorer.Maximum(exact, bound))) continue;
                        foreach (var seeker in seekers.Values)
                        {
                            // A seeker of several occupations of the group sits in several buckets: scored once, in the
                            // exact bucket if they seek the vacancy's occupation, else in the first related one they seek.
                            if (!exact && !IsScoredIn(seeker, occupation, vacancy.OccupationCode, group)) continue;
                            var score = MatchScorer.Evaluate(seeker, entry);
                            if (score >= 0) best.Offer(seeker.Id, score);
                        }
                    }
                }
        });
        return best.Result();
    }

    /// <summary>A vacancy's area in its occupation's bucket: its department, or 0 for remote work (and an unknown place).</summary>
    private static int AreaOf(VacancyEntry vacancy) => vacancy.Profile.Remote ? 0 : vacancy.Place.Department;

    private static bool IsScoredIn(SeekerEntry seeker, string bucket, string exact, string group)
    {
        var sought = seeker.Profile.Occupations;
        if (sought.Count == 1) return true;
        for (var i = 0; i < sought.Count; i++)
            if (sought[i] == exact) return false; // scored in the exact bucket
        for (var i = 0; i < sought.Count; i++)
            if (seeker.Groups[i] == group) return sought[i] == bucket; // the first of the group they seek
        return false;
    }

    /// <summary>Why a seeker and a vacancy match or do not, criterion by criterion.</summary>
    public MatchExplanation Explain(SeekerProfile seeker, VacancyProfile vacancy)
    {
        var reasons = new List<MatchReason>(6);
        var score = MatchScorer.Evaluate(Entry(seeker), Entry(vacancy), reasons, new MatchTexts(occupations, _terms.Text));
        return new MatchExplanation(score >= 0, score >= 0 ? score : reasons.Sum(r => r.Points), reasons);
    }

    /// <summary>Scores every pair without the index: the reference the index's ranking must equal.</summary>
    public IReadOnlyList<RankedMatch> RankExhaustively(SeekerProfile seeker, IEnumerable<VacancyProfile> vacancies, int top, DateOnly today)
    {
        var entry = Entry(seeker);
        var best = new TopK(top);
        foreach (var vacancy in vacancies)
        {
            if (vacancy.ClosingDate < today) continue;
            var score = MatchScorer.Evaluate(entry, Entry(vacancy));
            if (score >= 0) best.Offer(vacancy.VacancyId, score);
        }
        return best.Result();
    }

    /// <summary>Scores every pair without the index: the reference the index's ranking must equal.</summary>
    public IReadOnlyList<RankedMatch> RankExhaustively(VacancyProfile vacancy, IEnumerable<SeekerProfile> seekers, int top)
    {
        var entry = Entry(vacancy);
        var best = new TopK(top);
        foreach (var seeker in seekers)
        {
            var score = MatchScorer.Evaluate(Entry(seeker), entry);
            if (score >= 0) best.Offer(seeker.PartyId, score);
        }
        return best.Result();
    }

    private VacancyEntry Entry(VacancyProfile v) => new(v, _terms.Intern(v.RequiredCertifications), _terms.Intern(v.Skills));

    private SeekerEntry Entry(SeekerProfile s) => new(s, _terms.Intern(s.Certifications), _terms.Intern(s.Skills));

    private void RemoveSeekerUnlocked(Guid partyId)
    {
        if (!_seekers.Remove(partyId, out var old)) return;
        foreach (var occupation in old.Profile.Occupations.Distinct(StringComparer.Ordinal)) _seekerBuckets.Remove(occupation, old.Place.Department, partyId);
    }

    public void Dispose() => _lock.Dispose();

    private void Write(Action action)
    {
        _lock.EnterWriteLock();
        try { action(); }
        finally { _lock.ExitWriteLock(); }
    }

    private void Read(Action action)
    {
        _lock.EnterReadLock();
        try { action(); }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>
    /// Entries by occupation and, within one, by area (department 1–25; 0 for remote work or an unknown place), so a
    /// query can visit the areas nearest first and skip those whose best possible location score cannot enter.
    /// </summary>
    private sealed class Buckets<T>
    {
        private readonly Dictionary<string, Bucket> _byOccupation = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<(string Occupation, Bucket Bucket)>> _byGroup = new(StringComparer.Ordinal);

        public sealed class Bucket
        {
            private readonly Dictionary<Guid, T>?[] _byArea = new Dictionary<Guid, T>?[26];

            public Dictionary<Guid, T>? In(int area) => _byArea[area];

            public void Add(int area, Guid id, T entry) => (_byArea[area] ??= [])[id] = entry;

            public void Remove(int area, Guid id) => _byArea[area]?.Remove(id);
        }

        public void Add(string occupation, int area, Guid id, T entry)
        {
            if (!_byOccupation.TryGetValue(occupation, out var bucket))
            {
                _byOccupation[occupation] = bucket = new Bucket();
                var group = Occupation.MinorGroupOf(occupation);
                if (!_byGroup.TryGetValue(group, out var list)) _byGroup[group] = list = [];
                list.Add((occupation, bucket));
            }
            bucket.Add(Areas.Clamp(area), id, entry);
        }

        public void Remove(string occupation, int area, Guid id)
        {
            if (_byOccupation.TryGetValue(occupation, out var bucket)) bucket.Remove(Areas.Clamp(area), id);
        }

        private static readonly List<(string, Bucket)> None = [];

        public List<(string Occupation, Bucket Bucket)> InGroup(string group) => _byGroup.TryGetValue(group, out var list) ? list : None;
    }

    /// <summary>The k best (score descending, id ascending) of a stream, in a bounded heap.</summary>
    private sealed class TopK(int k)
    {
        // The heap's minimum is the worst kept: lowest score, then highest id.
        private readonly PriorityQueue<RankedMatch, RankedMatch> _heap = new(Comparer<RankedMatch>.Create(Worse));

        private static int Worse(RankedMatch a, RankedMatch b) => a.Score != b.Score ? a.Score.CompareTo(b.Score) : b.Id.CompareTo(a.Id);

        /// <summary>True when k are kept and every one of them beats <paramref name="maximum"/> (a tie could still enter by id).</summary>
        public bool Excludes(int maximum) => k <= 0 || (_heap.Count == k && _heap.Peek().Score > maximum);

        public void Offer(Guid id, int score)
        {
            if (k <= 0) return;
            var match = new RankedMatch(id, score);
            if (_heap.Count < k) _heap.Enqueue(match, match);
            else if (Worse(_heap.Peek(), match) < 0) _heap.DequeueEnqueue(match, match);
        }

        public IReadOnlyList<RankedMatch> Result() =>
            [.. _heap.UnorderedItems.Select(i => i.Element).OrderByDescending(m => m.Score).ThenBy(m => m.Id)];
    }
}
