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
        var year = ctx.Now.Year;
        var sequence = await engine.Store.NextCaseSequenceAsync(office, year, ctx.Ct);
        var caseFile = new CaseFileRecord
        {
            Id = Guid.CreateVersion7(), CaseNumber = $"{office}-{year}-{sequence:D6}", OfficeCode = office, Year = year, Sequence = sequence,
            Title = title, ProcessKey = processKey, Status = CaseStatus.Open, ParentCaseId = parentCaseId, SubjectId = subjectId ?? parent?.SubjectId, OpenedAt = ctx.Now, OpenedBy = ctx.UserId,
        };
        ctx.Session.Add(caseFile);
        return caseFile;
    }

    public InstanceContext StartInstance(CommandContext ctx, DeployedProcess definition, CaseFileRecord caseFile, Dictionary<string, FeelValue> variables,
        StartEvent start, (InstanceContext Instance, Execution Execution)? parent = null, string? businessKey = null)
    {
        var record = new ProcessInstanceRecord
        {
            Id = Guid.CreateVersion7(), DefinitionId = definition.Record.Id, ProcessKey = definition.Record.Key, DefinitionVersion = definition.Record.Version,
            CaseId = caseFile.Id, BusinessKey = businessKey, Status = InstanceStatus.Active,
            ParentInstanceId = parent?.Instance.Id, ParentExecutionId = parent?.Execution.Id, StartedAt = ctx.Now, StartedBy = ctx.UserId,
        };
        var ic = ctx.AddNewInstance(record, definition.Model, caseFile);
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
            ctx.Schedule(() => engine.Runner.OpenEventSubProcessesAsync(ctx, ic, root, definition.Model));
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
