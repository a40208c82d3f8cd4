using Vupe.JobBank.Classification;
using Vupe.JobBank.Matching;

namespace Vupe.Workflows.Tests;

/// <summary>The national matching index ranks exactly as scoring every entry would, in both directions, and follows writes.</summary>
public sealed class MatchingIndexTests
{
    private static readonly string[] Skills = ["excel", "ventas", "cocina", "soldadura", "inglés", "quechua", "caja", "logística"];

    private static (VacancyProfile[] Vacancies, SeekerProfile[] Seekers) Population(int seed, int vacancies, int seekers)
    {
        var random = new Random(seed);
        // Few occupations in few minor groups, so buckets are large and related occupations are common.
        string[] occupations = ["5120", "5121", "5122", "5131", "5132", "4321", "4322", "9333"];
        string Ubigeo() => $"{random.Next(1, 26):00}{random.Next(1, 4):00}01";
        List<string> Pick(int max) => [.. Enumerable.Range(0, random.Next(0, max + 1)).Select(_ => Skills[random.Next(Skills.Length)]).Distinct()];
        Guid Id()
        {
            var bytes = new byte[16];
            random.NextBytes(bytes);
            return new Guid(bytes);
        }
        var today = new DateOnly(2026, 12, 6);
        var v = Enumerable.Range(0, vacancies).Select(_ => new VacancyProfile(Id(), occupations[random.Next(occupations.Length)], Ubigeo(), random.Next(0, 5),
            random.Next(0, 4) * 12, random.Next(10) == 0 ? ["licencia A-IIb"] : [], Pick(3), random.Next(15) == 0, today.AddDays(random.Next(-5, 30)))).ToArray();
        var s = Enumerable.Range(0, seekers).Select(_ => new SeekerProfile(Id(), [.. new[] { occupations[random.Next(occupations.Length)], occupations[random.Next(occupations.Length)] }.Take(random.Next(1, 3)).Distinct()],
            random.Next(0, 6), random.Next(0, 60), Ubigeo(), (Mobility)random.Next(3), random.Next(6) == 0 ? ["licencia A-IIb"] : [], Pick(4))).ToArray();
        return (v, s);
    }

    [Test]
    public void The_top_20_equals_an_exhaustive_ranking_both_ways()
    {
        var (vacancies, seekers) = Population(7, 2_000, 20_000);
        using var index = new MatchingIndex(OccupationCatalog.Load());
        foreach (var v in vacancies) index.Upsert(v);
        foreach (var s in seekers) index.Upsert(s);
        var today = new DateOnly(2026, 12, 6);
        for (var i = 0; i < 40; i++)
        {
            var seeker = seekers[i * 97];
            Assert.That(index.VacanciesFor(seeker, 20, today), Is.EqualTo(index.RankExhaustively(seeker, vacancies, 20, today)), $"seeker {i}");
            var vacancy = vacancies[i * 31];
            Assert.That(index.SeekersFor(vacancy, 20), Is.EqualTo(index.RankExhaustively(vacancy, seekers, 20)), $"vacancy {i}");
        }
    }

    [Test]
    public void A_removed_vacancy_or_seeker_is_no_longer_offered_and_a_replaced_one_is_ranked_as_it_now_is()
    {
        using var index = new MatchingIndex(OccupationCatalog.Load());
        var today = new DateOnly(2026, 12, 6);
        var cook = new SeekerProfile(Guid.NewGuid(), ["5120"], 2, 24, "080101", Mobility.Nacional, [], ["cocina"]);
        var lima = new VacancyProfile(Guid.NewGuid(), "5120", "150101", 2, 12, [], ["cocina"], false, today.AddDays(10));
        index.Upsert(lima);
        index.Upsert(cook);
        Assert.That(index.VacanciesFor(cook, 5, today).Single().Score, Is.EqualTo(30 + 20 + 10 + 4 + 20 + 10));
        index.Upsert(lima with { MinEducationRank = 4 });
        Assert.That(index.VacanciesFor(cook, 5, today), Is.Empty, "now asks for a degree");
        index.Upsert(lima);
        index.RemoveSeeker(cook.PartyId);
        Assert.That(index.SeekersFor(lima, 5), Is.Empty);
        index.RemoveVacancy(lima.VacancyId);
        Assert.That(index.VacanciesFor(cook, 5, today), Is.Empty);
        Assert.That(index.VacanciesFor(cook, 5, today.AddDays(11)), Is.Empty, "nor after its closing date");
    }

    [Test]
    public void Lima_and_Callao_are_one_labour_market_and_bordering_departments_rank_above_distant_ones()
    {
        using var index = new MatchingIndex(OccupationCatalog.Load());
        var callao = new SeekerProfile(Guid.NewGuid(), ["9333"], 2, 0, "070101", Mobility.Provincia, [], []);
        var lima = new VacancyProfile(Guid.NewGuid(), "9333", "150132", 0, 0, [], [], false, new DateOnly(2027, 1, 1));
        Assert.That(index.Explain(callao, lima).Reasons.Single(r => r.Criterion == "ubicacion").Points, Is.EqualTo(10));
        var cusco = callao with { Ubigeo = "080101", Mobility = Mobility.Nacional };
        var apurimac = lima with { Ubigeo = "030101" };
        var tumbes = lima with { Ubigeo = "240101" };
        Assert.That(index.Explain(cusco, apurimac).Score, Is.GreaterThan(index.Explain(cusco, tumbes).Score));
        Assert.That(index.Explain(cusco with { Mobility = Mobility.Region }, apurimac).Eligible, Is.False);
    }
}
