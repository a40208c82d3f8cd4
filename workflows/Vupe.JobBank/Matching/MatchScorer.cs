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

    /// <summary>The score, or <see cref="Ineligible"/>; with <paramref name="reasons"/>, every criterion in words.</summary>
    public static int Evaluate(SeekerEntry seeker, VacancyEntry vacancy, List<MatchReason>? reasons = null, MatchTexts? texts = null)
    {
        var s = seeker.Profile;
        var v = vacancy.Profile;
        var eligible = true;
        var score = 0;

        // Occupation: exact, related (same minor group), or not a match at all.
        var relation = OccupationRelation(s.Occupations, v.OccupationCode);
        if (relation == 0) eligible = false;
        var occupationPoints = relation == 2 ? 30 : relation == 1 ? 15 : 0;
        score += occupationPoints;
        reasons?.Add(new("ocupacion", relation > 0, texts!.Occupation(relation, s.Occupations, v.OccupationCode), occupationPoints, 30));
        if (!eligible && reasons is null) return Ineligible;

        var educationMet = s.EducationRank >= v.MinEducationRank;
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

        var location = LocationPoints(s, v);
        if (location < 0) eligible = false;
        score += Math.Max(location, 0);
        reasons?.Add(new("ubicacion", location >= 0, MatchTexts.Location(s, v, location), Math.Max(location, 0), 10));
        if (!eligible && reasons is null) return Ineligible;

        var experiencePoints = v.MinExperienceMonths <= 0 || s.ExperienceMonths >= v.MinExperienceMonths
            ? 20
            : 20 * s.ExperienceMonths / v.MinExperienceMonths;
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
    private static int OccupationRelation(IReadOnlyList<string> sought, string occupation)
    {
        var best = 0;
        var group = Occupation.MinorGroupOf(occupation);
        foreach (var code in sought)
        {
            if (string.Equals(code, occupation, StringComparison.Ordinal)) return 2;
            if (string.Equals(Occupation.MinorGroupOf(code), group, StringComparison.Ordinal)) best = 1;
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
    internal static int LocationPoints(SeekerProfile s, VacancyProfile v)
    {
        if (v.Remote) return 10;
        var sameDepartment = string.Equals(Regions.DepartmentOf(s.Ubigeo), Regions.DepartmentOf(v.Ubigeo), StringComparison.Ordinal);
        var sameProvince = SameProvince(s.Ubigeo, v.Ubigeo, sameDepartment);
        return s.Mobility switch
        {
            Mobility.Provincia when !sameProvince => -1,
            Mobility.Region when !sameDepartment && !MetropolitanLima(s.Ubigeo, v.Ubigeo) => -1,
            _ => sameProvince ? 10 : sameDepartment ? 8 : Regions.AreNeighbours(Regions.DepartmentOf(s.Ubigeo), Regions.DepartmentOf(v.Ubigeo)) ? 6 : 4,
        };
    }

    private static bool SameProvince(string a, string b, bool sameDepartment)
    {
        if (MetropolitanLima(a, b)) return true;
        // A seeker who gave only their department counts as living anywhere in it.
        if (a.Length < 4 || b.Length < 4) return sameDepartment;
        return a.AsSpan(0, 4).SequenceEqual(b.AsSpan(0, 4));
    }

    /// <summary>Lima Metropolitana (province 1501) and Callao (07) are one labour market.</summary>
    private static bool MetropolitanLima(string a, string b)
    {
        static bool Metro(string u) => u.StartsWith("07", StringComparison.Ordinal) || u.StartsWith("1501", StringComparison.Ordinal);
        return Metro(a) && Metro(b);
    }
}
