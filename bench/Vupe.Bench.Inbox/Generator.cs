using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Vupe.Engine.Persistence;

namespace Vupe.Bench.Inbox;

/// <summary>
/// Fills a SQLite database with the engine's own schema (created by <see cref="EfEngineStore.ForSqlite"/> +
/// InitializeAsync, so tables and indexes are exactly the engine's) with case files and open user tasks.
/// Rows go in through prepared Microsoft.Data.Sqlite INSERTs in big transactions, with the values EF Core
/// maps on SQLite: Guids as upper-case TEXT, DateTimeOffset as UTC ticks (INTEGER, the engine's
/// converter), enums as integers. The engine's indexes of the three tables are dropped for the load and
/// created again from their own DDL afterwards (one sort per index instead of 5 million random inserts).
/// </summary>
internal sealed class Generator(string path, int caseCount, int taskCount, int seed)
{
    /// <summary>Bumped when the generated data changes shape: an older database is then regenerated. Kept in PRAGMA user_version.</summary>
    public const int DataVersion = 2;

    private static readonly string[] LoadedTables = ["CaseFiles", "CaseCounters", "UserTasks", "TaskCandidates"];

    public static string ConnectionString(string path, SqliteOpenMode mode = SqliteOpenMode.ReadWriteCreate) =>
        new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = mode }.ToString();

    /// <summary>Reuses the database when it holds this generator's data with the requested counts; brings its indexes in line with the engine's model.</summary>
    public async Task EnsureAsync(bool regenerate)
    {
        if (!regenerate && File.Exists(path))
        {
            var reason = await WhyNotReusableAsync();
            if (reason is null)
            {
                Console.WriteLine($"# reusing {path} ({Megabytes(path):F0} MB); --regenerate rebuilds it");
                await SyncIndexesAsync();
                return;
            }
            Console.WriteLine($"# regenerating {path}: {reason}");
        }
        await GenerateAsync();
    }

    private async Task<string?> WhyNotReusableAsync()
    {
        await using var db = new SqliteConnection(ConnectionString(path));
        await db.OpenAsync();
        var version = Convert.ToInt32(await ScalarAsync(db, "PRAGMA user_version"), CultureInfo.InvariantCulture);
        if (version != DataVersion) return $"data version {version}, generator writes {DataVersion}";
        var model = await ReadSchemaAsync(await EmptyEngineSchemaPathAsync());
        var actual = await ReadSchemaAsync(db);
        foreach (var (name, sql) in model.Where(s => s.Type == "table").Select(s => (s.Name, s.Sql)))
        {
            if (!actual.Any(a => a.Type == "table" && a.Name == name && a.Sql == sql)) return $"table {name} differs from the engine's model";
        }
        var cases = Convert.ToInt64(await ScalarAsync(db, "SELECT COUNT(*) FROM \"CaseFiles\""), CultureInfo.InvariantCulture);
        var tasks = Convert.ToInt64(await ScalarAsync(db, "SELECT COUNT(*) FROM \"UserTasks\""), CultureInfo.InvariantCulture);
        if (cases != caseCount || tasks != taskCount) return $"it holds {cases} cases and {tasks} tasks, {caseCount} and {taskCount} asked";
        return null;
    }

    /// <summary>Drops indexes the engine no longer declares and creates those it declares now, so a reused database measures the current model.</summary>
    private async Task SyncIndexesAsync()
    {
        var model = (await ReadSchemaAsync(await EmptyEngineSchemaPathAsync())).Where(s => s.Type == "index").ToList();
        await using var db = new SqliteConnection(ConnectionString(path));
        await db.OpenAsync();
        var actual = (await ReadSchemaAsync(db)).Where(s => s.Type == "index").ToList();
        var stale = actual.Where(a => !model.Contains(a)).ToList();
        var missing = model.Where(m => !actual.Contains(m)).ToList();
        // The engine never runs ANALYZE: statistics left by someone's experiment would change the plans measured.
        if (Convert.ToInt64(await ScalarAsync(db, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'sqlite_stat1'"), CultureInfo.InvariantCulture) > 0)
        {
            await ExecAsync(db, "DROP TABLE sqlite_stat1");
            Console.WriteLine("# dropped sqlite_stat1 (the engine's databases have no statistics)");
        }
        if (stale.Count == 0 && missing.Count == 0) return;
        await ExecAsync(db, "PRAGMA cache_size=-1048576");
        foreach (var index in stale)
        {
            await ExecAsync(db, $"DROP INDEX \"{index.Name}\"");
            Console.WriteLine($"# index dropped (no longer in the engine's model): {index.Name}");
        }
        foreach (var index in missing)
        {
            var sw = Stopwatch.StartNew();
            await ExecAsync(db, index.Sql);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# index created (new in the engine's model): {index.Name} in {sw.Elapsed.TotalSeconds:F1} s"));
        }
        await ExecAsync(db, "PRAGMA wal_checkpoint(TRUNCATE)");
    }

    private sealed record SchemaObject(string Type, string Name, string Table, string Sql);

    private static async Task<List<SchemaObject>> ReadSchemaAsync(string file)
    {
        await using var db = new SqliteConnection(ConnectionString(file, SqliteOpenMode.ReadOnly));
        await db.OpenAsync();
        return await ReadSchemaAsync(db);
    }

    private static async Task<List<SchemaObject>> ReadSchemaAsync(SqliteConnection db)
    {
        var list = new List<SchemaObject>();
        await using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL AND type IN ('table', 'index') ORDER BY name";
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) list.Add(new SchemaObject(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        return list;
    }

    private static string? _emptySchema;

    /// <summary>An empty database created by the engine itself: the reference for tables and indexes.</summary>
    private static async Task<string> EmptyEngineSchemaPathAsync()
    {
        if (_emptySchema is not null) return _emptySchema;
        var file = Path.Combine(Path.GetTempPath(), $"vupe-inbox-schema-{Environment.ProcessId}.db");
        DeleteDatabase(file);
        using (var store = EfEngineStore.ForSqlite(file)) await store.InitializeAsync();
        SqliteConnection.ClearAllPools();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteDatabase(file);
        return _emptySchema = file;
    }

    public static void DeleteDatabase(string file)
    {
        foreach (var f in new[] { file, file + "-wal", file + "-shm", file + "-journal" })
        {
            if (File.Exists(f)) File.Delete(f);
        }
    }

    private async Task GenerateAsync()
    {
        var total = Stopwatch.StartNew();
        DeleteDatabase(path);
        using (var store = EfEngineStore.ForSqlite(path)) await store.InitializeAsync();
        SqliteConnection.ClearAllPools();

        await using var db = new SqliteConnection(ConnectionString(path));
        await db.OpenAsync();
        // The engine's indexes on the loaded tables, kept as the engine wrote them and created again after the load.
        var indexes = (await ReadSchemaAsync(db)).Where(s => s.Type == "index" && LoadedTables.Contains(s.Table)).ToList();
        foreach (var index in indexes) await ExecAsync(db, $"DROP INDEX \"{index.Name}\"");
        // A throw-away bulk load: no journal, no fsync, foreign keys not re-checked row by row (the data is built consistent).
        await ExecAsync(db, "PRAGMA journal_mode=OFF");
        await ExecAsync(db, "PRAGMA synchronous=OFF");
        await ExecAsync(db, "PRAGMA foreign_keys=OFF");
        await ExecAsync(db, "PRAGMA cache_size=-1048576");

        var now = ReferenceNow();
        var random = new Random(seed);
        Console.WriteLine($"# generating {caseCount:N0} cases and {taskCount:N0} open tasks into {path} (seed {seed}, now {now:O})");

        var insert = Stopwatch.StartNew();
        var cases = await InsertCasesAsync(db, random, now);
        var caseSeconds = insert.Elapsed.TotalSeconds;
        var candidates = await InsertTasksAsync(db, random, now, cases);
        var insertSeconds = insert.Elapsed.TotalSeconds;
        var rows = caseCount + (long)taskCount + candidates;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"inbox.generate.insert cases={caseCount} tasks={taskCount} candidates={candidates} rows={rows} seconds={insertSeconds:F1} rows_per_s={rows / insertSeconds:F0} case_rows_per_s={caseCount / caseSeconds:F0} task_and_candidate_rows_per_s={(taskCount + candidates) / (insertSeconds - caseSeconds):F0}"));

        var indexing = Stopwatch.StartNew();
        foreach (var index in indexes)
        {
            var sw = Stopwatch.StartNew();
            await ExecAsync(db, index.Sql);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# index {index.Name}: {sw.Elapsed.TotalSeconds:F1} s"));
        }
        await ExecAsync(db, "PRAGMA journal_mode=WAL");
        await ExecAsync(db, $"PRAGMA user_version={DataVersion}");
        await db.CloseAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"inbox.generate rows={rows} insert_s={insertSeconds:F1} index_s={indexing.Elapsed.TotalSeconds:F1} total_s={total.Elapsed.TotalSeconds:F1} rows_per_s={rows / total.Elapsed.TotalSeconds:F0} db_mb={Megabytes(path):F0}"));
    }

    /// <summary>The data's "now": whole minutes, so every figure derived from it is reproducible from the database (the newest case is opened at it).</summary>
    private static DateTimeOffset ReferenceNow()
    {
        var t = DateTimeOffset.UtcNow;
        return new DateTimeOffset(t.Ticks - t.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
    }

    private sealed class CaseRow
    {
        public required string Id;
        public required string Number;
        public required string InstanceId;
        public int Office;
        public int Procedure;
        public long OpenedAt;
    }

    private async Task<CaseRow[]> InsertCasesAsync(SqliteConnection db, Random random, DateTimeOffset now)
    {
        var offices = new Catalogue.Weighted(Catalogue.Offices.Select(o => o.Weight));
        var procedures = new Catalogue.Weighted(Catalogue.Procedures.Select(p => p.Weight));
        var twoYears = TimeSpan.FromDays(730).Ticks;

        // Opened over two years; numbered per office and year in opening order, as the engine numbers them.
        var opened = new long[caseCount];
        for (var i = 0; i < caseCount; i++) opened[i] = now.UtcTicks - (long)(random.NextDouble() * twoYears);
        Array.Sort(opened);
        if (caseCount > 0) opened[^1] = now.UtcTicks; // the newest case marks the data's "now"

        var counters = new Dictionary<(int Office, int Year), long>();
        var rows = new CaseRow[caseCount];
        await using var cmd = Prepare(db, """
            INSERT INTO "CaseFiles" ("Id", "CaseNumber", "OfficeCode", "Year", "Sequence", "Title", "ProcessKey", "Status", "ParentCaseId",
                "SubjectId", "RootInstanceId", "OpenedAt", "ClosedAt", "OpenedBy", "Version")
            VALUES ($id, $number, $office, $year, $sequence, $title, $process, $status, NULL, $subject, $instance, $opened, $closed, $openedBy, $version)
            """, "$id", "$number", "$office", "$year", "$sequence", "$title", "$process", "$status", "$subject", "$instance", "$opened", "$closed", "$openedBy", "$version");
        var p = cmd.Parameters;
        var transaction = db.BeginTransaction();
        cmd.Transaction = transaction;
        for (var i = 0; i < caseCount; i++)
        {
            var office = offices.Next(random);
            var procedure = procedures.Next(random);
            var openedAt = new DateTimeOffset(opened[i], TimeSpan.Zero);
            var code = Catalogue.Offices[office].Code;
            var year = openedAt.Year;
            var sequence = counters[(office, year)] = counters.GetValueOrDefault((office, year)) + 1;
            // One case in ten is closed (and has no open task); the rest are open.
            var closed = random.Next(10) == 0;
            var row = rows[i] = new CaseRow
            {
                Id = Guid7(openedAt, random), Number = $"{code}-{year}-{sequence:D6}", InstanceId = Guid7(openedAt, random),
                Office = closed ? -1 : office, Procedure = procedure, OpenedAt = opened[i],
            };
            p[0].Value = row.Id;
            p[1].Value = row.Number;
            p[2].Value = code;
            p[3].Value = year;
            p[4].Value = sequence;
            p[5].Value = Catalogue.Procedures[procedure].Title;
            p[6].Value = Catalogue.Procedures[procedure].Key;
            p[7].Value = (int)(closed ? CaseStatus.Closed : CaseStatus.Open);
            p[8].Value = NewGuid(random).ToString(); // the party's id, as the server writes it (Guid.ToString())
            p[9].Value = row.InstanceId;
            p[10].Value = opened[i];
            p[11].Value = closed ? Math.Min(now.UtcTicks, opened[i] + TimeSpan.FromDays(random.Next(1, 60)).Ticks) : DBNull.Value;
            p[12].Value = Catalogue.Consultant(code, 1 + random.Next(Catalogue.ConsultantsPerOffice));
            p[13].Value = closed ? 3 : 1;
            await cmd.ExecuteNonQueryAsync();
            if (i % 200_000 == 199_999)
            {
                await transaction.CommitAsync();
                transaction = db.BeginTransaction();
                cmd.Transaction = transaction;
            }
        }
        await using var counter = Prepare(db, """INSERT INTO "CaseCounters" ("OfficeCode", "Year", "Next") VALUES ($office, $year, $next)""", "$office", "$year", "$next");
        counter.Transaction = transaction;
        foreach (var ((office, year), next) in counters)
        {
            counter.Parameters[0].Value = Catalogue.Offices[office].Code;
            counter.Parameters[1].Value = year;
            counter.Parameters[2].Value = next;
            await counter.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
        await transaction.DisposeAsync();
        return rows;
    }

    private async Task<long> InsertTasksAsync(SqliteConnection db, Random random, DateTimeOffset now, CaseRow[] cases)
    {
        var open = cases.Where(c => c.Office >= 0).ToArray();
        // Each task belongs to an open case and is created between the case's opening and now; tasks go in
        // in creation order, as the engine makes them (their version-7 ids then ascend too).
        var created = new long[taskCount];
        var owner = new int[taskCount];
        for (var i = 0; i < taskCount; i++)
        {
            owner[i] = random.Next(open.Length);
            var opened = open[owner[i]].OpenedAt;
            created[i] = opened + (long)(random.NextDouble() * (now.UtcTicks - opened));
        }
        Array.Sort(created, owner);

        await using var task = Prepare(db, """
            INSERT INTO "UserTasks" ("Id", "InstanceId", "ExecutionId", "ElementId", "Name", "CaseId", "CaseNumber", "OfficeCode", "ProcessKey",
                "Assignee", "DueAt", "FollowUpAt", "Priority", "FormKey", "CreatedAt", "ClaimedAt", "CandidateKey", "Version")
            VALUES ($id, $instance, $execution, $element, $name, $case, $number, $office, $process, $assignee, $due, NULL, $priority, $form, $created, $claimed, $candidates, $version)
            """, "$id", "$instance", "$execution", "$element", "$name", "$case", "$number", "$office", "$process", "$assignee", "$due", "$priority", "$form", "$created", "$claimed", "$candidates", "$version");
        await using var candidate = Prepare(db, """INSERT INTO "TaskCandidates" ("TaskId", "Kind", "Value") VALUES ($task, 'group', $value)""", "$task", "$value");
        var consultorGroups = Catalogue.Offices.Select(o => $"{o.Code}-consultor").ToArray();
        var serviceGroups = Catalogue.Offices.Select(o => Catalogue.Services.ToDictionary(s => s, s => $"{o.Code}-{s}")).ToArray();
        // The task row's copy of its candidates (UserTaskRecord.CandidateKey), computed by the engine's own function.
        string Key(params string[] groups) => UserTaskRecord.CandidateKeyOf(groups.Select(g => new TaskCandidateRecord { Kind = "group", Value = g }));
        var consultorKeys = consultorGroups.Select(g => Key(g)).ToArray();
        var serviceKeys = Catalogue.Offices.Select((o, i) => Catalogue.Services.ToDictionary(s => s, s => Key(consultorGroups[i], serviceGroups[i][s]))).ToArray();
        var consultants = Catalogue.Offices.Select(o => Enumerable.Range(1, Catalogue.ConsultantsPerOffice).Select(n => Catalogue.Consultant(o.Code, n)).ToArray()).ToArray();
        var tp = task.Parameters;
        var cp = candidate.Parameters;
        var dueSpan = TimeSpan.FromDays(90).Ticks;
        var transaction = db.BeginTransaction();
        task.Transaction = candidate.Transaction = transaction;
        long candidates = 0;
        for (var i = 0; i < taskCount; i++)
        {
            var c = open[owner[i]];
            var procedure = Catalogue.Procedures[c.Procedure];
            var step = procedure.Steps[random.Next(procedure.Steps.Length)];
            var createdAt = new DateTimeOffset(created[i], TimeSpan.Zero);
            var id = Guid7(createdAt, random);
            // ~60 % unassigned (offered to the groups), the rest held by one of the office's consultants.
            var assigned = random.NextDouble() >= 0.6;
            tp[0].Value = id;
            tp[1].Value = c.InstanceId;
            tp[2].Value = "e" + random.Next(1, 40).ToString(CultureInfo.InvariantCulture);
            tp[3].Value = step.ElementId;
            tp[4].Value = step.Name;
            tp[5].Value = c.Id;
            tp[6].Value = c.Number;
            tp[7].Value = Catalogue.Offices[c.Office].Code;
            tp[8].Value = procedure.Key;
            tp[9].Value = assigned ? consultants[c.Office][random.Next(Catalogue.ConsultantsPerOffice)] : DBNull.Value;
            // Due from 30 days overdue to 60 days ahead; a few tasks have no due date.
            tp[10].Value = random.Next(25) == 0 ? DBNull.Value : now.UtcTicks - TimeSpan.FromDays(30).Ticks + (long)(random.NextDouble() * dueSpan);
            // Most tasks keep the default priority (50); the rest anywhere in 0–100.
            tp[11].Value = random.NextDouble() < 0.55 ? 50 : random.Next(0, 101);
            tp[12].Value = step.FormKey;
            tp[13].Value = created[i];
            tp[14].Value = assigned ? created[i] + (long)(random.NextDouble() * Math.Min(now.UtcTicks - created[i], TimeSpan.FromDays(10).Ticks)) : DBNull.Value;
            tp[15].Value = step.Service is { } keyed ? serviceKeys[c.Office][keyed] : consultorKeys[c.Office];
            tp[16].Value = assigned ? 1L : 0L;
            await task.ExecuteNonQueryAsync();

            cp[0].Value = id;
            cp[1].Value = consultorGroups[c.Office];
            await candidate.ExecuteNonQueryAsync();
            candidates++;
            if (step.Service is { } service)
            {
                cp[1].Value = serviceGroups[c.Office][service];
                await candidate.ExecuteNonQueryAsync();
                candidates++;
            }
            if (i % 250_000 == 249_999)
            {
                await transaction.CommitAsync();
                await transaction.DisposeAsync();
                transaction = db.BeginTransaction();
                task.Transaction = candidate.Transaction = transaction;
                Console.Error.Write($"\r# tasks {i + 1:N0}/{taskCount:N0}");
            }
        }
        await transaction.CommitAsync();
        await transaction.DisposeAsync();
        Console.Error.WriteLine();
        return candidates;
    }

    private static SqliteCommand Prepare(SqliteConnection db, string sql, params string[] names)
    {
        var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        foreach (var name in names) cmd.Parameters.Add(new SqliteParameter { ParameterName = name });
        return cmd;
    }

    /// <summary>A version-7 Guid at the given instant (as the engine's Guid.CreateVersion7 makes), random bits from the seeded generator; upper-case text as EF Core stores Guids on SQLite.</summary>
    private static string Guid7(DateTimeOffset at, Random random)
    {
        Span<byte> b = stackalloc byte[16];
        random.NextBytes(b);
        var ms = at.ToUnixTimeMilliseconds();
        b[0] = (byte)(ms >> 40);
        b[1] = (byte)(ms >> 32);
        BinaryPrimitives.WriteUInt32BigEndian(b[2..], (uint)ms);
        b[6] = (byte)(0x70 | (b[6] & 0x0F));
        b[8] = (byte)(0x80 | (b[8] & 0x3F));
        return new Guid(b, bigEndian: true).ToString("D").ToUpperInvariant();
    }

    private static Guid NewGuid(Random random)
    {
        Span<byte> b = stackalloc byte[16];
        random.NextBytes(b);
        b[6] = (byte)(0x40 | (b[6] & 0x0F));
        b[8] = (byte)(0x80 | (b[8] & 0x3F));
        return new Guid(b, bigEndian: true);
    }

    public static double Megabytes(string file) =>
        new[] { file, file + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length) / 1024.0 / 1024.0;

    private static async Task ExecAsync(SqliteConnection db, string sql)
    {
        await using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.CommandTimeout = 0;
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(SqliteConnection db, string sql)
    {
        await using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.CommandTimeout = 0;
        return await cmd.ExecuteScalarAsync();
    }
}
