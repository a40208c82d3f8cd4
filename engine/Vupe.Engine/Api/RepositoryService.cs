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
    /// Validates every file and deploys all or nothing: BPMN processes, and the decisions and forms of the resource
    /// kinds the host registered. A file byte-for-byte its latest version's makes no new version; any change makes
    /// version n+1, and running cases stay on theirs (a case binds to the decisions and forms of its start).
    /// </summary>
    public async Task<DeploymentResult> DeployAsync(string name, IReadOnlyList<DeploymentResource> resources, string? userId = null, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A deployment needs a name.");
        var check = Check(resources);
        if (check.Problems.Count > 0) throw new DeploymentException(check.Problems);
        for (var attempt = 1; ; attempt++)
        {
            try { return await StoreAsync(name, check, userId, ct); }
            catch (ConflictException) when (attempt < 3)
            {
                // Another engine on this database (another node deploying the catalogue as it starts) took the same
                // version numbers at the same time: read what it deployed and number after it; identical files then
                // make no new version.
            }
        }
    }

    /// <summary>What deploying these files would report, without deploying anything: for the designer's "check" button.</summary>
    public IReadOnlyList<DeploymentProblem> Validate(IReadOnlyList<DeploymentResource> resources) => Check(resources).Problems;

    private sealed record Checked(
        List<(DeploymentResource Resource, ProcessModel Model)> Models, List<(DeploymentResource Resource, IResourceKind Kind, ResourceKey Key)> Others,
        List<DeploymentProblem> Problems);

    private Checked Check(IReadOnlyList<DeploymentResource> resources)
    {
        if (resources.Count == 0) throw new ArgumentException("A deployment needs at least one resource.");
        var parser = new BpmnParser(new ParserSettings { IsKnownTaskType = _core.Options.RequireKnownTaskTypes ? _core.Handlers.ContainsKey : null });
        var problems = new List<DeploymentProblem>();
        var models = new List<(DeploymentResource Resource, ProcessModel Model)>();
        var others = new List<(DeploymentResource, IResourceKind, ResourceKey)>();
        foreach (var resource in resources)
        {
            if (resource.Name.EndsWith(".bpmn", StringComparison.OrdinalIgnoreCase) || resource.Name.EndsWith(".bpmn20.xml", StringComparison.OrdinalIgnoreCase))
            {
                var parsed = parser.Parse(resource.Name, resource.Content);
                problems.AddRange(parsed.Problems);
                models.AddRange(parsed.Processes.Select(p => (resource, p)));
            }
            else if (_core.ResourceKinds.FirstOrDefault(k => k.Accepts(resource.Name)) is { } kind)
            {
                var found = kind.Check(resource.Name, resource.Content);
                problems.AddRange(found.Problems);
                if (found.Problems.Count == 0 && found.Keys.Count == 0)
                    problems.Add(new DeploymentProblem(resource.Name, null, 0, ProblemText.DefinesNothing(kind.Kind)));
                others.AddRange(found.Keys.Select(k => (resource, kind, k)));
            }
            else
            {
                problems.Add(new DeploymentProblem(resource.Name, null, 0, ProblemText.CannotDeployFile([.. _core.ResourceKinds.Select(k => k.Kind)])));
            }
        }
        foreach (var duplicate in models.GroupBy(m => m.Model.Id).Where(g => g.Count() > 1))
            problems.Add(new DeploymentProblem(duplicate.Last().Resource.Name, duplicate.Key, duplicate.Last().Model.Line, ProblemText.DuplicateProcessId(duplicate.Key)));
        foreach (var duplicate in others.GroupBy(o => (o.Item2.Kind, o.Item3.Key)).Where(g => g.Count() > 1))
            problems.Add(new DeploymentProblem(duplicate.Last().Item1.Name, duplicate.Key.Key, 0, ProblemText.DuplicateResource(duplicate.Key.Kind, duplicate.Key.Key)));
        return new Checked(models, others, problems);
    }

    private async Task<DeploymentResult> StoreAsync(string name, Checked check, string? userId, CancellationToken ct)
    {
        var created = new List<DeployedProcess>();
        var createdResources = new List<ResourceDefinitionRecord>();
        var result = await _core.ExecuteAsync(userId, ct, async ctx =>
        {
            var existing = await ctx.Session.LoadDefinitionsAsync(ct, withXml: false);
            var deployment = new DeploymentRecord { Id = Ids.NewVersion7(), Name = name, DeployedAt = ctx.Now, DeployedBy = userId };
            var unchanged = new List<ProcessDefinitionInfo>();
            foreach (var (resource, model) in check.Models)
            {
                var sha = Sha256Of(resource.Content);
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
            var storedResources = await ctx.Session.LoadResourcesAsync(ct);
            var unchangedResources = new List<ResourceDefinitionInfo>();
            foreach (var (resource, kind, key) in check.Others)
            {
                var sha = Sha256Of(resource.Content);
                var latest = storedResources.Where(r => r.Kind == kind.Kind && r.Key == key.Key).MaxBy(r => r.Version);
                if (latest is not null && latest.Sha256 == sha)
                {
                    unchangedResources.Add(ResourceDefinitionInfo.From(latest));
                    continue;
                }
                var version = (latest?.Version ?? 0) + 1;
                var record = new ResourceDefinitionRecord
                {
                    Id = $"{kind.Kind}:{key.Key}:{version}", Kind = kind.Kind, Key = key.Key, Version = version, Name = key.Name, DeploymentId = deployment.Id,
                    ResourceName = resource.Name, Content = resource.Content, Sha256 = sha, DeployedAt = ctx.Now,
                };
                ctx.Session.Add(record);
                createdResources.Add(record);
            }
            if (created.Count > 0 || createdResources.Count > 0) ctx.Session.Add(deployment);
            return new DeploymentResult(deployment.Id, [.. created.Select(c => ProcessDefinitionInfo.From(c.Record))], unchanged)
            {
                Resources = [.. createdResources.Select(ResourceDefinitionInfo.From)], UnchangedResources = unchangedResources,
            };
        });
        foreach (var process in created)
        {
            _core.Definitions.Add(process);
            _core.Log.Deployed(process.Record.Key, process.Record.Version, process.Record.ResourceName);
        }
        _core.Resources.Add(createdResources);
        foreach (var resource in createdResources) _core.Log.ResourceDeployed(resource.Kind, resource.Key, resource.Version, resource.ResourceName);
        return result;
    }

    private static string Sha256Of(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    /// <summary>Only the newest version of a process starts on its timers.</summary>
    private static async Task ReplaceTimerStartsAsync(CommandContext ctx, ProcessDefinitionRecord record, ProcessModel model, IEnumerable<ProcessDefinitionRecord> olderVersions)
    {
        foreach (var older in olderVersions)
        foreach (var job in await ctx.Session.FindJobsAsync(new JobFilter(DefinitionId: older.Id, Kind: JobKind.TimerStart), ctx.Ct))
            ctx.Session.Remove(job);
        foreach (var start in model.StartEvents)
        {
            if (start.Definition is not TimerDefinition timer) continue;
            var (due, repeats, spec) = Runtime.Behaviors.EventWaits.EvaluateTimer(ctx.Now, new FeelScope(new Dictionary<string, FeelValue>()), start, timer);
            ctx.AddJob(new JobRecord
            {
                Id = Ids.NewVersion7(), Kind = JobKind.TimerStart, DefinitionId = record.Id, ElementId = start.Id, DueAt = due,
                RetriesLeft = 1, RepeatsLeft = repeats, TimerSpec = spec, CreatedAt = ctx.Now,
            });
        }
    }

    public Task<List<ProcessDefinitionInfo>> ListDefinitionsAsync(string? key = null, CancellationToken ct = default) =>
        _core.ReadAsync(ct, async s => (await s.LoadDefinitionsAsync(ct, withXml: false, key))
            .OrderBy(d => d.Key).ThenBy(d => d.Version).Select(ProcessDefinitionInfo.From).ToList());

    /// <summary>
    /// The latest deployed version of <paramref name="key"/>, or null, from the engine's cache of parsed definitions (kept
    /// current with other nodes' deployments as commands are: <see cref="EngineOptions.DeploymentRefreshInterval"/>).
    /// What a start by key would start; without a query per call (opening a case asks on every request).
    /// </summary>
    public async Task<ProcessDefinitionInfo?> FindLatestDefinitionAsync(string key, CancellationToken ct = default)
    {
        await _core.Deployments.EnsureFreshAsync(ct);
        return await _core.Definitions.FindLatestAsync(key, ct) is { } latest ? ProcessDefinitionInfo.From(latest.Record) : null;
    }

    public async Task<string> GetDefinitionXmlAsync(string definitionId, CancellationToken ct = default) =>
        (await _core.Definitions.GetAsync(definitionId, ct)).Record.Xml;

    /// <summary>Every version of the deployed decisions and forms, optionally of one kind and key; by kind, key and version.</summary>
    public async Task<List<ResourceDefinitionInfo>> ListResourcesAsync(string? kind = null, string? key = null, CancellationToken ct = default)
    {
        await _core.Resources.ReloadAsync(ct);
        return [.. _core.Resources.All.Where(r => (kind is null || r.Kind == kind) && (key is null || r.Key == key))
            .OrderBy(r => r.Kind, StringComparer.Ordinal).ThenBy(r => r.Key, StringComparer.Ordinal).ThenBy(r => r.Version).Select(ResourceDefinitionInfo.From)];
    }

    /// <summary>A deployed decision or form with its file: the given version, or the latest; null when none is deployed.</summary>
    /// <summary>
    /// The start form of a process definition (<c>vupe:formKey</c> on its none start event), in the version a case
    /// started now binds to; null when the process has none or the form is not deployed.
    /// </summary>
    public async Task<DeployedResource?> GetStartFormAsync(string definitionId, CancellationToken ct = default)
    {
        var process = await _core.Definitions.GetAsync(definitionId, ct);
        if (process.Model.StartEvents.FirstOrDefault(s => s.Definition is null && s.FormKey is not null) is not { FormKey: { } key } start) return null;
        return _core.Resources.Choose(ResourceKinds.Form, key, start.FormBinding, start.FormVersion, process.Record.DeploymentId) is { } record
            ? DeployedResource.From(record) : null;
    }

    public DeployedResource? FindResource(string kind, string key, int? version = null) =>
        (version is { } v ? _core.Resources.Find(kind, key, v) : _core.Resources.Latest(kind, key)) is { } r ? DeployedResource.From(r) : null;

    /// <summary>The deployments, newest first, with what each holds.</summary>
    public Task<List<DeploymentInfo>> ListDeploymentsAsync(CancellationToken ct = default) =>
        _core.ReadAsync(ct, async s =>
        {
            var definitions = (await s.LoadDefinitionsAsync(ct, withXml: false)).ToLookup(d => d.DeploymentId);
            var resources = (await s.LoadResourcesAsync(ct)).ToLookup(r => r.DeploymentId);
            var deployments = await s.LoadDeploymentsAsync(ct);
            // Newest first; deployments of one instant (a frozen test clock) in the reverse of the order the store keeps them.
            return deployments.Select((d, i) => (Deployment: d, Order: i)).OrderByDescending(x => x.Deployment.DeployedAt).ThenByDescending(x => x.Order)
                .Select(x => x.Deployment).Select(d => new DeploymentInfo(d.Id, d.Name, d.DeployedAt, d.DeployedBy,
                [.. definitions[d.Id].OrderBy(p => p.Key, StringComparer.Ordinal).Select(ProcessDefinitionInfo.From)],
                [.. resources[d.Id].OrderBy(r => r.Kind, StringComparer.Ordinal).ThenBy(r => r.Key, StringComparer.Ordinal).Select(ResourceDefinitionInfo.From)])).ToList();
        });

    /// <summary>How many instances of each process definition run and have ended (completed, terminated or cancelled), by definition id.</summary>
    public Task<Dictionary<string, DefinitionInstanceCounts>> CountInstancesAsync(CancellationToken ct = default) => CountAsync(null, ct);

    /// <summary>The same counted over the instances whose case belongs to one of <paramref name="officeCodes"/>, in one GROUP BY.</summary>
    public Task<Dictionary<string, DefinitionInstanceCounts>> CountInstancesInOfficesAsync(IReadOnlyCollection<string> officeCodes, CancellationToken ct = default) =>
        CountAsync([.. officeCodes.Select(o => o.ToUpperInvariant())], ct);

    private Task<Dictionary<string, DefinitionInstanceCounts>> CountAsync(IReadOnlyCollection<string>? officeCodes, CancellationToken ct) =>
        _core.ReadAsync(ct, async s => (await s.CountInstancesAsync(officeCodes, ct)).GroupBy(c => c.DefinitionId, StringComparer.Ordinal).ToDictionary(
            g => g.Key, g => new DefinitionInstanceCounts(g.Where(c => c.Status == InstanceStatus.Active).Sum(c => c.Count), g.Where(c => c.Status != InstanceStatus.Active).Sum(c => c.Count)),
            StringComparer.Ordinal));

    /// <summary>A file of a deployment, as deployed (a process's XML, a DMN file, a form).</summary>
    public Task<DeploymentResource?> GetDeploymentFileAsync(Guid deploymentId, string name, CancellationToken ct = default) =>
        _core.ReadAsync(ct, async s =>
        {
            if ((await s.LoadDefinitionsAsync(ct)).FirstOrDefault(d => d.DeploymentId == deploymentId && d.ResourceName == name) is { } process)
                return new DeploymentResource(name, process.Xml);
            return (await s.LoadResourcesAsync(ct)).FirstOrDefault(r => r.DeploymentId == deploymentId && r.ResourceName == name) is { } resource
                ? new DeploymentResource(name, resource.Content)
                : null;
        });
}
