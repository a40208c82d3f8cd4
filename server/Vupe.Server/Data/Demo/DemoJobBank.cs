using Bogus;
using Vupe.JobBank.Classification;
using Vupe.JobBank.Matching;
using Vupe.Server.JobBank;
using Vupe.Server.Parties;

namespace Vupe.Server.Data.Demo;

/// <summary>
/// The demo's job bank: companies of every region (valid RUCs), open vacancies spread over the country with the
/// occupations the VUPE sees most, vacancies filled in past months with their placements, and the demo citizens as
/// seekers — most with the intermediacion-laboral consent — some already referred, hired or not selected. So a newcomer
/// sees matches across regions, candidates with reasons and placement figures. Deterministic for a seed.
/// </summary>
internal sealed class DemoJobBank(VupeDbContext db, OccupationCatalog occupations, int seed)
{
    // The occupations the demo's vacancies and seekers use most (the classification keeps all of them).
    private static readonly string[] Common =
    [
        "5120", "5131", "5223", "5230", "4110", "4226", "4321", "4311", "9333", "9321", "9112", "8322", "8332", "8344", "7112", "7411",
        "7212", "7231", "7512", "7533", "6111", "9211", "5414", "3322", "2512", "2411", "3513", "5321", "2221", "3221",
    ];

    private static readonly string[] Skills =
    [
        "Atención al cliente", "Excel", "Manejo de caja", "Ventas", "Inventarios", "Trabajo en equipo", "Licencia de conducir", "Soldadura",
        "Instalaciones eléctricas", "Quechua", "Inglés básico", "Computación", "Contabilidad", "Primeros auxilios", "Cocina", "Panadería",
    ];

    private static readonly string[] Certifications = ["Manipulación de alimentos", "Trabajo en altura", "Licencia A-IIb", "Operador de montacargas"];

    public async Task SeedAsync(IReadOnlyList<Party> citizens, DateTimeOffset now, CancellationToken ct)
    {
        Randomizer.Seed = new Random(seed);
        var faker = new Faker("es");
        var random = new Random(seed);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        string Region() => random.Next(10) < 4 ? "15" : Regions.All[random.Next(Regions.All.Count)].Code;
        string Ubigeo(string region) => $"{region}{random.Next(1, 4):00}{random.Next(1, 6):00}";
        string Occupation() => random.Next(10) < 8 ? Common[random.Next(Common.Length)] : occupations.All[random.Next(occupations.All.Count)].Code;

        var companies = new List<Party>();
        var rucs = db.Parties.Local.Select(p => p.DocumentNumber).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < 40; i++)
        {
            string ruc;
            do
            {
                ruc = $"20{random.Next(10_000_000, 99_999_999)}";
                ruc += DocumentNumbers.RucCheckDigit(ruc);
            }
            while (!rucs.Add(ruc));
            var name = $"{faker.Company.CompanyName(0)} {(i % 3 == 0 ? "SAC" : i % 3 == 1 ? "EIRL" : "SA")}";
            var region = Region();
            companies.Add(new Party
            {
                Kind = PartyKind.Company, DocumentType = DocumentType.Ruc, DocumentNumber = ruc, DisplayName = name, SearchName = TextFolding.Fold(name),
                RegisteredAtOffice = "LIM", CreatedAt = now, UpdatedAt = now, CreatedBy = "demo",
                Company = new CompanyProfile { LegalName = name, Sector = faker.Commerce.Department(), Employees = random.Next(5, 500), Ubigeo = Ubigeo(region) },
            });
        }
        db.Parties.AddRange(companies);

        var open = new List<Vacancy>();
        var filled = new List<Vacancy>();
        for (var i = 0; i < 360; i++)
        {
            var company = companies[random.Next(companies.Count)];
            var past = i >= 300;
            var vacancy = NewVacancy(company, Occupation(), Ubigeo(Region()), random, now, past ? today.AddDays(-random.Next(5, 120)) : today.AddDays(random.Next(7, 60)));
            if (past)
            {
                vacancy.Status = VacancyStatus.Filled;
                vacancy.PositionsFilled = vacancy.Positions;
                filled.Add(vacancy);
            }
            else open.Add(vacancy);
        }
        db.Vacancies.AddRange(open);
        db.Vacancies.AddRange(filled);

        var seekers = new List<JobSeeker>();
        foreach (var (citizen, index) in citizens.Select((c, i) => (c, i)))
        {
            var person = citizen.Person!;
            person.Ubigeo ??= Ubigeo(SeekerSnapshot.OfficeDepartment(citizen.RegisteredAtOffice));
            person.Skills = [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => Skills[random.Next(Skills.Length)]).Distinct()];
            var since = today.AddMonths(-random.Next(6, 96));
            person.WorkExperience = [new WorkExperienceEntry { Employer = faker.Company.CompanyName(0), Position = faker.Name.JobTitle(), From = since, To = today.AddMonths(-random.Next(1, 5)), Certified = random.Next(2) == 0 }];
            // The owned JSON document is replaced wholesale; tell EF so it writes it.
            if (db.Entry(citizen).State != Microsoft.EntityFrameworkCore.EntityState.Added)
                db.Entry(citizen).Reference(p => p.Person).TargetEntry!.State = Microsoft.EntityFrameworkCore.EntityState.Modified;
            if (index % 7 != 6)
            {
                var consent = new ConsentRecord
                {
                    PartyId = citizen.Id, Purpose = SeekerSnapshot.ConsentPurpose, Granted = true, Channel = "escrito", TextVersion = "bolsa-v1",
                    RecordedAt = now, RecordedBy = "demo", OfficeCode = citizen.RegisteredAtOffice,
                };
                db.Consents.Add(consent);
                if (!citizen.Consents.Contains(consent)) citizen.Consents.Add(consent);
            }
            var seeker = new JobSeeker
            {
                PartyId = citizen.Id, DisplayName = citizen.DisplayName, Occupations = [Occupation()], Mobility = (Mobility)random.Next(3),
                Certifications = random.Next(5) == 0 ? [Certifications[random.Next(Certifications.Length)]] : [], Active = true, Ubigeo = "",
                OfficeCode = citizen.RegisteredAtOffice, UpdatedAt = now, UpdatedBy = "demo", Version = 1,
            };
            SeekerSnapshot.Refresh(seeker, citizen, today);
            seekers.Add(seeker);
        }
        db.JobSeekers.AddRange(seekers);

        // Past placements: each filled vacancy hired someone (the demo's seekers or people outside the demo's fichas are
        // not needed: the figures count placements); a few open vacancies have referrals waiting for an answer.
        foreach (var vacancy in filled)
        {
            var seeker = seekers[random.Next(seekers.Count)];
            var referral = NewReferral(vacancy, seeker, ReferralStatus.Hired, now.AddDays(-random.Next(20, 150)));
            db.JobReferrals.Add(referral);
            db.Placements.Add(new Placement
            {
                ReferralId = referral.Id, VacancyId = vacancy.Id, SeekerPartyId = seeker.PartyId, CompanyPartyId = vacancy.CompanyPartyId,
                OfficeCode = seeker.OfficeCode, RegionCode = vacancy.RegionCode, OccupationCode = vacancy.OccupationCode,
                StartDate = DateOnly.FromDateTime(referral.ReferredAt.UtcDateTime).AddDays(random.Next(5, 20)), RecordedAt = referral.ReferredAt.AddDays(10), RecordedBy = "demo",
            });
        }
        foreach (var seeker in seekers.Where(s => s.SharesProfile).Take(8))
        {
            var vacancy = open.FirstOrDefault(v => v.OccupationCode == seeker.Occupations[0]) ?? open[random.Next(open.Count)];
            if (db.JobReferrals.Local.Any(r => r.VacancyId == vacancy.Id && r.SeekerPartyId == seeker.PartyId)) continue;
            db.JobReferrals.Add(NewReferral(vacancy, seeker, random.Next(3) == 0 ? ReferralStatus.Interview : ReferralStatus.Referred, now.AddDays(-random.Next(1, 10))));
        }
        await db.SaveChangesAsync(ct);
    }

    private Vacancy NewVacancy(Party company, string occupation, string ubigeo, Random random, DateTimeOffset now, DateOnly closing)
    {
        var name = occupations.NameOf(occupation);
        var title = name.Length > 60 ? name[..60] : name;
        var skills = Enumerable.Range(0, random.Next(0, 3)).Select(_ => Skills[random.Next(Skills.Length)]).Distinct().ToList();
        var salary = 1130 + 50 * random.Next(0, 40);
        var vacancy = new Vacancy
        {
            CompanyPartyId = company.Id, CompanyName = company.DisplayName, OfficeCode = "LIM", Title = title, Description = $"{title} para {company.DisplayName}.",
            OccupationCode = occupation, Ubigeo = ubigeo, RegionCode = ubigeo[..2], Remote = occupation.StartsWith("25", StringComparison.Ordinal) && random.Next(3) == 0,
            MinEducation = EducationLevels.All[random.Next(1, 5)].Code, MinExperienceMonths = 6 * random.Next(0, 5), Skills = skills,
            Certifications = random.Next(8) == 0 ? [Certifications[random.Next(Certifications.Length)]] : [],
            SalaryMin = salary, SalaryMax = salary + 300, Positions = random.Next(1, 6), ClosingDate = closing, Status = VacancyStatus.Open,
            SearchText = "", CreatedAt = now.AddDays(-random.Next(1, 30)), CreatedBy = "demo", UpdatedAt = now, Version = 1,
        };
        vacancy.SearchText = TextFolding.Fold(string.Join(' ', [vacancy.Title, vacancy.Description, vacancy.CompanyName, name, .. skills]));
        return vacancy;
    }

    private static JobReferral NewReferral(Vacancy vacancy, JobSeeker seeker, ReferralStatus status, DateTimeOffset at) => new()
    {
        VacancyId = vacancy.Id, SeekerPartyId = seeker.PartyId, OfficeCode = seeker.OfficeCode, Score = 0, Explanation = "[]", Status = status,
        ReferredAt = at, ReferredBy = "demo", AnsweredAt = status is ReferralStatus.Hired ? at.AddDays(7) : null, AnsweredBy = status is ReferralStatus.Hired ? "demo" : null, Version = 1,
    };
}
