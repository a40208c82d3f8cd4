using Vupe.Engine.Model;
using Vupe.Engine.Persistence;
using Vupe.Feel;

namespace Vupe.Engine.Runtime;

/// <summary>Opens case files and starts process instances in them (from the API, a call activity, a message, signal or timer start event).</summary>
internal sealed class InstanceStarter(EngineCore engine)
{
    private static bool IsOfficeCode(string code) => code.Length is >= 2 and <= 6 && code.All(char.IsAsciiLetterUpper);

    public async Task<CaseFileRecord> OpenCaseAsync(CommandContext ctx, string? officeCode, string? title, string processKey, Guid? parentCaseId, string? subjectId = null)
    {
        var office = (officeCode ?? engine.Options.DefaultOfficeCode).Trim().ToUpperInvariant();
        if (!IsOfficeCode(office))
            throw new ArgumentException($"Office code '{officeCode}' is invalid: use 2 to 6 letters, e.g. LIM or CUS.");
        CaseFileRecord? parent = null;
        if (parentCaseId is { } parentId)
            parent = await ctx.Session.FindCaseAsync(parentId, ctx.Ct) ?? throw new NotFoundException($"Parent case {parentId} does not exist.");
        return await NewCaseAsync(ctx, Ids.NewVersion7(), office, title, processKey, parentCaseId, ctx.UserId, subjectId ?? parent?.SubjectId);
    }

    private async Task<CaseFileRecord> NewCaseAsync(CommandContext ctx, Guid id, string office, string? title, string processKey, Guid? parentCaseId, string? openedBy,
        string? subjectId)
    {
        var year = ctx.Now.Year;
        var sequence = await engine.Store.NextCaseSequenceAsync(office, year, ctx.Ct);
        var caseFile = new CaseFileRecord
        {
            Id = id, CaseNumber = $"{office}-{year}-{sequence:D6}", OfficeCode = office, Year = year, Sequence = sequence,
            Title = title, ProcessKey = processKey, Status = CaseStatus.Open, ParentCaseId = parentCaseId, SubjectId = subjectId, OpenedAt = ctx.Now, OpenedBy = openedBy,
        };
        ctx.Session.Add(caseFile);
        return caseFile;
    }

    /// <summary>
    /// Checks the child cases a service task handler asked for (process deployed with a none start event,
    /// office code valid) before any is opened, so that they are opened all or none. A failed check throws
    /// <see cref="ChildCaseRequestException"/> naming the request.
    /// </summary>
    public async Task<List<ResolvedChildCase>> ResolveChildCasesAsync(CommandContext ctx, CaseFileRecord parentCase, IReadOnlyList<ChildCaseRequest> requests)
    {
        var resolved = new List<ResolvedChildCase>(requests.Count);
        for (var i = 0; i < requests.Count; i++)
        {
            var child = requests[i];
            var request = child.Request;
            var where = $"Child case {i + 1} of {requests.Count}";
            var definition = request.Version is { } v
                ? await engine.Definitions.FindAsync(request.ProcessKey, v, ctx.Ct)
                : await engine.Definitions.FindLatestAsync(request.ProcessKey, ctx.Ct);
            if (definition is null)
                throw new ChildCaseRequestException($"{where}: process '{request.ProcessKey}'{(request.Version is { } n ? $" version {n}" : "")} is not deployed.");
            var start = definition.Model.NoneStart
                ?? throw new ChildCaseRequestException($"{where}: process '{request.ProcessKey}' has no none start event.");
            var office = (request.OfficeCode ?? parentCase.OfficeCode).Trim().ToUpperInvariant();
            if (!IsOfficeCode(office))
                throw new ChildCaseRequestException($"{where}: office code '{request.OfficeCode}' is invalid: use 2 to 6 letters, e.g. LIM or CUS.");
            resolved.Add(new ResolvedChildCase(child, definition, start, office));
        }
        return resolved;
    }

    /// <summary>
    /// Opens checked child cases (children of the parent instance's case) and starts their processes, in the
    /// command that completes the task; each is noted in the parent's history. Returns the childCases variable's value.
    /// </summary>
    public async Task<FeelValue> OpenChildCasesAsync(CommandContext ctx, InstanceContext parent, Execution ex, FlowNode task, IReadOnlyList<ResolvedChildCase> children)
    {
        var opened = new List<object?>(children.Count);
        foreach (var (child, definition, start, office) in children)
        {
            var request = child.Request;
            var caseFile = await NewCaseAsync(ctx, child.CaseId, office, request.Title ?? definition.Model.Name, definition.Record.Key, parent.Case.Id, request.UserId ?? ctx.UserId,
                request.SubjectId ?? parent.Case.SubjectId);
            var instance = StartInstance(ctx, definition, caseFile, new Dictionary<string, FeelValue>(child.Variables, StringComparer.Ordinal), start, businessKey: request.BusinessKey);
            var entry = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["caseId"] = caseFile.Id.ToString(), ["caseNumber"] = caseFile.CaseNumber, ["officeCode"] = caseFile.OfficeCode,
                ["processKey"] = definition.Record.Key, ["processVersion"] = definition.Record.Version, ["instanceId"] = instance.Id.ToString(),
            };
            ctx.History.Add(ctx, parent, HistoryEventTypes.ChildCaseOpened, ex, task, entry);
            opened.Add(entry);
        }
        return FeelValue.FromObject(opened);
    }

    public InstanceContext StartInstance(CommandContext ctx, DeployedProcess definition, CaseFileRecord caseFile, Dictionary<string, FeelValue> variables,
        StartEvent start, (InstanceContext Instance, Execution Execution)? parent = null, string? businessKey = null)
    {
        var record = new ProcessInstanceRecord
        {
            Id = Ids.NewVersion7(), DefinitionId = definition.Record.Id, ProcessKey = definition.Record.Key, DefinitionVersion = definition.Record.Version,
            CaseId = caseFile.Id, BusinessKey = businessKey, Status = InstanceStatus.Active,
            ParentInstanceId = parent?.Instance.Id, ParentExecutionId = parent?.Execution.Id, StartedAt = ctx.Now, StartedBy = ctx.UserId,
        };
        var ic = ctx.AddNewInstance(record, definition.Model, caseFile);
        ic.State.Bindings = engine.Resources.BindingsFor(definition.Model, definition.Record.DeploymentId);
        var root = ic.NewExecution(null, definition.Model.Id);
        root.Wait = WaitKind.Scope;
        if (caseFile.RootInstanceId is null)
        {
            caseFile.RootInstanceId = record.Id;
            ctx.History.Add(ctx, ic, HistoryEventTypes.CaseOpened, details: new { caseNumber = caseFile.CaseNumber, office = caseFile.OfficeCode, parentCaseId = caseFile.ParentCaseId });
        }
        ctx.History.Add(ctx, ic, HistoryEventTypes.ProcessStarted, root, definition.Model,
            new { definitionId = definition.Record.Id, version = definition.Record.Version, caseNumber = caseFile.CaseNumber, parentInstanceId = parent?.Instance.Id });
        if (variables.Count > 0) engine.Runner.SetVariables(ctx, ic, root, variables);
        var token = ic.NewExecution(root, start.Id);
        if (definition.Model.EventSubProcesses.Count > 0)
            ctx.Schedule(() => Behaviors.EventSubProcessBehavior.OpenStartsAsync(ctx, ic, root, definition.Model));
        engine.Runner.Arrive(ctx, ic, token, start, null);
        return ic;
    }

    /// <summary>A message, signal or timer start event opens a new case at the office named by the variable officeCode, else the default office.</summary>
    public async Task<InstanceContext> StartFromEventAsync(CommandContext ctx, DeployedProcess definition, StartEvent start, Dictionary<string, FeelValue> variables)
    {
        var office = variables.TryGetValue("officeCode", out var o) && o is FeelString s ? s.Value : null;
        var caseFile = await OpenCaseAsync(ctx, office, definition.Model.Name, definition.Record.Key, null);
        return StartInstance(ctx, definition, caseFile, variables, start);
    }
}

internal sealed record ResolvedChildCase(ChildCaseRequest Child, DeployedProcess Definition, StartEvent Start, string Office);

/// <summary>A child case request that cannot be carried out (process not deployed, bad office code): nothing was opened.</summary>
internal sealed class ChildCaseRequestException(string message) : Exception(message);
