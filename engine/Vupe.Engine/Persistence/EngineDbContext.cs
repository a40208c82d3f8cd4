using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using System.Linq.Expressions;

namespace Vupe.Engine.Persistence;

/// <summary>The engine's tables. Provider-neutral: SQLite by default, PostgreSQL by changing the options.</summary>
public sealed class EngineDbContext(DbContextOptions<EngineDbContext> options) : DbContext(options)
{
    public DbSet<DeploymentRecord> Deployments => Set<DeploymentRecord>();
    public DbSet<ProcessDefinitionRecord> ProcessDefinitions => Set<ProcessDefinitionRecord>();
    public DbSet<ResourceDefinitionRecord> ResourceDefinitions => Set<ResourceDefinitionRecord>();
    public DbSet<CaseFileRecord> CaseFiles => Set<CaseFileRecord>();
    public DbSet<CaseCounterRecord> CaseCounters => Set<CaseCounterRecord>();
    public DbSet<ProcessInstanceRecord> ProcessInstances => Set<ProcessInstanceRecord>();
    public DbSet<UserTaskRecord> UserTasks => Set<UserTaskRecord>();
    public DbSet<TaskCandidateRecord> TaskCandidates => Set<TaskCandidateRecord>();
    public DbSet<EventSubscriptionRecord> EventSubscriptions => Set<EventSubscriptionRecord>();
    public DbSet<BufferedMessageRecord> BufferedMessages => Set<BufferedMessageRecord>();
    public DbSet<JobRecord> Jobs => Set<JobRecord>();
    public DbSet<IncidentRecord> Incidents => Set<IncidentRecord>();
    public DbSet<HistoryEventRecord> HistoryEvents => Set<HistoryEventRecord>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset; UTC ticks sort correctly everywhere.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
        }
        else
        {
            // PostgreSQL's timestamptz takes UTC only; timers parsed from "-05:00" dates are normalised.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var b = modelBuilder;
        b.Entity<DeploymentRecord>(e => e.HasKey(x => x.Id));
        b.Entity<ProcessDefinitionRecord>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.Key, x.Version }).IsUnique();
        });
        b.Entity<ResourceDefinitionRecord>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.Kind, x.Key, x.Version }).IsUnique();
        });
        b.Entity<CaseFileRecord>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.CaseNumber).IsUnique();
            e.HasIndex(x => x.ParentCaseId);
            e.HasIndex(x => new { x.OfficeCode, x.Status, x.OpenedAt });
            e.HasIndex(x => new { x.SubjectId, x.OpenedAt });
            e.HasIndex(x => x.OpenedAt);
            // Figures (docs/benchmarks.md, Figures), read from index entries alone (no table row per case): cases per office
            // and procedure, read in group order with the period checked on each entry (FigureQueryable.CountBy); durations
            // of the cases closed in a period, by period (national) or office then period (without the office-first one
            // SQLite, which has no statistics here, prefers any index that starts with the office's equality and reads
            // the office's every case); cases per title among those whose title starts with a prefix (CaseFilter.TitlePrefix),
            // national or office first for the same reason.
            e.HasIndex(x => new { x.OfficeCode, x.ProcessKey, x.OpenedAt, x.ClosedAt }, "IX_CaseFiles_Figures_Groups");
            e.HasIndex(x => new { x.ClosedAt, x.OfficeCode, x.ProcessKey, x.OpenedAt }, "IX_CaseFiles_Figures_Closed");
            e.HasIndex(x => new { x.OfficeCode, x.ClosedAt, x.ProcessKey, x.OpenedAt }, "IX_CaseFiles_Figures_OfficeClosed");
            e.HasIndex(x => new { x.Title, x.OpenedAt, x.OfficeCode }, "IX_CaseFiles_Figures_Title");
            e.HasIndex(x => new { x.OfficeCode, x.Title, x.OpenedAt }, "IX_CaseFiles_Figures_OfficeTitle");
            // The case search (an office and a period, newest or oldest first, a page at a time): one range of this index
            // in the order shown, Id breaking ties as the query does, instead of every case of the office sorted.
            e.HasIndex(x => new { x.OfficeCode, x.OpenedAt, x.Id }, "IX_CaseFiles_Search_OfficeOpened");
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<CaseCounterRecord>(e => e.HasKey(x => new { x.OfficeCode, x.Year }));
        b.Entity<ProcessInstanceRecord>(e =>
        {
            e.HasKey(x => x.Id);
            e.Ignore(x => x.State);
            e.HasIndex(x => x.CaseId);
            e.HasIndex(x => x.ParentInstanceId);
            // The operations console's instances of a definition (RuntimeService.QueryInstancesAsync): a state is a range of
            // it read newest first, the office found by CaseId from the entry; none of its columns changes on an ordinary step
            // (Status once, at the end; Suspended on suspend/resume), so a step's UPDATE does not rewrite it.
            e.HasIndex(x => new { x.DefinitionId, x.Status, x.Suspended, x.StartedAt, x.Id, x.CaseId }, "IX_ProcessInstances_Console");
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<UserTaskRecord>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasMany(x => x.Candidates).WithOne().HasForeignKey(c => c.TaskId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => x.InstanceId);
            e.HasIndex(x => new { x.Assignee, x.DueAt });
            // The inbox (docs/benchmarks.md, Inbox): one index per view and sort, read in order and stopped after the
            // page, so a page costs the same in an office of 1.5 million open tasks as in one of fifty. Ties are broken
            // by Id in the sort's direction (TaskQueryable.Order), so each index serves both directions.
            // Mine (Assignee = user) and Available (Assignee IS NULL, offered to the user's groups: CandidateKey). The
            // last one also answers capped counts from its entries alone (CandidateKey included).
            e.HasIndex(x => new { x.OfficeCode, x.Assignee, x.DueAt, x.Id });
            e.HasIndex(x => new { x.OfficeCode, x.Assignee, x.Priority, x.Id });
            e.HasIndex(x => new { x.OfficeCode, x.Assignee, x.CreatedAt, x.Id, x.CandidateKey });
            // The whole office, optionally with an SLA window or a procedure. Sorted by due date: a range of
            // (office, due) or (office, procedure, due). Sorted otherwise: the sort's index read in order, the window
            // and the procedure checked on its entries (DueAt, ProcessKey), the row read only for the page's tasks.
            e.HasIndex(x => new { x.OfficeCode, x.DueAt });
            e.HasIndex(x => new { x.OfficeCode, x.ProcessKey, x.DueAt });
            e.HasIndex(x => new { x.OfficeCode, x.Priority, x.Id, x.DueAt, x.ProcessKey });
            e.HasIndex(x => new { x.OfficeCode, x.CreatedAt, x.DueAt, x.ProcessKey });
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<TaskCandidateRecord>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.Kind, x.Value, x.TaskId });
        });
        b.Entity<EventSubscriptionRecord>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.Kind, x.Name, x.CorrelationKey });
            e.HasIndex(x => new { x.InstanceId, x.ExecutionId });
        });
        b.Entity<BufferedMessageRecord>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.Name, x.CorrelationKey });
        });
        b.Entity<JobRecord>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.RetriesLeft, x.DueAt });
            e.HasIndex(x => x.InstanceId);
            e.HasIndex(x => x.DefinitionId);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<IncidentRecord>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.InstanceId);
            e.HasIndex(x => x.CaseId);
            // The console's list of open incidents across cases: only the open ones are indexed (a resolved incident is
            // history), in the order listed, so a page and its count read the open incidents, not every one ever raised.
            e.HasIndex(x => new { x.CreatedAt, x.Id }, "IX_Incidents_Open").HasFilter("\"ResolvedAt\" IS NULL");
        });
        b.Entity<HistoryEventRecord>(e =>
        {
            e.HasKey(x => x.Id);
            // No index on CaseId: a case's rows are found through its instances (EfSession.FindHistoryAsync). Every
            // history row cost one more index entry on the hottest table, some twenty per reference instance, for a
            // query that the instances' CaseId index answers as well. Databases created before keep theirs.
            e.HasIndex(x => x.InstanceId);
        });
        var ticksBetween = b.HasDbFunction(typeof(EngineDbFunctions).GetMethod(nameof(EngineDbFunctions.TicksBetween))!);
        if (Database.IsSqlite())
            ticksBetween.HasTranslation(args => new SqlBinaryExpression(ExpressionType.Subtract, args[1], args[0], typeof(long), new LongTypeMapping("INTEGER")));
        else
            // PostgreSQL: CAST(date_part('epoch', to - from) * 10000000 AS bigint); microseconds there, so whole ticks.
            ticksBetween.HasTranslation(args => new SqlUnaryExpression(ExpressionType.Convert,
                new SqlBinaryExpression(ExpressionType.Multiply,
                    new SqlFunctionExpression("date_part", [new SqlFragmentExpression("'epoch'"), new SqlBinaryExpression(ExpressionType.Subtract, args[1], args[0], typeof(TimeSpan), new TimeSpanTypeMapping("interval"))],
                        nullable: true, argumentsPropagateNullability: [false, true], typeof(double), new DoubleTypeMapping("double precision")),
                    new SqlFragmentExpression("10000000"), typeof(double), new DoubleTypeMapping("double precision")),
                typeof(long), new LongTypeMapping("bigint")));
        var variableJson = b.HasDbFunction(typeof(EngineDbFunctions).GetMethod(nameof(EngineDbFunctions.VariableJson))!);
        var text = new StringTypeMapping("TEXT", System.Data.DbType.String);
        if (Database.IsSqlite())
            variableJson.HasTranslation(args => new SqlFunctionExpression("\"->\"",
                [args[0], new SqlFunctionExpression("printf", [new SqlConstantExpression("$.Executions.root.Variables.%s", text), new SqlFunctionExpression("json_quote", [args[1]], true, [true], typeof(string), text)],
                    true, [false, true], typeof(string), text)],
                nullable: true, argumentsPropagateNullability: [true, true], typeof(string), text));
        else
        {
            var json = new StringTypeMapping("json", System.Data.DbType.String);
            var pgText = new StringTypeMapping("text", System.Data.DbType.String);
            variableJson.HasTranslation(args => new SqlUnaryExpression(ExpressionType.Convert,
                new SqlFunctionExpression("json_extract_path",
                    [new SqlUnaryExpression(ExpressionType.Convert, args[0], typeof(string), json), new SqlConstantExpression("Executions", pgText),
                     new SqlConstantExpression("root", pgText), new SqlConstantExpression("Variables", pgText), args[1]],
                    nullable: true, argumentsPropagateNullability: [true, false, false, false, true], typeof(string), json),
                typeof(string), pgText));
        }
        if (Database.IsSqlite())
        {
            // Plain rowids instead of AUTOINCREMENT: AUTOINCREMENT reads and rewrites sqlite_sequence on
            // every insert (one more page per commit) only to never reuse the id of a deleted last row.
            // History rows are never deleted, so their ids still grow in the order written; candidate ids
            // are referenced by nothing. Databases created before keep AUTOINCREMENT, which works the same.
            b.Entity<HistoryEventRecord>().Property(x => x.Id).Metadata.SetValueGenerationStrategy(SqliteValueGenerationStrategy.None);
            b.Entity<TaskCandidateRecord>().Property(x => x.Id).Metadata.SetValueGenerationStrategy(SqliteValueGenerationStrategy.None);
        }
    }

    private sealed class UtcConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v);

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));
}

/// <summary>The last case sequence number per office and year.</summary>
public sealed class CaseCounterRecord
{
    public required string OfficeCode { get; set; }
    public int Year { get; set; }
    public long Next { get; set; }
}
