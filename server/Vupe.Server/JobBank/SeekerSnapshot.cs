using Vupe.JobBank.Classification;
using Vupe.Server.Offices;
using Vupe.Server.Parties;

namespace Vupe.Server.JobBank;

/// <summary>
/// What the matching takes from the ficha única: highest education completed, months of work experience, skills,
/// where the person lives, and whether the latest intermediacion-laboral consent lets the job bank share the profile.
/// </summary>
internal static class SeekerSnapshot
{
    public const string ConsentPurpose = "intermediacion-laboral";

    public static void Refresh(JobSeeker seeker, Party party, DateOnly today)
    {
        var person = party.Person ?? throw new InvalidOperationException($"Party {party.Id} is not a person.");
        seeker.DisplayName = party.DisplayName;
        seeker.EducationRank = EducationRank(person);
        seeker.ExperienceMonths = ExperienceMonths(person, today);
        seeker.Skills = [.. person.Skills];
        seeker.Ubigeo = Regions.IsValidUbigeo(person.Ubigeo) ? person.Ubigeo! : OfficeDepartment(party.RegisteredAtOffice);
        seeker.SharesProfile = SharesProfile(party);
    }

    /// <summary>The purpose of the general consent: its withdrawal stops every sharing beyond the office's legal duties, the job bank's too.</summary>
    public const string GeneralPurpose = "tratamiento-datos";

    /// <summary>
    /// The latest intermediacion-laboral consent is a grant (no record means no consent) and the general consent to process
    /// the data is not withdrawn (no record there is the ficha's registration, which needed it).
    /// </summary>
    public static bool SharesProfile(Party party) => SharesProfile(party.Consents);

    public static bool SharesProfile(IEnumerable<ConsentRecord> consents)
    {
        var latest = consents.GroupBy(c => c.Purpose, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.OrderBy(c => c.RecordedAt).Last().Granted, StringComparer.Ordinal);
        return latest.GetValueOrDefault(ConsentPurpose) && latest.GetValueOrDefault(GeneralPurpose, true);
    }

    private static int EducationRank(PersonProfile person)
    {
        var best = 0;
        foreach (var entry in person.Education)
        {
            var rank = EducationLevels.Rank(entry.Level);
            // A level begun but not finished counts as the one below it.
            var reached = entry.Completed ? rank : rank - 1;
            best = Math.Max(best, reached);
        }
        return best;
    }

    private static int ExperienceMonths(PersonProfile person, DateOnly today)
    {
        var months = 0;
        foreach (var job in person.WorkExperience)
        {
            if (job.From is not { } from) continue;
            var to = job.To ?? today;
            if (to > today) to = today;
            months += Math.Max(0, (to.Year - from.Year) * 12 + to.Month - from.Month);
        }
        return months;
    }

    /// <summary>Where a seeker whose ficha has no valid ubigeo is taken to live: the department of the office that registered them.</summary>
    internal static string OfficeDepartment(string officeCode) => OfficeCatalog.Find(officeCode)?.UbigeoDepartment ?? "15";
}
