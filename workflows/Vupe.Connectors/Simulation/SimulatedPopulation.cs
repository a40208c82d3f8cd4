using System.Globalization;

namespace Vupe.Connectors.Simulation;

/// <summary>
/// The citizens the simulated back offices know: the hand-written <see cref="SimulatedDnis"/>, and for any
/// other DNI a plausible citizen generated from the DNI itself, so the same DNI always gets the same answer
/// (on every machine and run) and tests can rely on it. Generated citizens never have records: a demo that
/// types a random DNI should not see an invented conviction.
/// </summary>
public static class SimulatedPopulation
{
    /// <summary>Generated histories end here rather than "today", so a DNI's answer never changes with the clock.</summary>
    public static DateOnly ReferenceDate { get; } = new(2025, 12, 31);

    public static SimulatedCitizen Find(string dni)
    {
        ArgumentNullException.ThrowIfNull(dni);
        if (dni.Length != 8 || !dni.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"A DNI is exactly 8 digits; got '{dni}'.", nameof(dni));
        }
        return WellKnown.TryGetValue(dni, out var citizen) ? citizen : Generate(dni);
    }

    /// <summary>
    /// The generated citizens of consecutive DNIs from <paramref name="firstDni"/> on (the hand-written ones skipped),
    /// so demo data and tests can pick people RENIEC knows — "the first woman born in 1995 from 40000000" — and
    /// register them with exactly the names and birth date the simulator answers.
    /// </summary>
    public static IEnumerable<SimulatedCitizen> From(int firstDni)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstDni);
        for (var number = firstDni; number <= 99_999_999; number++)
        {
            var dni = number.ToString("D8", CultureInfo.InvariantCulture);
            if (!WellKnown.ContainsKey(dni)) yield return Generate(dni);
        }
    }

    private static readonly Dictionary<string, SimulatedCitizen> WellKnown = new SimulatedCitizen[]
    {
        new(SimulatedDnis.CleanRecords,
            new CitizenIdentity(SimulatedDnis.CleanRecords, "María José", "Quispe", "Ñuñez", new DateOnly(1994, 3, 15),
                "Jr. Áncash 1245, Cercado de Lima, Lima, Lima"),
            [], [], [],
            [
                new(EducationLevel.Secondary, "I.E. N.° 1182 José Olaya", "Secundaria completa", 2011),
                new(EducationLevel.Bachelor, "Universidad Nacional Mayor de San Marcos", "Bachiller en Administración", 2017),
            ],
            [
                new("Distribuidora El Pacífico S.A.C.", Ruc.WithCheckDigit("2051234567"), new DateOnly(2017, 4, 1), new DateOnly(2020, 2, 29)),
                new("Servicios Contables Amauta E.I.R.L.", Ruc.WithCheckDigit("2060111222"), new DateOnly(2020, 6, 1), null),
            ]),
        new(SimulatedDnis.PoliceRecord,
            new CitizenIdentity(SimulatedDnis.PoliceRecord, "Juan Carlos", "Huamán", "Ñahui", new DateOnly(1988, 11, 2),
                "Av. Próceres de la Independencia 3320, San Juan de Lurigancho, Lima, Lima"),
            [new(new DateOnly(2019, 8, 14), "Comisaría PNP Zárate", "Denuncia por lesiones leves", "Vigente")],
            [], [],
            [new(EducationLevel.Secondary, "I.E. Emblemática Mariscal Cáceres", "Secundaria completa", 2005)],
            [new("Transportes Ñaña S.R.L.", Ruc.WithCheckDigit("2048877665"), new DateOnly(2010, 1, 15), new DateOnly(2018, 12, 31))]),
        new(SimulatedDnis.JudicialRecord,
            new CitizenIdentity(SimulatedDnis.JudicialRecord, "Rocío del Pilar", "Vásquez", "Cárdenas", new DateOnly(1985, 7, 21),
                "Calle Mercaderes 118, Cercado, Arequipa, Arequipa"),
            [],
            [new(new DateOnly(2017, 5, 9), "3.er Juzgado Penal Unipersonal de Arequipa",
                "Sentencia por conducción en estado de ebriedad; pena privativa suspendida de un año", "Vigente")],
            [],
            [
                new(EducationLevel.Secondary, "I.E. Nuestra Señora de la Asunción", "Secundaria completa", 2002),
                new(EducationLevel.Bachelor, "Universidad Nacional de San Agustín de Arequipa", "Bachiller en Contabilidad", 2008),
                new(EducationLevel.ProfessionalTitle, "Universidad Nacional de San Agustín de Arequipa", "Contadora Pública", 2010),
            ],
            [new("Agroexportadora Valle del Colca S.A.", Ruc.WithCheckDigit("2045566778"), new DateOnly(2010, 3, 1), null)]),
        new(SimulatedDnis.PenalRecord,
            new CitizenIdentity(SimulatedDnis.PenalRecord, "José Antonio", "Pérez", "Mamani", new DateOnly(1979, 1, 30),
                "Psje. Santa Rosa 45, El Tambo, Huancayo, Junín"),
            [],
            [new(new DateOnly(2009, 10, 5), "Sala Penal Liquidadora de Huancayo", "Sentencia por robo agravado; cinco años de pena privativa de libertad", "Vigente")],
            [new(new DateOnly(2009, 10, 12), "Establecimiento Penitenciario de Huancayo", "Internamiento por robo agravado; egresó el 2014-10-11 por cumplimiento de condena", "Vigente")],
            [new(EducationLevel.Primary, "I.E. N.° 30001 Santa Isabel", "Primaria completa", 1991)],
            [new("Constructora Los Andes S.A.C.", Ruc.WithCheckDigit("2039988776"), new DateOnly(2016, 2, 1), new DateOnly(2019, 7, 31))]),
        new(SimulatedDnis.NotInReniec, null, [], [], [], [], []),
        new(SimulatedDnis.Deceased,
            new CitizenIdentity(SimulatedDnis.Deceased, "Teodoro", "Ccama", "Apaza", new DateOnly(1948, 2, 11), "Jr. Lampa 310, Puno, Puno, Puno",
                IdentityStatus.Deceased),
            [], [], [], [], []),
        new(SimulatedDnis.Cancelled,
            new CitizenIdentity(SimulatedDnis.Cancelled, "Gladys", "Nina", "Choque", new DateOnly(1991, 12, 3), "Av. Ejército 702, Yanahuara, Arequipa, Arequipa",
                IdentityStatus.Cancelled),
            [], [], [], [], []),
        new(SimulatedDnis.LongEmploymentHistory,
            new CitizenIdentity(SimulatedDnis.LongEmploymentHistory, "Rosa Elena", "Chávez", "Yupanqui", new DateOnly(1966, 9, 8),
                "Av. de la Cultura 802, Wanchaq, Cusco, Cusco"),
            [], [], [],
            [
                new(EducationLevel.Secondary, "Colegio Nacional de Ciencias", "Secundaria completa", 1983),
                new(EducationLevel.HigherTechnical, "IESTP Túpac Amaru", "Profesional Técnico en Secretariado Ejecutivo", 1986),
            ],
            [
                new("Textiles San Martín S.A.C.", Ruc.WithCheckDigit("2010020030"), new DateOnly(1986, 3, 1), new DateOnly(1989, 12, 31)),
                new("Hotelera Imperial del Cusco S.A.", Ruc.WithCheckDigit("2010030040"), new DateOnly(1990, 2, 1), new DateOnly(1994, 6, 30)),
                new("Clínica Santa Rosa S.A.", Ruc.WithCheckDigit("2010040050"), new DateOnly(1994, 8, 1), new DateOnly(1998, 3, 31)),
                new("Panificadora La Espiga de Oro S.A.C.", Ruc.WithCheckDigit("2010050060"), new DateOnly(1998, 5, 1), new DateOnly(2003, 1, 31)),
                new("Comercial Huancaro E.I.R.L.", Ruc.WithCheckDigit("2010060070"), new DateOnly(2003, 3, 1), new DateOnly(2008, 8, 31)),
                new("Turismo Ñusta S.A.C.", Ruc.WithCheckDigit("2010070080"), new DateOnly(2008, 10, 1), new DateOnly(2013, 12, 31)),
                new("Servicios Educativos Amauta S.A.C.", Ruc.WithCheckDigit("2010080090"), new DateOnly(2014, 2, 1), new DateOnly(2019, 4, 30)),
                new("Agencia de Viajes Machu Picchu Andino S.A.", Ruc.WithCheckDigit("2010090000"), new DateOnly(2019, 6, 1), null),
            ]),
    }.ToDictionary(c => c.Dni, StringComparer.Ordinal);

    private static readonly string[] WomenNames = ["María", "Rosa", "Ana Lucía", "Sofía", "Rocío", "Inés", "Lucía", "Milagros", "Zoila", "Carmen", "Fiorella", "Verónica"];
    private static readonly string[] MenNames = ["José", "Jesús", "Ángel", "Martín", "Andrés", "Julián", "Iván", "Ramón", "Raúl", "César", "Víctor", "Luis Alberto"];
    private static readonly string[] Surnames =
    [
        "Ñuñez", "Quispe", "Mamani", "Huamán", "Pérez", "Gómez", "Chávez", "Rodríguez", "Sánchez", "Flores", "Cárdenas", "Ñahui",
        "Vásquez", "Gutiérrez", "Ramírez", "Díaz", "Condori", "Ticona", "Yupanqui", "Álvarez", "Muñoz", "Peña", "Saavedra", "López",
    ];
    private static readonly string[] Streets =
    [
        "Av. Túpac Amaru", "Jr. Ayacucho", "Calle Los Ñandúes", "Av. José Gálvez Barrenechea", "Psje. Santa Rosa", "Av. Próceres de la Independencia",
        "Jr. Junín", "Av. Mariscal Castilla", "Calle San Martín", "Av. Perú",
    ];
    private static readonly string[] Places =
    [
        "San Juan de Lurigancho, Lima, Lima", "Miraflores, Lima, Lima", "Comas, Lima, Lima", "Cercado, Arequipa, Arequipa",
        "Wanchaq, Cusco, Cusco", "Víctor Larco Herrera, Trujillo, La Libertad", "Castilla, Piura, Piura", "El Tambo, Huancayo, Junín",
        "Iquitos, Maynas, Loreto", "Bellavista, Callao, Callao", "Chiclayo, Chiclayo, Lambayeque", "Puno, Puno, Puno",
    ];
    private static readonly string[] Schools =
    [
        "I.E. N.° 1182 José Olaya", "I.E. Emblemática Mariscal Cáceres", "I.E. Nuestra Señora de Guadalupe", "I.E. Politécnico Regional del Centro",
        "I.E. San Juan Bautista", "I.E. N.° 2025 Túpac Amaru",
    ];
    private static readonly string[] Universities =
    [
        "Universidad Nacional Mayor de San Marcos", "Universidad Nacional de San Agustín de Arequipa", "Pontificia Universidad Católica del Perú",
        "Universidad Nacional de Ingeniería", "Universidad Nacional de San Antonio Abad del Cusco", "Universidad Nacional de Trujillo",
    ];
    private static readonly string[] Careers =
    [
        "Ingeniería Industrial", "Administración", "Contabilidad", "Educación Primaria", "Enfermería", "Derecho", "Ingeniería de Sistemas", "Economía",
    ];
    private static readonly string[] Institutes = ["SENATI", "IESTP Carlos Cueto Fernandini", "IESTP José Pardo", "Instituto Superior Tecnológico Público Huaycán"];
    private static readonly string[] TechnicalCareers = ["Mecánica Automotriz", "Computación e Informática", "Enfermería Técnica", "Electricidad Industrial", "Contabilidad"];
    private static readonly string[] Employers =
    [
        "Textiles San Martín S.A.C.", "Distribuidora El Pacífico S.A.C.", "Agroexportadora Valle de Ica S.A.", "Constructora Los Andes S.A.C.",
        "Clínica Santa Rosa S.A.", "Transportes Ñaña S.R.L.", "Panificadora La Espiga de Oro S.A.C.", "Servicios Educativos Amauta S.A.C.",
        "Comercial Huancaro E.I.R.L.", "Pesquera Bahía de Paita S.A.", "Minera Señor de Qoyllur Riti S.A.C.", "Cafetalera Selva Central S.A.C.",
    ];

    private static SimulatedCitizen Generate(string dni)
    {
        // Random with a seed follows one documented algorithm on every .NET, so the DNI alone fixes every draw.
#pragma warning disable CA5394 // Invented demo data, not security.
        var random = new Random(int.Parse(dni, CultureInfo.InvariantCulture));
        var woman = random.Next(2) == 0;
        var givenNames = Pick(random, woman ? WomenNames : MenNames);
        if (random.Next(3) == 0)
        {
            givenNames += " " + Pick(random, woman ? WomenNames : MenNames);
        }
        var paternal = Pick(random, Surnames);
        var maternal = Pick(random, Surnames);
        var birthDate = new DateOnly(1961 + random.Next(46), 1 + random.Next(12), 1 + random.Next(28));
        var address = $"{Pick(random, Streets)} {100 + random.Next(3900)}, {Pick(random, Places)}";
        var identity = new CitizenIdentity(dni, givenNames, paternal, maternal, birthDate, address);

        var education = GenerateEducation(random, birthDate.Year);
        var employment = GenerateEmployment(random, birthDate.AddYears(19 + random.Next(6)));
#pragma warning restore CA5394
        return new SimulatedCitizen(dni, identity, [], [], [], education, employment);
    }

#pragma warning disable CA5394 // Invented demo data, not security.
    private static List<EducationEntry> GenerateEducation(Random random, int birthYear)
    {
        var entries = new List<EducationEntry>
        {
            new(EducationLevel.Secondary, Pick(random, Schools), "Secundaria completa", birthYear + 17),
        };
        var path = random.Next(10);
        if (path < 3)
        {
            entries.Add(new(EducationLevel.HigherTechnical, Pick(random, Institutes), $"Profesional Técnico en {Pick(random, TechnicalCareers)}", birthYear + 20));
        }
        else if (path < 7)
        {
            var university = Pick(random, Universities);
            var career = Pick(random, Careers);
            entries.Add(new(EducationLevel.Bachelor, university, $"Bachiller en {career}", birthYear + 23));
            if (random.Next(2) == 0)
            {
                entries.Add(new(EducationLevel.ProfessionalTitle, university, $"Título profesional en {career}", birthYear + 25));
            }
        }
        return entries.Where(e => e.Year <= ReferenceDate.Year).ToList();
    }

    private static List<EmploymentPeriod> GenerateEmployment(Random random, DateOnly firstJobFrom)
    {
        var periods = new List<EmploymentPeriod>();
        var from = new DateOnly(firstJobFrom.Year, firstJobFrom.Month, 1);
        var count = random.Next(5);
        for (var i = 0; i < count && from < ReferenceDate; i++)
        {
            var employer = random.Next(Employers.Length);
            var ruc = Ruc.WithCheckDigit("20" + (10_000_000 + (employer * 7_654_321 % 89_999_999)).ToString(CultureInfo.InvariantCulture));
            var to = from.AddMonths(6 + random.Next(55)).AddDays(-1);
            var ongoing = to >= ReferenceDate || (i == count - 1 && random.Next(2) == 0);
            periods.Add(new EmploymentPeriod(Employers[employer], ruc, from, ongoing ? null : to));
            if (ongoing)
            {
                break;
            }
            from = to.AddDays(1).AddMonths(random.Next(13));
        }
        return periods;
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
#pragma warning restore CA5394
}
