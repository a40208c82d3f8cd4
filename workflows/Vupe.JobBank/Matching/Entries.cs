using Vupe.JobBank.Classification;

namespace Vupe.JobBank.Matching;

/// <summary>
/// Where a profile is, as numbers: the scorer compares a seeker with 100,000 vacancies (or a vacancy with a million
/// seekers), so the department, province and the Lima–Callao labour market are worked out once, not per comparison.
/// </summary>
internal readonly record struct Place(int Department, int Province, bool MetropolitanLima)
{
    public static Place Of(string ubigeo)
    {
        var department = ubigeo.Length >= 2 && int.TryParse(ubigeo.AsSpan(0, 2), out var d) ? d : -1;
        // A seeker who gave only their department counts as living anywhere in it (province -1 matches by department).
        var province = ubigeo.Length >= 4 && int.TryParse(ubigeo.AsSpan(0, 4), out var p) ? p : -1;
        return new Place(department, province, department == 7 || province == 1501);
    }
}

/// <summary>A seeker in the index: the profile with skills and certifications as term ids and its place as numbers.</summary>
internal sealed class SeekerEntry(SeekerProfile profile, int[] certifications, int[] skills)
{
    public Guid Id => Profile.PartyId;
    public SeekerProfile Profile { get; } = profile;
    public int[] Certifications { get; } = certifications;
    public int[] Skills { get; } = skills;
    public Place Place { get; } = Place.Of(profile.Ubigeo);
    // Copied out of the profile: the scorer reads them for every seeker of a bucket, one object fewer to reach.
    public int EducationRank { get; } = profile.EducationRank;
    public int ExperienceMonths { get; } = profile.ExperienceMonths;
    public Mobility Mobility { get; } = profile.Mobility;
    /// <summary>The minor group (first three digits) of each occupation sought, in the same order.</summary>
    public string[] Groups { get; } = [.. profile.Occupations.Select(Occupation.MinorGroupOf)];
}

/// <summary>A vacancy in the index: the profile with skills and certifications as term ids and its place as numbers.</summary>
internal sealed class VacancyEntry(VacancyProfile profile, int[] certifications, int[] skills)
{
    public Guid Id => Profile.VacancyId;
    public VacancyProfile Profile { get; } = profile;
    public int[] Certifications { get; } = certifications;
    public int[] Skills { get; } = skills;
    public Place Place { get; } = Place.Of(profile.Ubigeo);
    public string Group { get; } = Occupation.MinorGroupOf(profile.OccupationCode);
}
