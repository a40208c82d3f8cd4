using Vupe.JobBank.Classification;

namespace Vupe.JobBank.Matching;

/// <summary>
/// The order in which a query visits the areas of a bucket, with the most location points an entry there can score
/// (<see cref="MatchScorer"/>): the same department and Lima–Callao 10, bordering departments 6, the rest 4; area 0
/// (remote work, or a place not known) 10. Visiting the best areas first lets the ranking skip the rest once its k
/// all beat what they could score.
/// </summary>
internal static class Areas
{
    private static readonly (int Area, int Bound)[][] Nearest = [.. Enumerable.Range(0, 26).Select(Order)];

    /// <summary>Every area with the highest bound: for remote work, where distance does not count.</summary>
    public static (int Area, int Bound)[] Everywhere { get; } = [.. Enumerable.Range(0, 26).Select(a => (a, 10))];

    public static int Clamp(int department) => department is >= 1 and <= 25 ? department : 0;

    /// <summary>The areas from <paramref name="department"/>'s point of view, nearest first (area 0 among the first).</summary>
    public static (int Area, int Bound)[] From(int department) => Nearest[Clamp(department)];

    private static (int Area, int Bound)[] Order(int from)
    {
        if (from == 0) return [.. Enumerable.Range(0, 26).Select(a => (a, 10))];
        static bool Metropolitan(int d) => d is 7 or 15;
        return [.. Enumerable.Range(0, 26)
            .Select(a => (a, a == 0 || a == from || (Metropolitan(a) && Metropolitan(from)) ? 10 : Regions.AreNeighbours(from, a) ? 6 : 4))
            .OrderByDescending(x => x.Item2).ThenBy(x => x.a)];
    }
}
