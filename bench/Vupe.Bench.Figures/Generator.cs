using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Vupe.Engine.Persistence;
using Vupe.JobBank.Classification;
using Vupe.Server.Data;

namespace Vupe.Bench.Figures;

/// <summary>
/// A SQLite file with the server's schema (its EF migrations, FiguresIndexes included) and the engine's (created by the
/// engine), filled with case files, open tasks, certificates, referral outcomes, vacancies, job referrals and placements
/// in proportion to the cases. Rows go in through prepared INSERTs with the values EF Core maps on SQLite (Guids as
/// upper-case text, DateTimeOffset as UTC ticks, DateOnly as yyyy-MM-dd, enums as the model converts them); the loaded
/// tables' indexes are dropped for the load and created again from their own DDL.
/// </summary>
internal sealed class Generator(string path, int caseCount, int seed)
{
    /// <summary>Bumped when the data changes shape; kept in PRAGMA user_version.</summary>
    public const int DataVersion = 3;

    private static readonly string[] LoadedTables = ["CaseFiles", "UserTasks", "Certificates", "EmployabilityEntries", "Vacancies", "JobReferrals", "Placements"];

    private static readonly (string Code, double Weight)[] Offices =
    [
        ("LIM", 30.0), ("ARE", 7.0), ("LAL", 6.0), ("PIU", 5.5), ("CAL", 5.0), ("LAM", 4.5), ("JUN", 4.0), ("CUS", 4.0),
        ("LIS", 3.5), ("ICA", 3.0), ("LIP", 3.0), ("CAJ", 2.5), ("PUN", 2.5), ("SAM", 2.0), ("ANC", 2.0), ("LOR", 2.0),
        ("HUC", 1.5), ("UCA", 1.5), ("AYA", 1.5), ("TAC", 1.2), ("APU", 0.9), ("MOQ", 0.8), ("AMA", 0.7), ("PAS", 0.7),
        ("HUV", 0.6), ("TUM", 0.6), ("MDD", 0.5),
    ];

    /// <summary>Procedures and their share; referral cases are titled per service as OpenReferralsHandler titles them.</summary>
    private static readonly (string Key, string Title, double Weight)[] Procedures =
    [
        ("triaje-ciudadano", "Diagnóstico de empleabilidad", 25), ("derivacion-servicio", "", 20), ("certificado-unico-laboral", "Certificado único laboral", 18),
        ("bolsa-trabajo", "Bolsa de trabajo", 14), ("acercamiento-empresarial", "Acercamiento empresarial", 6), ("orientacion", "Orientación vocacional", 7),
        ("capacitacion-laboral", "Capacitación laboral", 6), ("orientacion-migrante", "Orientación para el migrante", 4),
    ];

    private static readonly string[] Services = Vupe.Workflows.VupeServices.All.Select(s => s.Name).ToArray();
    private static readonly string[] ServiceCodes = Vupe.Workflows.VupeServices.All.Select(s => s.Code).ToArray();
    private static readonly string[] Outcomes = ["prestado", "no-asistio", "no-corresponde", "insertado", "emprendio", "capacitandose", "certificado", "en-proceso", "sin-resultado", "no-ubicable"];

    public static string ConnectionString(string path) => new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();

    public async Task EnsureAsync(bool regenerate)
    {
        if (!regenerate && File.Exists(path))
        {
            await using var db = new SqliteConnection(ConnectionString(path));
            await db.OpenAsync();
            var version = Convert.ToInt32(await ScalarAsync(db, "PRAGMA user_version"), CultureInfo.InvariantCulture);
            var cases = version == DataVersion ? Convert.ToInt64(await ScalarAsync(db, "SELECT COUNT(*) FROM \"CaseFiles\""), CultureInfo.InvariantCulture) : -1;
            if (cases == caseCount)
            {
                Console.WriteLine($"# reusing {path} ({new FileInfo(path).Length / 1048576.0:F0} MB); --regenerate rebuilds it");
                return;
            }
            Console.WriteLine($"# regenerating {path}: data version {version}, {cases} cases");
        }
        await GenerateAsync();
    }

    private async Task GenerateAsync()
    {
        var total = Stopwatch.StartNew();
        foreach (var f in new[] { path, path + "-wal", path + "-shm" }) if (File.Exists(f)) File.Delete(f);
        // The server's schema first, then the engine's beside it: the server's start order.
        await using (var server = new VupeDbContext(new DbContextOptionsBuilder<VupeDbContext>().UseSqlite(ConnectionString(path)).Options))
            await server.Database.MigrateAsync();
        using (var store = EfEngineStore.ForSqlite(path)) await store.InitializeAsync();
        SqliteConnection.ClearAllPools();

        await using var db = new SqliteConnection(ConnectionString(path));
        await db.OpenAsync();
        var indexes = new List<(string Name, string Sql)>();
        await using (var cmd = db.CreateCommand())
        {
            cmd.CommandText = $"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({string.Join(", ", LoadedTables.Select(t => $"'{t}'"))})";
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) indexes.Add((reader.GetString(0), reader.GetString(1)));
        }
        foreach (var (name, _) in indexes) await ExecAsync(db, $"DROP INDEX \"{name}\"");
        await ExecAsync(db, "PRAGMA journal_mode=OFF");
        await ExecAsync(db, "PRAGMA synchronous=OFF");
        await ExecAsync(db, "PRAGMA cache_size=-524288");

        var now = DateTimeOffset.UtcNow;
        now = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        var random = new Random(seed);
        Console.WriteLine($"# generating {caseCount:N0} cases into {path} (seed {seed}, now {now:O})");
        var rows = await InsertAsync(db, random, now);
        var insertSeconds = total.Elapsed.TotalSeconds;
        var indexing = Stopwatch.StartNew();
        foreach (var (_, sql) in indexes) await ExecAsync(db, sql);
        await ExecAsync(db, "PRAGMA journal_mode=WAL");
        await ExecAsync(db, $"PRAGMA user_version={DataVersion}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# generated {rows:N0} rows in {insertSeconds:F1} s, {indexes.Count} indexes in {indexing.Elapsed.TotalSeconds:F1} s, {new FileInfo(path).Length / 1048576.0:F0} MB"));
    }

    private async Task<long> InsertAsync(SqliteConnection db, Random random, DateTimeOffset now)
    {
        var officePick = new Weighted(Offices.Select(o => o.Weight));
        var procedurePick = new Weighted(Procedures.Select(p => p.Weight));
        var twoYears = TimeSpan.FromDays(730).Ticks;
        var occupations = OccupationCatalog.Load().All;
        var regions = Regions.All.Select(r => r.Code).ToArray();
        long rows = 0;
        var tx = db.BeginTransaction();
        async Task Tick()
        {
            if (++rows % 200_000 != 0) return;
            await tx.CommitAsync();
            tx = db.BeginTransaction();
        }

        var caseInsert = new TableInsert(db, "CaseFiles", ["Id", "CaseNumber", "OfficeCode", "Year", "Sequence", "Title", "ProcessKey", "Status", "SubjectId", "OpenedAt", "ClosedAt", "Version"]);
        var taskInsert = new TableInsert(db, "UserTasks", ["Id", "InstanceId", "ExecutionId", "ElementId", "Name", "CaseId", "CaseNumber", "OfficeCode", "ProcessKey", "DueAt", "Priority", "CreatedAt", "CandidateKey", "Version"]);
        var certificateInsert = new TableInsert(db, "Certificates", ["Id", "VerificationCode", "CertificateNumber", "Kind", "DocumentId", "CaseId", "CaseNumber", "OfficeCode", "PartyId", "IssuedAt", "ValidUntil", "IdempotencyKey"]);
        var entryInsert = new TableInsert(db, "EmployabilityEntries", ["Id", "PartyId", "Kind", "CaseId", "CaseNumber", "OfficeCode", "ServiceCode", "Summary", "IdempotencyKey", "RecordedAt", "Data"]);
        var sequences = new Dictionary<(string, int), long>();
        var opened = new long[caseCount];
        for (var i = 0; i < caseCount; i++) opened[i] = now.UtcTicks - (long)(random.NextDouble() * twoYears);
        Array.Sort(opened);
        var tasks = 0L;
        for (var i = 0; i < caseCount; i++)
        {
            var office = Offices[officePick.Next(random)].Code;
            var procedure = Procedures[procedurePick.Next(random)];
            var service = random.Next(Services.Length);
            var openedAt = opened[i];
            // Older cases are mostly closed; durations skewed, mean about five days (a few take months).
            var age = TimeSpan.FromTicks(now.UtcTicks - openedAt);
            long? closedAt = random.NextDouble() < (age.TotalDays > 90 ? 0.9 : 0.5)
                ? openedAt + (long)(-Math.Log(1 - random.NextDouble()) * TimeSpan.FromDays(5).Ticks) + TimeSpan.FromMinutes(5).Ticks
                : null;
            if (closedAt > now.UtcTicks) closedAt = null;
            var year = new DateTime(openedAt, DateTimeKind.Utc).Year;
            var sequence = sequences[(office, year)] = sequences.GetValueOrDefault((office, year)) + 1;
            var id = Guid.NewGuid().ToString().ToUpperInvariant();
            var number = $"{office}-{year}-{sequence:D6}";
            var title = procedure.Key == "derivacion-servicio" ? $"Derivación a {Services[service]}" : procedure.Title;
            await caseInsert.RunAsync(tx, id, number, office, year, sequence, title, procedure.Key, closedAt is null ? 0 : 1, Guid.NewGuid().ToString(), openedAt, closedAt, 1);
            await Tick();
            if (closedAt is null)
            {
                // Open cases hold one to three open tasks, due from 30 days ago to 60 days ahead.
                for (var t = 1 + random.Next(3); t > 0; t--, tasks++)
                {
                    await taskInsert.RunAsync(tx, Guid.NewGuid().ToString().ToUpperInvariant(), Guid.NewGuid().ToString().ToUpperInvariant(), "root", "paso", "Paso", id, number,
                        office, procedure.Key, now.UtcTicks + (long)((random.NextDouble() * 90 - 30) * TimeSpan.TicksPerDay), 50, openedAt, $"|group:{office}-consultor|", 1);
                    await Tick();
                }
            }
            else if (procedure.Key == "certificado-unico-laboral")
            {
                await certificateInsert.RunAsync(tx, Guid.NewGuid().ToString().ToUpperInvariant(), $"V{i:D9}", $"CUL-{number}", "cul", Guid.NewGuid().ToString().ToUpperInvariant(), id, number,
                    office, Guid.NewGuid().ToString().ToUpperInvariant(), closedAt.Value, closedAt.Value + TimeSpan.FromDays(90).Ticks, $"cul:{id}");
                await Tick();
            }
            else if (procedure.Key == "derivacion-servicio")
            {
                await entryInsert.RunAsync(tx, Guid.NewGuid().ToString().ToUpperInvariant(), Guid.NewGuid().ToString().ToUpperInvariant(), 1, id, number, office,
                    ServiceCodes[service], Outcomes[random.Next(Outcomes.Length)], $"outcome:{id}", closedAt.Value, "{}");
                await Tick();
            }
        }

        // The job bank: a vacancy per 20 cases, a job referral per 5, a seeker pool of one per 10; 15 % of referrals hired.
        var vacancyInsert = new TableInsert(db, "Vacancies", ["Id", "CompanyPartyId", "CompanyName", "OfficeCode", "Title", "Description", "OccupationCode", "Ubigeo", "RegionCode",
            "MinEducation", "Positions", "PositionsFilled", "ClosingDate", "Status", "SearchText", "CreatedAt", "CreatedBy", "UpdatedAt", "Version"]);
        var referralInsert = new TableInsert(db, "JobReferrals", ["Id", "VacancyId", "SeekerPartyId", "OfficeCode", "Score", "Explanation", "Status", "ReferredAt", "ReferredBy", "Version"]);
        var placementInsert = new TableInsert(db, "Placements", ["Id", "ReferralId", "VacancyId", "SeekerPartyId", "CompanyPartyId", "OfficeCode", "RegionCode", "OccupationCode", "StartDate", "RecordedAt", "RecordedBy"]);
        var vacancies = new (string Id, string Region, string Occupation, long CreatedAt)[Math.Max(1, caseCount / 20)];
        for (var v = 0; v < vacancies.Length; v++)
        {
            var created = now.UtcTicks - (long)(random.NextDouble() * twoYears);
            var region = regions[random.Next(regions.Length)];
            var occupation = occupations[(int)(Math.Pow(random.NextDouble(), 3) * occupations.Count)].Code; // a few occupations common, most rare
            var positions = 1 + random.Next(5);
            var status = now.UtcTicks - created < TimeSpan.FromDays(60).Ticks ? "Open" : random.Next(10) < 4 ? "Filled" : "Closed";
            vacancies[v] = (Guid.NewGuid().ToString().ToUpperInvariant(), region, occupation, created);
            await vacancyInsert.RunAsync(tx, vacancies[v].Id, Guid.NewGuid().ToString().ToUpperInvariant(), "Empresa", Offices[officePick.Next(random)].Code, "Vacante", "Descripción",
                occupation, region + "0101", region, "secundaria", positions, status == "Filled" ? positions : 0,
                DateOnly.FromDateTime(new DateTime(created, DateTimeKind.Utc)).AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), status, "vacante", created, "bench", created, 1);
            await Tick();
        }
        var seekers = Enumerable.Range(0, Math.Max(1, caseCount / 10)).Select(_ => Guid.NewGuid().ToString().ToUpperInvariant()).ToArray();
        string[] statuses = ["Referred", "Interview", "Rejected", "Withdrawn", "NoAnswer"];
        var pairs = new HashSet<(int, int)>();
        for (var r = 0; r < caseCount / 5; r++)
        {
            var (vacancyIndex, seekerIndex) = (random.Next(vacancies.Length), random.Next(seekers.Length));
            if (!pairs.Add((vacancyIndex, seekerIndex))) continue; // once per vacancy and seeker, as the unique index requires
            var vacancy = vacancies[vacancyIndex];
            var referredAt = Math.Min(now.UtcTicks, vacancy.CreatedAt + (long)(random.NextDouble() * TimeSpan.FromDays(30).Ticks));
            var hired = random.Next(100) < 15;
            var id = Guid.NewGuid().ToString().ToUpperInvariant();
            var seeker = seekers[seekerIndex];
            var office = Offices[officePick.Next(random)].Code;
            await referralInsert.RunAsync(tx, id, vacancy.Id, seeker, office, 50, "[]", hired ? "Hired" : statuses[random.Next(statuses.Length)], referredAt, "bench", 1);
            if (hired)
                await placementInsert.RunAsync(tx, Guid.NewGuid().ToString().ToUpperInvariant(), id, vacancy.Id, seeker, Guid.NewGuid().ToString().ToUpperInvariant(), office, vacancy.Region,
                    vacancy.Occupation, DateOnly.FromDateTime(new DateTime(referredAt, DateTimeKind.Utc)).AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), referredAt, "bench");
            await Tick();
        }
        await tx.CommitAsync();
        Console.WriteLine($"# {caseCount:N0} cases, {tasks:N0} open tasks, {vacancies.Length:N0} vacancies, {caseCount / 5:N0} job referrals (certificates, outcomes and placements with them)");
        return rows;
    }

    private static async Task<object?> ScalarAsync(SqliteConnection db, string sql)
    {
        await using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        return await cmd.ExecuteScalarAsync();
    }

    public static async Task ExecAsync(SqliteConnection db, string sql)
    {
        await using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.CommandTimeout = 0;
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>A prepared INSERT of the given columns; every other NOT NULL column of the table gets its type's empty value.</summary>
    private sealed class TableInsert
    {
        private readonly SqliteCommand _cmd;
        private readonly int _given;

        public TableInsert(SqliteConnection db, string table, string[] columns, bool orIgnore = false)
        {
            var others = new List<(string Name, string Type)>();
            using (var info = db.CreateCommand())
            {
                info.CommandText = $"PRAGMA table_info(\"{table}\")";
                using var reader = info.ExecuteReader();
                while (reader.Read())
                    if (reader.GetInt32(3) == 1 && !columns.Contains(reader.GetString(1))) others.Add((reader.GetString(1), reader.GetString(2)));
            }
            var all = columns.Concat(others.Select(o => o.Name)).ToList();
            _cmd = db.CreateCommand();
            _cmd.CommandText = $"INSERT {(orIgnore ? "OR IGNORE " : "")}INTO \"{table}\" ({string.Join(", ", all.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", all.Select((_, i) => $"$p{i}"))})";
            for (var i = 0; i < all.Count; i++) _cmd.Parameters.Add(new SqliteParameter($"$p{i}", i < columns.Length ? DBNull.Value
                : others[i - columns.Length].Type.Contains("INT", StringComparison.OrdinalIgnoreCase) ? 0 : others[i - columns.Length].Type.Contains("REAL", StringComparison.OrdinalIgnoreCase) ? 0.0 : ""));
            _given = columns.Length;
        }

        public Task<int> RunAsync(SqliteTransaction tx, params object?[] values)
        {
            _cmd.Transaction = tx;
            for (var i = 0; i < _given; i++) _cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
            return _cmd.ExecuteNonQueryAsync();
        }
    }

    private sealed class Weighted(IEnumerable<double> weights)
    {
        private readonly double[] _cumulative = weights.Aggregate(new List<double>(), (acc, w) => { acc.Add((acc.Count == 0 ? 0 : acc[^1]) + w); return acc; }).ToArray();

        public int Next(Random random)
        {
            var x = random.NextDouble() * _cumulative[^1];
            var i = Array.BinarySearch(_cumulative, x);
            return i >= 0 ? Math.Min(i + 1, _cumulative.Length - 1) : ~i;
        }
    }
}
