namespace Vupe.JobBank.Matching;

/// <summary>A seeker in the index: the profile with skills and certifications as term ids.</summary>
internal sealed class SeekerEntry(SeekerProfile profile, int[] certifications, int[] skills)
{
    public Guid Id => Profile.PartyId;
    public SeekerProfile Profile { get; } = profile;
    public int[] Certifications { get; } = certifications;
    public int[] Skills { get; } = skills;
}

/// <summary>A vacancy in the index: the profile with skills and certifications as term ids.</summary>
internal sealed class VacancyEntry(VacancyProfile profile, int[] certifications, int[] skills)
{
    public Guid Id => Profile.VacancyId;
    public VacancyProfile Profile { get; } = profile;
    public int[] Certifications { get; } = certifications;
    public int[] Skills { get; } = skills;
}
