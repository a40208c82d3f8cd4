namespace Vupe.Engine;

/// <summary>What <see cref="CaseService.CountByAsync"/> groups case files by; the flags combine (office and procedure).</summary>
[Flags]
public enum CaseGrouping
{
    None = 0,
    Office = 1,
    ProcessKey = 2,
    Title = 4,
}

/// <summary>How many case files fall in one group; the keys not grouped by are null.</summary>
public sealed record CaseCount(string? OfficeCode, string? ProcessKey, string? Title, int Count);

/// <summary>
/// Durations from opening to closing of the closed case files a filter matches: how many there are, and the
/// duration at each percentile asked for (nearest rank: the smallest duration with at least that share of the
/// cases at or below it), in the order asked; empty when no case matches.
/// </summary>
public sealed record CaseDurations(int Count, IReadOnlyList<TimeSpan> Percentiles);

/// <summary>Open user tasks of one office, and how many of them are past their due date.</summary>
public sealed record TaskCount(string OfficeCode, int Open, int Overdue);
