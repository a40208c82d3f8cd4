using Vupe.JobBank.Classification;
using Vupe.JobBank.Matching;
using Vupe.Server.JobBank;

namespace Vupe.Bench.Matching;

/// <summary>
/// The bench's national population, the same for the same seed (the query step regenerates it to rank
/// exhaustively): at least 500 occupations in 4-digit codes grouped by minor group, drawn with a Zipf skew so the
/// largest has well over 50,000 seekers; seekers and vacancies spread over the 25 departments.
/// </summary>
internal sealed class Population
{
    private static readonly string[] SkillWords =
    [
        "atención al cliente", "excel", "manejo de caja", "ventas", "inventarios", "cocina", "soldadura", "electricidad", "carpintería", "conducción",
        "inglés", "quechua", "programación", "redes", "contabilidad", "primeros auxilios", "limpieza", "seguridad", "logística", "almacén",
        "marketing digital", "redacción", "atención telefónica", "costura", "panadería", "albañilería", "gasfitería", "pintura", "mecánica", "agricultura",
    ];

    private static readonly string[] Certificates = ["manipulación de alimentos", "licencia A-IIb", "trabajo en altura", "soldador 3G", "operador de montacargas"];

    public Population(int seed, int occupationCount, int vacancies, int seekers)
    {
        var random = new Random(seed);
        Occupations = MakeOccupations(occupationCount);
        // Zipf by a shuffled rank, so the big occupations fall in different minor groups, as in the real classification.
        var ranks = Enumerable.Range(1, Occupations.Length).OrderBy(_ => random.Next()).ToArray();
        var weights = ranks.Select(rank => 1.0 / rank).ToArray();
        var cumulative = new double[weights.Length];
        var total = 0.0;
        for (var i = 0; i < weights.Length; i++) cumulative[i] = total += weights[i];
        string Occupation()
        {
            var x = random.NextDouble() * total;
            var i = Array.BinarySearch(cumulative, x);
            return Occupations[i < 0 ? ~i : i];
        }
        string Ubigeo() => $"{random.Next(1, 26):00}{random.Next(1, 8):00}{random.Next(1, 10):00}";
        List<string> Pick(string[] words, int max) => [.. Enumerable.Range(0, random.Next(0, max + 1)).Select(_ => words[random.Next(words.Length)]).Distinct()];
        Guid NewId()
        {
            Span<byte> bytes = stackalloc byte[16];
            random.NextBytes(bytes);
            return new Guid(bytes);
        }
        var closing = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(60);

        Vacancies = new VacancyProfile[vacancies];
        for (var i = 0; i < vacancies; i++)
            Vacancies[i] = new VacancyProfile(NewId(), Occupation(), Ubigeo(), random.Next(0, 5), random.Next(0, 5) * 12, random.Next(10) == 0 ? [Certificates[random.Next(Certificates.Length)]] : [],
                Pick(SkillWords, 4), random.Next(20) == 0, closing);
        Seekers = new SeekerProfile[seekers];
        for (var i = 0; i < seekers; i++)
        {
            var first = Occupation();
            // Most seekers want one occupation; some a second one, often of the same minor group.
            List<string> sought = random.Next(3) == 0 ? [first, random.Next(2) == 0 ? Sibling(first, random) : Occupation()] : [first];
            Seekers[i] = new SeekerProfile(NewId(), [.. sought.Distinct()], random.Next(1, 6), random.Next(0, 121), Ubigeo(), (Mobility)random.Next(3),
                random.Next(8) == 0 ? [Certificates[random.Next(Certificates.Length)]] : [], Pick(SkillWords, 6));
        }
    }

    public string[] Occupations { get; }
    public VacancyProfile[] Vacancies { get; }
    public SeekerProfile[] Seekers { get; }

    /// <summary>Four-digit codes, about six per minor group: 520 occupations make ~87 groups.</summary>
    private static string[] MakeOccupations(int count) =>
        [.. Enumerable.Range(0, count).Select(i => $"{1 + i / 6 * 7 % 9}{i / 6 % 100:00}{i % 6 + 1}")
            .Distinct().Take(count)];

    private string Sibling(string code, Random random)
    {
        var group = code[..3];
        var siblings = Occupations.Where(o => o.StartsWith(group, StringComparison.Ordinal)).ToArray();
        return siblings[random.Next(siblings.Length)];
    }

    public static Vacancy ToEntity(VacancyProfile v, Guid company, DateTimeOffset now) => new()
    {
        Id = v.VacancyId, CompanyPartyId = company, CompanyName = "Empresa de prueba SAC", OfficeCode = "LIM", Title = $"Vacante {v.OccupationCode}",
        Description = "Vacante generada para la medición", OccupationCode = v.OccupationCode, Ubigeo = v.Ubigeo, RegionCode = v.Ubigeo[..2], Remote = v.Remote,
        MinEducation = EducationLevels.All[v.MinEducationRank].Code, MinExperienceMonths = v.MinExperienceMonths, Certifications = [.. v.RequiredCertifications],
        Skills = [.. v.Skills], SalaryMin = 1200, SalaryMax = 2500, Positions = 1000, ClosingDate = v.ClosingDate, Status = VacancyStatus.Open,
        SearchText = $"vacante {v.OccupationCode} {string.Join(' ', v.Skills)}", CreatedAt = now, CreatedBy = "bench", UpdatedAt = now,
    };

    public static JobSeeker ToEntity(SeekerProfile s, DateTimeOffset now) => new()
    {
        PartyId = s.PartyId, DisplayName = "Buscador de prueba", Occupations = [.. s.Occupations], Mobility = s.Mobility, Certifications = [.. s.Certifications],
        Active = true, SharesProfile = true, EducationRank = s.EducationRank, ExperienceMonths = s.ExperienceMonths, Skills = [.. s.Skills], Ubigeo = s.Ubigeo,
        OfficeCode = "LIM", UpdatedAt = now, UpdatedBy = "bench",
    };
}
