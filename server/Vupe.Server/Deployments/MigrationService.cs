using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Vupe.Engine;
using Vupe.Engine.Persistence;
using Vupe.Server.Audit;
using Vupe.Server.Auth;
using Vupe.Server.Cases;
using Vupe.Server.Data;
using Vupe.Server.Problems;

namespace Vupe.Server.Deployments;

public sealed record MigrationMappingDto(string From, string To);

public sealed record MigrationRequest(string? SourceDefinitionId, string? TargetDefinitionId, List<MigrationMappingDto>? Mappings);

public sealed record MigrationCheckDto(Guid InstanceId, Guid CaseId, bool CanMigrate, IReadOnlyList<string> Reasons);

public sealed record MigrationPlanDto(IReadOnlyList<MigrationCheckDto> Instances);

public sealed record MigrationRunDto(Guid Id, string SourceDefinitionId, string TargetDefinitionId, string Status, int Total, int Migrated, int Failed,
    string RequestedBy, string? OfficeCode, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, IReadOnlyList<MigrationCheckDto> Failures)
{
    public static MigrationRunDto From(MigrationRun r) => new(r.Id, r.SourceDefinitionId, r.TargetDefinitionId, r.Status.ToString(), r.Total, r.Migrated, r.Failed,
        r.RequestedBy, r.OfficeCode, r.CreatedAt, r.FinishedAt, JsonSerializer.Deserialize<List<MigrationCheckDto>>(r.FailuresJson, MigrationService.Json) ?? []);
}

/// <summary>
/// Migrating running cases between versions of a procedure, for the API and the designer: a dry run that changes
/// nothing, and a run in the background (<see cref="MigrationRunner"/>) whose progress is kept. National supervisors
/// and admins move every office's cases; an office supervisor only their office's.
/// </summary>
public sealed class MigrationService(ProcessEngine engine, CaseAccess access, IDbContextFactory<VupeDbContext> contexts, IBackgroundJobClient jobs,
    AuditLog audit, TimeProvider time)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<MigrationPlanDto> PlanAsync(MigrationRequest request, CancellationToken ct)
    {
        var (source, target, mappings) = Validate(request);
        await EnsureVersionsOfOneProcedureAsync(source, target, ct);
        var scope = ScopeOfUser();
        return new MigrationPlanDto(await CheckAsync(engine, source, target, mappings, scope, ct));
    }

    public async Task<MigrationRunDto> StartAsync(MigrationRequest request, CancellationToken ct)
    {
        var (source, target, mappings) = Validate(request);
        var user = access.Scope;
        await EnsureVersionsOfOneProcedureAsync(source, target, ct);
        var run = new MigrationRun
        {
            Id = Guid.CreateVersion7(), SourceDefinitionId = source, TargetDefinitionId = target, MappingsJson = JsonSerializer.Serialize(mappings, Json),
            RequestedBy = user.UserName, OfficeCode = ScopeOfUser(), CreatedAt = time.GetUtcNow(), Status = MigrationRunStatus.Queued,
        };
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            db.MigrationRuns.Add(run);
            audit.Stage(db, AuditTrails.Catalogue, "migration.requested", new { runId = run.Id, source, target, mappings, office = run.OfficeCode });
            await db.SaveChangesAsync(ct);
        }
        jobs.Enqueue<MigrationRunner>(runner => runner.RunAsync(run.Id, CancellationToken.None));
        return MigrationRunDto.From(run);
    }

    public async Task<MigrationRunDto> GetAsync(Guid id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var run = await db.MigrationRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        var user = access.Scope;
        var visible = run is not null && (run.OfficeCode is null ? user.IsNational || user.Is(Roles.Admin) : user.CanSeeOffice(run.OfficeCode));
        return visible ? MigrationRunDto.From(run!) : throw new NotFoundException($"Migration {id} does not exist.");
    }

    /// <summary>Which active instances of the source can move to the target; only those of <paramref name="office"/> when one is given.</summary>
    internal static async Task<List<MigrationCheckDto>> CheckAsync(ProcessEngine engine, string source, string target, IReadOnlyDictionary<string, string> mappings,
        string? office, CancellationToken ct)
    {
        var plan = await engine.Runtime.PlanMigrationAsync(source, target, mappings, ct: ct);
        HashSet<Guid>? inOffice = null;
        if (office is not null)
            inOffice = [.. (await engine.Cases.QueryAsync(new CaseFilter { OfficeCodes = [office], Take = 1_000_000 }, ct)).Select(c => c.Id)];
        return [.. plan.Where(p => inOffice is null || inOffice.Contains(p.CaseId)).Select(p => new MigrationCheckDto(p.InstanceId, p.CaseId, p.CanMigrate, p.Reasons))];
    }

    /// <summary>The office whose cases the user may migrate; null for every office.</summary>
    private string? ScopeOfUser()
    {
        var user = access.Scope;
        if (user.Is(Roles.Admin) || user.IsNational) return null;
        if (!user.Is(Roles.Supervisor)) throw new AccessDeniedException("Solo los supervisores y administradores migran expedientes.");
        return user.OfficeCode;
    }

    /// <summary>
    /// A migration moves cases between versions of one procedure: both must exist (404), be of the same procedure and
    /// differ (400) — the engine would move them onto another procedure, which no supervisor means to do.
    /// </summary>
    private async Task EnsureVersionsOfOneProcedureAsync(string source, string target, CancellationToken ct)
    {
        var definitions = await engine.Repository.ListDefinitionsAsync(ct: ct);
        var from = definitions.FirstOrDefault(d => d.Id == source) ?? throw new NotFoundException($"Process definition {source} does not exist.");
        var to = definitions.FirstOrDefault(d => d.Id == target) ?? throw new NotFoundException($"Process definition {target} does not exist.");
        var errors = new FieldErrors();
        if (from.Key != to.Key) errors.Add("targetDefinitionId", $"La versión destino debe ser del mismo procedimiento ({from.Key}).");
        else if (from.Id == to.Id) errors.Add("targetDefinitionId", "Elija una versión destino distinta de la de origen.");
        errors.ThrowIfAny();
    }

    private static (string Source, string Target, Dictionary<string, string> Mappings) Validate(MigrationRequest request)
    {
        var errors = new FieldErrors();
        var source = errors.Text("sourceDefinitionId", request.SourceDefinitionId, 200);
        var target = errors.Text("targetDefinitionId", request.TargetDefinitionId, 200);
        var mappings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (mapping, i) in (request.Mappings ?? []).Select((m, i) => (m, i)))
        {
            if (string.IsNullOrWhiteSpace(mapping.From) || string.IsNullOrWhiteSpace(mapping.To)) errors.Add($"mappings[{i}]", "Indique from y to.");
            else if (!mappings.TryAdd(mapping.From.Trim(), mapping.To.Trim())) errors.Add($"mappings[{i}]", $"'{mapping.From}' ya tiene un destino.");
        }
        errors.ThrowIfAny();
        return (source!, target!, mappings);
    }
}

/// <summary>
/// Runs a migration in the background (a Hangfire job): every case that can move is moved in its own command, acting
/// for the supervisor who asked (so each move is audited in its case's trail); progress is saved as it goes, and the
/// cases that could not move are kept with their reasons. A case is never half-migrated.
/// </summary>
public sealed class MigrationRunner(ProcessEngine engine, IDbContextFactory<VupeDbContext> contexts, TimeProvider time, ILogger<MigrationRunner> logger)
{
    private const int SaveEvery = 50;

    public async Task RunAsync(Guid runId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var run = await db.MigrationRuns.FirstOrDefaultAsync(r => r.Id == runId, ct);
        if (run is null || run.Status is MigrationRunStatus.Completed or MigrationRunStatus.Failed) return;
        var mappings = JsonSerializer.Deserialize<Dictionary<string, string>>(run.MappingsJson, MigrationService.Json) ?? [];
        using var actor = ProcessEngine.ActAs(new CommandActor(run.RequestedBy, run.RequestedBy, [Roles.Supervisor], run.OfficeCode, null));
        var failures = new List<MigrationCheckDto>();
        try
        {
            var plan = await MigrationService.CheckAsync(engine, run.SourceDefinitionId, run.TargetDefinitionId, mappings, run.OfficeCode, ct);
            (run.Status, run.Total, run.Migrated, run.Failed) = (MigrationRunStatus.Running, plan.Count, 0, 0);
            await SaveAsync(db, run, failures, ct);
            foreach (var instance in plan)
            {
                if (!instance.CanMigrate)
                {
                    Fail(run, failures, instance);
                    continue;
                }
                try
                {
                    await engine.Runtime.MigrateAsync(instance.InstanceId, run.TargetDefinitionId, mappings, run.RequestedBy, ct);
                    run.Migrated++;
                }
                catch (Exception e) when (e is InvalidStateException or ConflictException or NotFoundException)
                {
                    // Changed since the plan (a task completed, another migration): this case stays as it is.
                    Fail(run, failures, instance with { CanMigrate = false, Reasons = [e.Message] });
                }
                if ((run.Migrated + run.Failed) % SaveEvery == 0) await SaveAsync(db, run, failures, ct);
            }
            run.Status = MigrationRunStatus.Completed;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Migration {RunId} stopped", runId);
            run.Status = MigrationRunStatus.Failed;
            failures.Add(new MigrationCheckDto(Guid.Empty, Guid.Empty, false, [$"La migración se detuvo: {e.Message}"]));
        }
        run.FinishedAt = time.GetUtcNow();
        await SaveAsync(db, run, failures, ct);
    }

    private static void Fail(MigrationRun run, List<MigrationCheckDto> failures, MigrationCheckDto instance)
    {
        run.Failed++;
        if (failures.Count < MigrationRun.MaxFailuresKept) failures.Add(instance);
    }

    private static async Task SaveAsync(VupeDbContext db, MigrationRun run, List<MigrationCheckDto> failures, CancellationToken ct)
    {
        run.FailuresJson = JsonSerializer.Serialize(failures, MigrationService.Json);
        run.Version++;
        await db.SaveChangesAsync(ct);
    }
}
