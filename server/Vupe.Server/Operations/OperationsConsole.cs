using System.Text.Json;
using System.Xml.Linq;
using Hangfire;
using Vupe.Engine;
using Vupe.Server.Audit;
using Vupe.Server.Auth;
using Vupe.Server.Cases;
using Vupe.Server.Deployments;
using Vupe.Server.Problems;
using Vupe.Server.Procedures;

namespace Vupe.Server.Operations;

/// <summary>
/// The operations console, for the API and the pages alike: process definitions with their running and ended
/// instances, the instances of one definition (filtered, paged), open incidents and their retry (one or many), and
/// an operator's interventions on one instance — cancel, suspend, resume, move a token, set variables — each with a
/// reason that lands, with the change, in the case's trail (<see cref="OperatorReason"/>, <see cref="EngineAudit"/>).
/// Supervisors see and act on their office's instances, administrators and national supervisors on all; another
/// office's instance does not exist (404). Access goes through <see cref="CaseAccess"/> (<see cref="CaseOperations.Operate"/>).
/// </summary>
public sealed class OperationsConsole(ProcessEngine engine, CaseAccess access, DeploymentService deployments, AuditLog audit, JobStorage jobStorage)
{
    public const int MaxPageSize = 100;
    public const int MaxReasonLength = 500;
    public const int MaxBulkRetry = 200;
    /// <summary>What an administrator sees instead of a variable's value.</summary>
    public const string HiddenValue = "(oculto)";

    private UserScope User => access.Scope;

    /// <summary>Every deployed version, newest key order then version, with its instances counted in the user's scope.</summary>
    public async Task<List<OperationsDefinitionDto>> DefinitionsAsync(CancellationToken ct)
    {
        var definitions = await deployments.DefinitionsAsync(null, ct); // national counts, from the database's GROUP BY
        // An office supervisor's counts: one GROUP BY over the office's instances (a join to their cases), not a scan per definition.
        var inOffices = User.Offices is { } offices ? await engine.Repository.CountInstancesInOfficesAsync(offices, ct) : null;
        var rows = new List<OperationsDefinitionDto>(definitions.Count);
        foreach (var d in definitions.OrderBy(d => d.Key, StringComparer.Ordinal).ThenByDescending(d => d.Version))
        {
            var (running, ended) = inOffices is null ? (d.RunningInstances, d.EndedInstances)
                : inOffices.TryGetValue(d.Id, out var counted) ? (counted.Running, counted.Ended) : (0, 0);
            rows.Add(new OperationsDefinitionDto(d.Id, d.Key, d.Version, d.Name, d.DeployedAt, running, ended));
        }
        return rows;
    }

    /// <summary>The instances of one definition in the user's scope meeting the filters; newest first.</summary>
    public async Task<OperationsInstancePage> InstancesAsync(InstanceListRequest request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var definitionId = errors.Text("definitionId", request.DefinitionId, 200);
        var (page, size) = errors.Paging(request.Page, request.PageSize, MaxPageSize);
        var state = errors.Choice<InstanceQueryState>("state", request.State);
        if (request.From is { } f && request.To is { } t && t < f) errors.Add("to", "El fin del periodo es anterior a su inicio.");
        string? variableName = null, variableValue = null;
        if (!string.IsNullOrWhiteSpace(request.Variable))
        {
            var equals = request.Variable.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0) errors.Add("variable", "Escriba nombre=valor, por ejemplo canal=en-linea.");
            else (variableName, variableValue) = (request.Variable[..equals].Trim(), request.Variable[(equals + 1)..].Trim());
        }
        // Administrators read no personal data: a search by a variable's value would tell them whose case exists.
        if (variableName is not null && !User.CanReadCases) errors.Add("variable", "Su rol no busca por los datos de los expedientes.");
        var office = string.IsNullOrWhiteSpace(request.Office) ? null : request.Office.Trim().ToUpperInvariant();
        errors.ThrowIfAny();
        if (office is not null && !User.CanSeeOffice(office)) return new OperationsInstancePage([], 0, page, size); // another office: nothing, as if empty
        var found = await engine.Runtime.QueryInstancesAsync(new InstanceQuery(definitionId!)
        {
            OfficeCodes = User.Offices, OfficeCode = office, State = state, ActiveElementId = string.IsNullOrWhiteSpace(request.Activity) ? null : request.Activity.Trim(),
            StartedFrom = request.From, StartedBefore = request.To, VariableName = variableName, VariableValue = variableValue,
            Skip = (page - 1) * size, Take = size,
        }, ct);
        return new OperationsInstancePage([.. found.Items.Select(r => OperationsInstanceDto.From(r.Instance, r.OfficeCode))], found.Total, page, size);
    }

    /// <summary>One instance with its variables (a read of the case's data, audited), incidents, jobs and the elements a token may move to.</summary>
    public async Task<OperationsInstanceDetail> InstanceAsync(Guid id, CancellationToken ct)
    {
        var (instance, caseFile) = await InstanceForAsync(id, ct);
        var variables = await engine.Runtime.GetVariablesAsync(id, ct);
        var incidents = await engine.Management.ListIncidentsAsync(instanceId: id, ct: ct);
        var jobs = await engine.Management.ListJobsAsync(id, ct);
        var elements = ElementsOf(await engine.Repository.GetDefinitionXmlAsync(instance.DefinitionId, ct));
        IReadOnlyDictionary<string, object?> shown;
        if (User.CanReadCases)
        {
            shown = variables;
            await audit.AppendAsync(AuditTrails.ForCase(caseFile.Id), "case.read", new { fields = "operaciones", instanceId = id }, ct);
        }
        else shown = variables.ToDictionary(v => v.Key, _ => (object?)HiddenValue, StringComparer.Ordinal); // administrators read no personal data: names only
        return new OperationsInstanceDetail(
            OperationsInstanceDto.From(instance, caseFile.OfficeCode), shown,
            [.. incidents.Select(i => IncidentDto(i, caseFile.CaseNumber, caseFile.OfficeCode))],
            [.. jobs.Select(j => new InstanceJobDto(j.Id, j.Kind.ToString(), j.ElementId, j.DueAt, j.RetriesLeft, j.Attempts, j.LastError))],
            elements);
    }

    /// <summary>
    /// Open incidents of every case in the user's scope, oldest first, a page at a time: the scope's offices, the office
    /// asked for and the page are the database query's (the engine joins the incidents to their cases), not a filter over
    /// every open incident read.
    /// </summary>
    public async Task<OperationsIncidentPage> IncidentsAsync(IncidentListRequest request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var (page, size) = errors.Paging(request.Page, request.PageSize, MaxPageSize);
        var office = string.IsNullOrWhiteSpace(request.Office) ? null : request.Office.Trim().ToUpperInvariant();
        errors.ThrowIfAny();
        if (office is not null && !User.CanSeeOffice(office)) return new OperationsIncidentPage([], 0, page, size); // another office: nothing, as if empty
        var found = await engine.Management.QueryIncidentsAsync(new IncidentQuery
        {
            OfficeCodes = User.Offices, OfficeCode = office, Skip = (page - 1) * size, Take = size,
        }, ct);
        return new OperationsIncidentPage([.. found.Items.Select(r => IncidentDto(r.Incident, r.CaseNumber, r.OfficeCode))], found.Total, page, size);
    }

    /// <summary>Retries the step one incident stopped; an incident already resolved, like one out of scope, is a 404.</summary>
    public async Task RetryIncidentAsync(Guid incidentId, string? reason, CancellationToken ct)
    {
        var why = OptionalReason(reason);
        var incident = await IncidentForAsync(incidentId, ct);
        await RefuseSuspendedAsync(incident.InstanceId, "reintentar sus incidencias", ct);
        using (OperatorReason.Use(why)) await engine.Management.ResolveIncidentAsync(incidentId, retries: 1, userId: User.UserName, ct: ct);
    }

    /// <summary>Retries each selected incident on its own: one that cannot be retried (gone, resolved, out of scope) is reported, the others still run.</summary>
    public async Task<List<RetryOutcomeDto>> RetryIncidentsAsync(IReadOnlyList<Guid>? incidentIds, string? reason, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (incidentIds is null || incidentIds.Count == 0) errors.Add("incidentIds", "Seleccione al menos una incidencia.");
        else if (incidentIds.Count > MaxBulkRetry) errors.Add("incidentIds", $"Como máximo {MaxBulkRetry} incidencias a la vez.");
        errors.ThrowIfAny();
        var outcomes = new List<RetryOutcomeDto>();
        foreach (var id in incidentIds!.Distinct())
        {
            try
            {
                await RetryIncidentAsync(id, reason, ct);
                outcomes.Add(new RetryOutcomeDto(id, true, null));
            }
            catch (NotFoundException)
            {
                outcomes.Add(new RetryOutcomeDto(id, false, "La incidencia no existe o ya fue resuelta."));
            }
            catch (Exception e) when (e is StateConflictException or InvalidStateException or ConflictException)
            {
                outcomes.Add(new RetryOutcomeDto(id, false, e is StateConflictException ? e.Message : "La incidencia no se pudo reintentar en su estado actual."));
            }
        }
        return outcomes;
    }

    public async Task CancelAsync(Guid id, string? reason, CancellationToken ct)
    {
        var why = RequiredReason(reason);
        var (instance, _) = await InstanceForAsync(id, ct);
        RefuseEnded(instance, "anular");
        using (OperatorReason.Use(why)) await engine.Runtime.CancelAsync(id, why, User.UserName, ct);
    }

    public async Task SuspendAsync(Guid id, string? reason, CancellationToken ct)
    {
        var why = RequiredReason(reason);
        var (instance, _) = await InstanceForAsync(id, ct);
        RefuseEnded(instance, "suspender");
        if (instance.Suspended) throw new StateConflictException("El proceso ya está suspendido.");
        using (OperatorReason.Use(why)) await engine.Runtime.SuspendAsync(id, why, User.UserName, ct);
    }

    public async Task ResumeAsync(Guid id, string? reason, CancellationToken ct)
    {
        var why = RequiredReason(reason);
        var (instance, _) = await InstanceForAsync(id, ct);
        RefuseEnded(instance, "reanudar");
        if (!instance.Suspended) throw new StateConflictException("El proceso no está suspendido.");
        using (OperatorReason.Use(why)) await engine.Runtime.ResumeAsync(id, why, User.UserName, ct);
    }

    /// <summary>Moves the tokens at one element to another, through the engine's operation the designer's migration shares.</summary>
    public async Task MoveTokenAsync(Guid id, string? from, string? to, string? reason, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var source = errors.Text("from", from, 200);
        var target = errors.Text("to", to, 200);
        var why = ReasonOf(errors, reason, required: true);
        if (source is not null && source == target) errors.Add("to", "El destino debe ser otra actividad.");
        errors.ThrowIfAny();
        var (instance, _) = await InstanceForAsync(id, ct);
        RefuseEnded(instance, "mover un token de");
        if (instance.Suspended) throw new StateConflictException("El proceso está suspendido; reanúdelo antes de mover un token.");
        if (!instance.ActiveElementIds.Contains(source!, StringComparer.Ordinal))
            throw new FieldValidationException(new Dictionary<string, string[]> { ["from"] = [$"No hay un token en «{source}»."] }, "No hay un token en la actividad de origen.");
        var elements = ElementsOf(await engine.Repository.GetDefinitionXmlAsync(instance.DefinitionId, ct));
        if (!elements.Any(e => e.Id == target))
            throw new FieldValidationException(new Dictionary<string, string[]> { ["to"] = [$"El proceso no tiene la actividad «{target}»."] }, "La actividad de destino no existe.");
        try
        {
            using (OperatorReason.Use(why!)) await engine.Runtime.MoveTokenAsync(id, source!, target!, User.UserName, ct);
        }
        catch (InvalidStateException e)
        {
            // The engine says why in English (another scope, a boundary event); the operator reads Spanish and the detail.
            throw new StateConflictException($"No se puede mover el token de «{source}» a «{target}»: {e.Message}");
        }
    }

    /// <summary>Sets process-level variables (the reserved ones the system assigns are refused, as for any client).</summary>
    public async Task SetVariablesAsync(Guid id, IReadOnlyDictionary<string, JsonElement>? variables, string? reason, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (variables is null || variables.Count == 0) errors.Add("variables", "Indique al menos una variable.");
        else if (variables.Keys.Any(string.IsNullOrWhiteSpace)) errors.Add("variables", "Cada variable necesita un nombre.");
        var why = ReasonOf(errors, reason, required: true);
        errors.ThrowIfAny();
        ReservedVariables.ThrowIfAny("variables", variables!.Keys);
        var values = JsonVariables.ToVariables(variables);
        var (instance, _) = await InstanceForAsync(id, ct);
        RefuseEnded(instance, "cambiar las variables de");
        using (OperatorReason.Use(why!, setsVariables: true)) await engine.Runtime.SetVariablesAsync(id, values, User.UserName, ct);
    }

    /// <summary>The engine's job queue and Hangfire's, counted, with Spanish labels.</summary>
    public async Task<JobQueueDto> JobsAsync(CancellationToken ct)
    {
        var jobs = await engine.Management.SummarizeJobsAsync(ct);
        var stats = jobStorage.GetMonitoringApi().GetStatistics();
        return new JobQueueDto(
        [
            new("timers", "Temporizadores en espera", jobs.Timers),
            new("timersDue", "Temporizadores vencidos por ejecutar", jobs.TimersDue),
            new("timerStarts", "Inicios de proceso programados", jobs.TimerStarts),
            new("asyncContinuations", "Continuaciones asíncronas pendientes", jobs.AsyncContinuations),
            new("serviceTasks", "Tareas de servicio pendientes", jobs.ServiceTasks),
            new("retrying", "Reintentos pendientes (tras un fallo)", jobs.Retrying),
            new("failed", "Fallidos sin reintentos (incidencias)", jobs.Failed),
        ],
        [
            new("enqueued", "En cola", stats.Enqueued),
            new("scheduled", "Programados", stats.Scheduled),
            new("processing", "En ejecución", stats.Processing),
            new("failed", "Fallidos", stats.Failed),
            new("succeeded", "Completados", stats.Succeeded),
            new("servers", "Servidores activos", stats.Servers),
            new("recurring", "Trabajos recurrentes", stats.Recurring),
        ]);
    }

    /// <summary>Whether the user may see Hangfire's dashboard (administrators).</summary>
    public bool MaySeeDashboard => User.Is(Roles.Admin);

    private async Task<(ProcessInstanceInfo Instance, CaseFileInfo Case)> InstanceForAsync(Guid id, CancellationToken ct)
    {
        ProcessInstanceInfo instance;
        try
        {
            instance = await engine.Runtime.GetInstanceAsync(id, ct);
        }
        catch (NotFoundException)
        {
            throw new NotFoundException($"Process instance {id} does not exist.");
        }
        return (instance, await access.GetCaseAsync(instance.CaseId, CaseOperations.Operate, ct));
    }

    private async Task<IncidentInfo> IncidentForAsync(Guid incidentId, CancellationToken ct)
    {
        var incident = await engine.Management.GetIncidentAsync(incidentId, ct);
        if (incident is null || incident.ResolvedAt is not null) throw new NotFoundException($"Incident {incidentId} does not exist or was resolved.");
        await access.GetCaseAsync(incident.CaseId, CaseOperations.Operate, ct);
        return incident;
    }

    private async Task RefuseSuspendedAsync(Guid instanceId, string what, CancellationToken ct)
    {
        if ((await engine.Runtime.GetInstanceAsync(instanceId, ct)).Suspended)
            throw new StateConflictException($"El proceso está suspendido; reanúdelo antes de {what}.");
    }

    private static void RefuseEnded(ProcessInstanceInfo instance, string verb)
    {
        if (instance.Status != Engine.Persistence.InstanceStatus.Active)
            throw new StateConflictException($"No se puede {verb} un proceso que ya terminó ({OperationsTexts.State(instance.Status.ToString()).ToLowerInvariant()}).");
    }

    private static string RequiredReason(string? reason)
    {
        var errors = new FieldErrors();
        var why = ReasonOf(errors, reason, required: true);
        errors.ThrowIfAny();
        return why!;
    }

    private static string OptionalReason(string? reason)
    {
        var errors = new FieldErrors();
        var why = ReasonOf(errors, reason, required: false);
        errors.ThrowIfAny();
        return why ?? "Reintento desde la consola de operaciones";
    }

    private static string? ReasonOf(FieldErrors errors, string? reason, bool required)
    {
        var trimmed = reason?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            if (required) errors.Add("reason", "Indique el motivo de la acción; queda en el historial del expediente.");
            return null;
        }
        if (trimmed.Length > MaxReasonLength) errors.Add("reason", $"Máximo {MaxReasonLength} caracteres.");
        return trimmed;
    }

    private static OperationsIncidentDto IncidentDto(IncidentInfo i, string caseNumber, string officeCode) =>
        new(i.Id, i.InstanceId, i.CaseId, caseNumber, officeCode, i.ElementId, i.Kind.ToString(), i.Message, i.CreatedAt);

    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    private static readonly HashSet<string> FlowNodes = new(StringComparer.Ordinal)
    {
        "task", "userTask", "serviceTask", "scriptTask", "businessRuleTask", "sendTask", "receiveTask", "manualTask", "callActivity", "subProcess",
        "startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "exclusiveGateway", "parallelGateway", "inclusiveGateway",
        "eventBasedGateway", "complexGateway",
    };

    /// <summary>The flow elements of a process's XML, in document order (a token's possible targets; the engine still checks the scope).</summary>
    internal static List<ProcessElementDto> ElementsOf(string xml) =>
        [.. XDocument.Parse(xml).Descendants()
            .Where(e => e.Name.Namespace == Bpmn && FlowNodes.Contains(e.Name.LocalName) && e.Attribute("id") is not null)
            .Select(e => new ProcessElementDto(e.Attribute("id")!.Value, e.Attribute("name")?.Value, e.Name.LocalName))];
}
