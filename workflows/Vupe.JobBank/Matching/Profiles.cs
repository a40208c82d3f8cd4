namespace Vupe.JobBank.Matching;

/// <summary>How far a seeker will go for a job: their province, their department, or anywhere in Peru.</summary>
public enum Mobility { Provincia, Region, Nacional }

/// <summary>
/// A job seeker as the matching sees them, built from the ficha única (education, experience, skills, where they
/// live) and their job-bank profile (occupations sought, mobility, certifications).
/// </summary>
/// <param name="Occupations">Occupation codes sought, most wanted first (at least one).</param>
/// <param name="EducationRank">Highest completed level (<see cref="Classification.EducationLevels.Rank"/>).</param>
/// <param name="Ubigeo">Where they live: 2, 4 or 6 digits.</param>
public sealed record SeekerProfile(
    Guid PartyId,
    IReadOnlyList<string> Occupations,
    int EducationRank,
    int ExperienceMonths,
    string Ubigeo,
    Mobility Mobility,
    IReadOnlyList<string> Certifications,
    IReadOnlyList<string> Skills);

/// <summary>An open vacancy as the matching sees it: what it asks for and where.</summary>
/// <param name="MinEducationRank">Minimum education (<see cref="Classification.EducationLevels.Rank"/>); 0 when it asks for none.</param>
/// <param name="RequiredCertifications">Certifications a candidate must hold (a hard requirement).</param>
/// <param name="Skills">Skills wanted (a soft requirement: each one matched adds to the score).</param>
/// <param name="Remote">Work from anywhere: location neither excludes nor ranks.</param>
/// <param name="ClosingDate">Last day to apply; the vacancy is not offered after it.</param>
public sealed record VacancyProfile(
    Guid VacancyId,
    string OccupationCode,
    string Ubigeo,
    int MinEducationRank,
    int MinExperienceMonths,
    IReadOnlyList<string> RequiredCertifications,
    IReadOnlyList<string> Skills,
    bool Remote,
    DateOnly ClosingDate);

/// <summary>One criterion of a match: met or not, in words a consultant and a citizen understand, and its points.</summary>
/// <param name="Criterion">ocupacion, educacion, experiencia, certificaciones, habilidades or ubicacion.</param>
public sealed record MatchReason(string Criterion, bool Met, string Text, int Points, int MaxPoints);

/// <summary>A ranked match: the other side's id, the score out of 100, and why.</summary>
public sealed record RankedMatch(Guid Id, int Score);

/// <summary>A match explained: eligible (offered) or not, with every criterion's reason.</summary>
public sealed record MatchExplanation(bool Eligible, int Score, IReadOnlyList<MatchReason> Reasons);
