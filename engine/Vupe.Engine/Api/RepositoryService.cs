using System.Security.Cryptography;
using System.Text;
using Vupe.Engine.Model;
using Vupe.Engine.Parsing;
using Vupe.Engine.Persistence;
using Vupe.Engine.Runtime;
using Vupe.Feel;

namespace Vupe.Engine;

/// <summary>Deploys BPMN files and lists the versions of each process.</summary>
public sealed class RepositoryService
{
    private readonly EngineCore _core;
    internal RepositoryService(EngineCore core) => _core = core;

    /// <summary>
    /// Validates every resource and deploys all or nothing. A process whose XML is byte-for-byte its
    /// latest version's gets no new version; any change makes version n+1, and running instances stay on theirs.
    /// </summary>
    public async Task<DeploymentResult> DeployAsync(string name, IReadOnlyList<DeploymentResource> resources, string? userId = null, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A deployment needs a name.");
        var (models, problems) = Check(resources);
        if (problems.Count > 0) throw new DeploymentException(problems);
        return await StoreAsync(name, models, userId, ct);
    }

    /// <summary>What deploying these files would report, without deploying anything: for the designer's "check" button.</summary>
    public IReadOnlyList<DeploymentProblem> Validate(IReadOnlyList<DeploymentResource> resources) => Check(resources).Problems;

    private (List<(DeploymentResource Resource, ProcessModel Model)> Models, List<DeploymentProblem> Problems) Check(IReadOnlyList<DeploymentResource> resources)
    {
        if (resources.Count == 0) throw new ArgumentException("A deployment needs at least one resource.");
        var parser = new BpmnParser(new ParserSettings { IsKnownTaskType = _core.Options.RequireKnownTaskTypes ? _core.Handlers.ContainsKey : null });
        var problems = new List<DeploymentProblem>();
        var models = new List<(DeploymentResource Resource, ProcessModel Model)>();
        foreach (var resource in resources)
        {
            if (!resource.Name.EndsWith(".bpmn", StringComparison.OrdinalIgnoreCase) && !resource.Name.EndsWith(".bpmn20.xml", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add(new DeploymentProblem(resource.Name, null, 0, "Only BPMN files (.bpmn, .bpmn20.xml) can be deployed to the process engine."));
                continue;
            }
            var parsed = parser.Parse(resource.Name, resource.Content);
            problems.AddRange(parsed.Problems);
            models.AddRange(parsed.Processes.Select(p => (resource, p)));
        }
        foreach (var duplicate in models.GroupBy(m => m.Model.Id).Where(g => g.Count() > 1))
            problems.Add(new DeploymentProblem(duplicate.Last().Resource.Name, duplicate.Key, duplicate.Last().Model.Line, $"Process id '{duplicate.Key}' appears more than once in this deployment."));
        return (models, problems);
    }

    private async Task<DeploymentResult> StoreAsync(string name, List<(DeploymentResource Resource, ProcessModel Model)> models, string? userId, CancellationToken ct)
    {
        var created = new List<DeployedProcess>();
        var result = await _core.ExecuteAsync(userId, ct, async ctx =>
        {
            var existing = await ctx.Session.LoadDefinitionsAsync(ct);
            var deployment = new DeploymentRecord { Id = Ids.NewVersion7(), Name = name, DeployedAt = ctx.Now, DeployedBy = userId };
            var unchanged = new List<ProcessDefinitionInfo>();
            foreach (var (resource, model) in models)
            {
                var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(resource.Content)));
                var latest = existing.Where(d => d.Key == model.Id).MaxBy(d => d.Version);
                if (latest is not null && latest.Sha256 == sha)
                {
                    unchanged.Add(ProcessDefinitionInfo.From(latest));
                    continue;
                }
                var version = (latest?.Version ?? 0) + 1;
                var record = new ProcessDefinitionRecord
                {
                    Id = $"{model.Id}:{version}", Key = model.Id, Version = version, Name = model.Name, DeploymentId = deployment.Id,
                    ResourceName = resource.Name, Xml = resource.Content, Sha256 = sha, DeployedAt = ctx.Now,
                };
                ctx.Session.Add(record);
                created.Add(new DeployedProcess(record, model));
                await ReplaceTimerStartsAsync(ctx, record, model, existing.Where(d => d.Key == model.Id));
            }
            if (created.Count > 0) ctx.Session.Add(deployment);
            return new DeploymentResult(deployment.Id, [.. created.Select(c => ProcessDefinitionInfo.From(c.Record))], unchanged);
        });
        foreach (var process in created)
        {
            _core.Definitions.Add(process);
            _core.Log.Deployed(process.Record.Key, process.Record.Version, process.Record.ResourceName);
        }
        return result;
    }

    /// <summary>Only the newest version of a process starts on its timers.</summary>
    private static async Task ReplaceTimerStartsAsync(CommandContext ctx, ProcessDefinitionRecord record, ProcessModel model, IEnumerable<ProcessDefinitionRecord> olderVersions)
    {
        foreach (var older in olderVersions)
        foreach (var job in await ctx.Session.FindJobsAsync(new JobFilter(DefinitionId: older.Id, Kind: JobKind.TimerStart), ctx.Ct))
            ctx.Session.Remove(job);
        foreach (var start in model.StartEvents)
        {
            if (start.Definition is not TimerDefinition timer) continue;
            var (due, repeats, spec) = FlowRunner.EvaluateTimer(ctx.Now, new FeelScope(new Dictionary<string, FeelValue>()), start, timer);
            ctx.AddJob(new JobRecord
            {
                Id = Ids.NewVersion7(), Kind = JobKind.TimerStart, DefinitionId = record.Id, ElementId = start.Id, DueAt = due,
                RetriesLeft = 1, RepeatsLeft = repeats, TimerSpec = spec, CreatedAt = ctx.Now,
            });
        }
    }

    public Task<List<ProcessDefinitionInfo>> ListDefinitionsAsync(string? key = null, CancellationToken ct = default) =>
        _core.ReadAsync(ct, async s => (await s.LoadDefinitionsAsync(ct))
            .Where(d => key is null || d.Key == key).OrderBy(d => d.Key).ThenBy(d => d.Version).Select(ProcessDefinitionInfo.From).ToList());

    public async Task<string> GetDefinitionXmlAsync(string definitionId, CancellationToken ct = default) =>
        (await _core.Definitions.GetAsync(definitionId, ct)).Record.Xml;
}
