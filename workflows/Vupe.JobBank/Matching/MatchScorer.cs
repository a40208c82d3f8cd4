using Vupe.JobBank.Classification;

namespace Vupe.JobBank.Matching;

/// <summary>
/// The one scoring rule of the job bank, used by the index's ranking and by every explanation, so what is ranked
/// is what is explained. Out of 100: occupation 30 (a related occupation, same minor group, 15), education 20,
/// experience 20 (in proportion to the months asked), certifications 10, skills 10 (in proportion), location 10
/// (same province 10, department 8, a bordering department 6, elsewhere 4; remote work 10).
/// Hard requirements exclude a match instead of lowering it: an unrelated occupation, less education than asked,
/// a missing certification, or a place outside where the seeker is willing to work.
/// </summary>
internal static class MatchScorer
{
    public const int Ineligible = -1;

    /// <summary>
    /// The most a pair can score with an exact (30) or related (15) occupation and at most <paramref name="locationBound"/>
    /// location points: education 20, certifications 10, experience 20 and skills 10 are all at best full.
    /// </summary>
    public static int Maximum(bool exactOccupation, int locationBound) => (exactOccupation ? 30 : 15) + 20 + 10 + locationBound + 20 + 10;

    /// <summary>The score, or <see cref="Ineligible"/>; with <paramref name="reasons"/>, every criterion in words.</summary>
    public static int Evaluate(SeekerEntry seeker, VacancyEntry vacancy, List<MatchReason>? reasons = null, MatchTexts? texts = null)
    {
        var s = seeker.Profile;
        var v = vacancy.Profile;
        var eligible = true;
        var score = 0;

        // Cheap integer checks first: most non-matches end here without touching a string.
        var educationMet = seeker.EducationRank >= v.MinEducationRank;
        var location = LocationPoints(seeker, vacancy);
        if (reasons is null && (!educationMet || location < 0)) return Ineligible;

        // Occupation: exact, related (same minor group), or not a match at all.
        var relation = OccupationRelation(seeker, vacancy);
        if (relation == 0) eligible = false;
        var occupationPoints = relation == 2 ? 30 : relation == 1 ? 15 : 0;
        score += occupationPoints;
        reasons?.Add(new("ocupacion", relation > 0, texts!.Occupation(relation, s.Occupations, v.OccupationCode), occupationPoints, 30));
        if (!eligible && reasons is null) return Ineligible;

        if (!educationMet) eligible = false;
        score += educationMet ? 20 : 0;
        reasons?.Add(new("educacion", educationMet, educationMet
            ? $"Educación: {EducationLevels.NameOf(s.EducationRank)} (pide {EducationLevels.NameOf(v.MinEducationRank)} como mínimo)"
            : $"Educación insuficiente: pide {EducationLevels.NameOf(v.MinEducationRank)}, tiene {EducationLevels.NameOf(s.EducationRank)}", educationMet ? 20 : 0, 20));
        if (!eligible && reasons is null) return Ineligible;

        var missingCertifications = Missing(vacancy.Certifications, seeker.Certifications);
        if (missingCertifications > 0) eligible = false;
        score += missingCertifications == 0 ? 10 : 0;
        reasons?.Add(new("certificaciones", missingCertifications == 0, texts!.Certifications(vacancy.Certifications, seeker.Certifications), missingCertifications == 0 ? 10 : 0, 10));
        if (!eligible && reasons is null) return Ineligible;

        if (location < 0) eligible = false;
        score += Math.Max(location, 0);
        reasons?.Add(new("ubicacion", location >= 0, MatchTexts.Location(s, v, location), Math.Max(location, 0), 10));
        if (!eligible && reasons is null) return Ineligible;

        var experiencePoints = v.MinExperienceMonths <= 0 || seeker.ExperienceMonths >= v.MinExperienceMonths
            ? 20
            : 20 * seeker.ExperienceMonths / v.MinExperienceMonths;
        score += experiencePoints;
        reasons?.Add(new("experiencia", experiencePoints == 20, v.MinExperienceMonths <= 0
            ? "Experiencia: la vacante no pide experiencia"
            : $"Experiencia: {s.ExperienceMonths} de {v.MinExperienceMonths} meses pedidos", experiencePoints, 20));

        var wanted = vacancy.Skills.Length;
        var matched = wanted - Missing(vacancy.Skills, seeker.Skills);
        var skillPoints = wanted == 0 ? 10 : 10 * matched / wanted;
        score += skillPoints;
        reasons?.Add(new("habilidades", matched == wanted, texts?.Skills(vacancy.Skills, seeker.Skills) ?? "", skillPoints, 10));

        return eligible ? score : Ineligible;
    }

    /// <summary>2 when the seeker seeks the vacancy's occupation, 1 for a related one, 0 for none.</summary>
    private static int OccupationRelation(SeekerEntry seeker, VacancyEntry vacancy)
    {
        var best = 0;
        var sought = seeker.Profile.Occupations;
        for (var i = 0; i < sought.Count; i++)
        {
            if (string.Equals(sought[i], vacancy.Profile.OccupationCode, StringComparison.Ordinal)) return 2;
            if (string.Equals(seeker.Groups[i], vacancy.Group, StringComparison.Ordinal)) best = 1;
        }
        return best;
    }

    /// <summary>How many of <paramref name="required"/> (sorted ids) are not in <paramref name="held"/> (sorted ids).</summary>
    internal static int Missing(int[] required, int[] held)
    {
        int missing = 0, j = 0;
        foreach (var id in required)
        {
            while (j < held.Length && held[j] < id) j++;
            if (j == held.Length || held[j] != id) missing++;
        }
        return missing;
    }

    /// <summary>Location points, or -1 when the vacancy lies outside where the seeker will work.</summary>
    internal static int LocationPoints(SeekerEntry seeker, VacancyEntry vacancy)
    {
        if (vacancy.Profile.Remote) return 10;
        var (s, v) = (seeker.Place, vacancy.Place);
        // Lima Metropolitana (province 1501) and Callao (07) are one labour market.
        var metropolitan = s.MetropolitanLima && v.MetropolitanLima;
        var sameDepartment = s.Department == v.Department;
        var sameProvince = metropolitan || (s.Province < 0 || v.Province < 0 ? sameDepartment : s.Province == v.Province);
        return seeker.Mobility switch
        {
            Mobility.Provincia when !sameProvince => -1,
            Mobility.Region when !sameDepartment && !metropolitan => -1,
            _ => sameProvince ? 10 : sameDepartment ? 8 : Regions.AreNeighbours(s.Department, v.Department) ? 6 : 4,
        };
    }
}
