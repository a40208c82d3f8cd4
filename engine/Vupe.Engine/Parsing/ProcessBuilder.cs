using System.Globalization;
using System.Xml.Linq;
using Vupe.Engine.Model;
using Vupe.Engine.Runtime.Behaviors;
using Vupe.Feel;
using static Vupe.Engine.Parsing.BpmnNames;

namespace Vupe.Engine.Parsing;

/// <summary>Builds one process: flow nodes, sequence flows and our extension attributes.</summary>
internal sealed class ProcessBuilder(DefinitionsIndex definitions, ProblemCollector problems, ParserSettings settings)
{
    private ProcessModel _process = null!;
    // Associations (sourceRef, targetRef) of every scope: one links a compensation boundary event to its handler.
    private readonly List<(string? Source, string? Target)> _associations = [];
    private readonly FeelCompiler _feel = new(problems, settings.ExtraFunctions);

    // Elements that carry no execution semantics: drawn, kept in the file, ignored by the engine.
    private static readonly HashSet<string> Ignored =
    [
        "documentation", "extensionElements", "textAnnotation", "association", "dataObject", "dataObjectReference",
        "dataStoreReference", "ioSpecification", "property", "laneSet", "group", "dataInputAssociation",
        "dataOutputAssociation", "incoming", "outgoing", "category", "auditing", "monitoring",
    ];

    private static readonly HashSet<string> Supported =
    [
        "startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "task", "manualTask", "userTask", "serviceTask",
        "sendTask", "businessRuleTask", "scriptTask", "receiveTask", "callActivity", "subProcess", "exclusiveGateway", "parallelGateway",
        "inclusiveGateway", "eventBasedGateway",
    ];

    public ProcessModel? Build(XElement element, bool executable)
    {
        var id = RequireId(element);
        if (id is null) return null;
        _process = new ProcessModel { Id = id, Name = (string?)element.Attribute("name"), Line = BpmnParser.LineOf(element), IsExecutable = executable };
        _process.ElementsById[id] = _process; // the root execution sits at the process itself
        BuildScope(element, _process);
        _process.StartEvents.AddRange(_process.Nodes.OfType<StartEvent>());
        ResolveCompensationHandlers();
        // Chosen once every node knows its container (an event sub-process's start event behaves unlike others).
        foreach (var built in _process.ElementsById.Values)
            if (built is FlowNode node) node.Behavior = BehaviorCatalog.For(node);
        return _process;
    }

    private string? RequireId(XElement e)
    {
        var id = (string?)e.Attribute("id");
        if (string.IsNullOrWhiteSpace(id))
        {
            problems.Add(e, ProblemText.NoId(e.Name.LocalName));
            return null;
        }
        return id;
    }

    private void Register(BaseElement element, XElement source)
    {
        if (!_process.ElementsById.TryAdd(element.Id, element))
            problems.Add(source, ProblemText.DuplicateId(element.Id));
    }

    private void BuildScope(XElement scopeElement, FlowScopeElement scope)
    {
        var flows = new List<XElement>();
        var boundaries = new List<XElement>();
        foreach (var child in scopeElement.Elements())
        {
            if (child.Name.Namespace != Bpmn) continue; // other vendors' extensions
            var local = child.Name.LocalName;
            if (local == "association") _associations.Add(((string?)child.Attribute("sourceRef"), (string?)child.Attribute("targetRef")));
            if (Ignored.Contains(local)) continue;
            switch (local)
            {
                case "sequenceFlow": flows.Add(child); continue;
                case "boundaryEvent": boundaries.Add(child); continue;
                case "multiInstanceLoopCharacteristics" or "standardLoopCharacteristics" when scope is not ProcessModel: continue;
            }
            // A node with a problem is already reported; a stand-in keeps its flows from being reported again.
            var node = BuildNode(child) ?? StandIn(child);
            if (node is null) continue;
            node.Container = scope;
            scope.Nodes.Add(node);
            Register(node, child);
        }

        foreach (var b in boundaries)
        {
            var node = BuildBoundary(b, scope);
            if (node is null) continue;
            node.Container = scope;
            scope.Nodes.Add(node);
            Register(node, b);
        }

        foreach (var f in flows)
        {
            var flow = BuildFlow(f, scope);
            if (flow is null) continue;
            flow.Container = scope;
            scope.Flows.Add(flow);
            Register(flow, f);
        }

        ResolveDefaultFlows(scopeElement, scope);
        var noneStarts = scope.Nodes.OfType<StartEvent>().Where(s => s.Definition is null).ToList();
        scope.NoneStart = noneStarts.FirstOrDefault();
        if (noneStarts.Count > 1)
            problems.Add(noneStarts[1], ProblemText.MoreThanOneNoneStart(scope is ProcessModel, scope.Id));
    }

    private static PlainTask? StandIn(XElement e) =>
        (string?)e.Attribute("id") is { Length: > 0 } id
            ? new PlainTask(e.Name.LocalName) { Id = id, Line = BpmnParser.LineOf(e), IsForCompensation = (string?)e.Attribute("isForCompensation") == "true" }
            : null;

    private FlowNode? BuildNode(XElement e)
    {
        var id = RequireId(e);
        if (id is null) return null;
        var name = (string?)e.Attribute("name");
        var line = BpmnParser.LineOf(e);
        FlowNode? node = e.Name.LocalName switch
        {
            "startEvent" => BuildStartEvent(e, id, name, line),
            "endEvent" => new EndEvent { Id = id, Name = name, Line = line, Definition = ThrowDefinitionOf(e, allowed: ["message", "error", "signal", "terminate", "escalation", "compensate"]), Inputs = Mappings(e, "input") },
            "intermediateCatchEvent" => BuildCatchEvent(e, id, name, line),
            "intermediateThrowEvent" => new IntermediateThrowEvent { Id = id, Name = name, Line = line, Definition = ThrowDefinitionOf(e, allowed: ["message", "signal", "escalation", "link", "compensate"]), Inputs = Mappings(e, "input") },
            "task" => Activity(e, new PlainTask("task") { Id = id, Name = name, Line = line }),
            "manualTask" => Activity(e, new PlainTask("manualTask") { Id = id, Name = name, Line = line }),
            "userTask" => BuildUserTask(e, id, name, line),
            "serviceTask" => BuildServiceTask(e, "serviceTask", id, name, line),
            "sendTask" => VupeAttr(e, "type") is not null ? BuildServiceTask(e, "sendTask", id, name, line) : BuildSendTask(e, id, name, line),
            "businessRuleTask" => BuildBusinessRuleTask(e, id, name, line),
            "scriptTask" => BuildScriptTask(e, id, name, line),
            "receiveTask" => BuildReceiveTask(e, id, name, line),
            "callActivity" => BuildCallActivity(e, id, name, line),
            "subProcess" => BuildSubProcess(e, id, name, line),
            "exclusiveGateway" => new Gateway { Id = id, Name = name, Line = line, Kind = GatewayKind.Exclusive },
            "parallelGateway" => new Gateway { Id = id, Name = name, Line = line, Kind = GatewayKind.Parallel },
            "inclusiveGateway" => new Gateway { Id = id, Name = name, Line = line, Kind = GatewayKind.Inclusive },
            "eventBasedGateway" => new Gateway { Id = id, Name = name, Line = line, Kind = GatewayKind.EventBased },
            _ => null,
        };
        if (node is null)
        {
            // Supported elements that failed to build have reported why already.
            if (!Supported.Contains(e.Name.LocalName)) problems.Add(e, ProblemText.NotSupported(e.Name.LocalName));
            return null;
        }
        return node;
    }

    /// <summary>What every activity may carry: multi-instance, input/output mappings, vupe:async.</summary>
    private T Activity<T>(XElement e, T activity) where T : Activity
    {
        if (activity is not SubProcess { TriggeredByEvent: true }) activity.MultiInstance = MultiInstanceOf(e);
        activity.Inputs = Mappings(e, "input");
        activity.Outputs = Mappings(e, "output");
        activity.AsyncBefore = Async(e);
        activity.IsForCompensation = (string?)e.Attribute("isForCompensation") == "true";
        if (activity is not SubProcess { TriggeredByEvent: true }) activity.StandardLoop = StandardLoopOf(e, activity);
        return activity;
    }

    private IntermediateCatchEvent BuildCatchEvent(XElement e, string id, string? name, int line)
    {
        var before = problems.Count;
        var definition = EventDefinitionOf(e, allowed: ["message", "timer", "signal", "conditional", "link"]);
        if (definition is null && problems.Count == before) problems.Add(e, ProblemText.CatchEventNeedsDefinition());
        return new IntermediateCatchEvent { Id = id, Name = name, Line = line, Definition = definition };
    }

    private StartEvent BuildStartEvent(XElement e, string id, string? name, int line)
    {
        var (binding, version) = BindingOf(e, "form");
        return new StartEvent
        {
            Id = id, Name = name, Line = line, Definition = EventDefinitionOf(e, allowed: ["message", "timer", "error", "signal", "escalation", "conditional", "compensate"]),
            IsInterrupting = (string?)e.Attribute("isInterrupting") != "false",
            FormKey = VupeAttr(e, "formKey"), FormBinding = binding, FormVersion = version,
        };
    }

    private UserTask BuildUserTask(XElement e, string id, string? name, int line)
    {
        var (binding, version) = BindingOf(e, "form");
        return BuildUserTask(e, id, name, line, binding, version);
    }

    private UserTask BuildUserTask(XElement e, string id, string? name, int line, CallBinding formBinding, int? formVersion) => Activity(e, new UserTask
    {
        Id = id, Name = name, Line = line, FormBinding = formBinding, FormVersion = formVersion,
        Assignee = ValueOf(e, "assignee"), SameAssigneeAs = VupeAttr(e, "sameAssigneeAs"), CandidateGroups = ValueOf(e, "candidateGroups"), CandidateUsers = ValueOf(e, "candidateUsers"),
        DueDate = ValueOf(e, "dueDate"), FollowUpDate = ValueOf(e, "followUpDate"), Priority = ValueOf(e, "priority"),
        FormKey = VupeAttr(e, "formKey"), Documentation = (string?)e.Element(Bpmn + "documentation"),
    });

    private ServiceTask? BuildServiceTask(XElement e, string kind, string id, string? name, int line)
    {
        var type = VupeAttr(e, "type");
        if (string.IsNullOrWhiteSpace(type))
        {
            problems.Add(e, ProblemText.TaskNeedsType(kind));
            return null;
        }
        if (settings.IsKnownTaskType is { } known && !known(type))
            problems.Add(e, ProblemText.UnknownTaskType(type));
        var retries = 3;
        if (VupeAttr(e, "retries") is { } r && (!int.TryParse(r, CultureInfo.InvariantCulture, out retries) || retries < 1))
            problems.Add(e, ProblemText.BadRetries(r));
        var backoff = TimeSpan.FromSeconds(10);
        if (VupeAttr(e, "retryBackoff") is { } b)
        {
            if (FeelTemporal.TryParseDuration(b, out var d) && d is FeelDaysTimeDuration dt && dt.Value > TimeSpan.Zero) backoff = dt.Value;
            else problems.Add(e, ProblemText.BadRetryBackoff(b));
        }
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var h in e.Element(Bpmn + "extensionElements")?.Elements(Ext + "header") ?? [])
        {
            var key = (string?)h.Attribute("key") ?? "";
            if (!headers.TryAdd(key, (string?)h.Attribute("value") ?? "")) problems.Add(h, ProblemText.DuplicateHeader(key));
        }
        return Activity(e, new ServiceTask(kind)
        {
            Id = id, Name = name, Line = line,
            TaskType = type, Retries = retries, RetryBackoff = backoff, Headers = headers,
        });
    }

    private SendTask? BuildSendTask(XElement e, string id, string? name, int line)
    {
        var message = MessageOf(e, (string?)e.Attribute("messageRef"));
        if (message is null)
        {
            problems.Add(e, ProblemText.SendTaskNeedsTypeOrMessage());
            return null;
        }
        return Activity(e, new SendTask { Id = id, Name = name, Line = line, Message = message });
    }

    private BusinessRuleTask? BuildBusinessRuleTask(XElement e, string id, string? name, int line)
    {
        var decision = VupeAttr(e, "decisionRef");
        var result = VupeAttr(e, "resultVariable");
        if (string.IsNullOrWhiteSpace(decision) || string.IsNullOrWhiteSpace(result))
        {
            problems.Add(e, ProblemText.BusinessRuleTaskNeedsDecision());
            return null;
        }
        var (binding, version) = BindingOf(e, "decision");
        return Activity(e, new BusinessRuleTask { Id = id, Name = name, Line = line, DecisionRef = decision, ResultVariable = result, Binding = binding, BoundVersion = version });
    }

    /// <summary>
    /// The script is a FEEL expression (scriptFormat "feel" or none; a leading "=" as in our attributes is allowed),
    /// and vupe:resultVariable is required as in Camunda 8: FEEL has no side effects, so a value not kept is lost.
    /// </summary>
    private ScriptTask? BuildScriptTask(XElement e, string id, string? name, int line)
    {
        var format = (string?)e.Attribute("scriptFormat");
        if (!string.IsNullOrWhiteSpace(format) && !format.Trim().Equals("feel", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(e, ProblemText.ScriptFormatNotSupported(format));
            return null;
        }
        var scriptElement = e.Element(Bpmn + "script");
        var text = scriptElement?.Value.Trim() ?? "";
        var result = VupeAttr(e, "resultVariable");
        if (text.Length == 0 || StripEquals(text).Trim().Length == 0) problems.Add(e, ProblemText.ScriptTaskNeedsScript());
        if (string.IsNullOrWhiteSpace(result)) problems.Add(e, ProblemText.ScriptTaskNeedsResultVariable());
        if (text.Length == 0 || string.IsNullOrWhiteSpace(result)) return null;
        var script = _feel.Compile(StripEquals(text).Trim(), scriptElement!, ProblemText.Script(), id);
        if (script is null) return null;
        return Activity(e, new ScriptTask { Id = id, Name = name, Line = line, Script = script, ResultVariable = result });
    }

    private ReceiveTask? BuildReceiveTask(XElement e, string id, string? name, int line)
    {
        var message = MessageOf(e, (string?)e.Attribute("messageRef"));
        if (message is null)
        {
            problems.Add(e, ProblemText.ReceiveTaskNeedsMessage());
            return null;
        }
        return Activity(e, new ReceiveTask { Id = id, Name = name, Line = line, Message = message });
    }

    private CallActivity? BuildCallActivity(XElement e, string id, string? name, int line)
    {
        var called = (string?)e.Attribute("calledElement") ?? VupeAttr(e, "calledElement");
        if (string.IsNullOrWhiteSpace(called))
        {
            problems.Add(e, ProblemText.CallActivityNeedsCalledElement());
            return null;
        }
        var (binding, version) = BindingOf(e, "calledElement");
        return Activity(e, new CallActivity
        {
            Id = id, Name = name, Line = line, CalledElement = called, Binding = binding, CalledVersion = version,
        });
    }

    /// <summary>
    /// Which version of a called process, decision or form an element uses: vupe:{prefix}Binding = latest (the
    /// default), deployment (the one deployed with this process) or version (vupe:{prefix}Version).
    /// </summary>
    private (CallBinding Binding, int? Version) BindingOf(XElement e, string prefix)
    {
        switch (VupeAttr(e, prefix + "Binding"))
        {
            case null or "latest": return (CallBinding.Latest, null);
            case "deployment": return (CallBinding.Deployment, null);
            case "version":
                if (int.TryParse(VupeAttr(e, prefix + "Version"), CultureInfo.InvariantCulture, out var v) && v > 0) return (CallBinding.Version, v);
                problems.Add(e, ProblemText.BindingVersionMissing(prefix));
                return (CallBinding.Latest, null);
            case var other:
                problems.Add(e, ProblemText.BadBinding(prefix, other));
                return (CallBinding.Latest, null);
        }
    }

    private SubProcess? BuildSubProcess(XElement e, string id, string? name, int line)
    {
        var triggered = (string?)e.Attribute("triggeredByEvent") == "true";
        var sub = Activity(e, new SubProcess
        {
            Id = id, Name = name, Line = line, TriggeredByEvent = triggered,
        });
        BuildScope(e, sub);
        if (triggered)
        {
            var starts = sub.Nodes.OfType<StartEvent>().ToList();
            if (starts.Count != 1 || starts[0].Definition is null or TerminateDefinition)
                problems.Add(e, ProblemText.EventSubProcessNeedsOneStart());
            else sub.TriggerStart = starts[0];
        }
        else if (sub.NoneStart is null)
        {
            problems.Add(e, ProblemText.SubProcessNeedsNoneStart());
        }
        return sub;
    }

    private BoundaryEvent? BuildBoundary(XElement e, FlowScopeElement scope)
    {
        var id = RequireId(e);
        if (id is null) return null;
        var attachedId = (string?)e.Attribute("attachedToRef");
        var attached = scope.Nodes.FirstOrDefault(n => n.Id == attachedId) as Activity;
        if (attached is null)
        {
            problems.Add(e, ProblemText.BadAttachedToRef(attachedId ?? ""));
            return StandInBoundary(e, id, null);
        }
        var before = problems.Count;
        var definition = EventDefinitionOf(e, allowed: ["message", "timer", "error", "signal", "escalation", "conditional", "compensate"]);
        if (definition is null)
        {
            if (problems.Count == before) problems.Add(e, ProblemText.BoundaryEventNeedsDefinition());
            return StandInBoundary(e, id, attached);
        }
        var cancel = (string?)e.Attribute("cancelActivity") != "false";
        if (definition is ErrorDefinition && !cancel)
            problems.Add(e, ProblemText.ErrorBoundaryAlwaysInterrupts());
        var boundary = new BoundaryEvent
        {
            Id = id, Name = (string?)e.Attribute("name"), Line = BpmnParser.LineOf(e), AttachedTo = attached, CancelActivity = cancel, Definition = definition,
        };
        attached.BoundaryEvents.Add(boundary);
        return boundary;
    }

    /// <summary>
    /// An association between a compensation boundary event and an activity marked isForCompensation (either way
    /// round, as modelers draw it from the event) makes that activity the handler of the one the event is attached to.
    /// </summary>
    private void ResolveCompensationHandlers()
    {
        foreach (var (sourceId, targetId) in _associations)
        {
            var source = sourceId is null ? null : _process.ElementsById.GetValueOrDefault(sourceId);
            var target = targetId is null ? null : _process.ElementsById.GetValueOrDefault(targetId);
            var (boundary, handler) = (source, target) switch
            {
                (BoundaryEvent b, Activity a) => (b, a),
                (Activity a, BoundaryEvent b) => (b, a),
                _ => (null, null),
            };
            if (boundary is { Definition: CompensateDefinition } && handler is { IsForCompensation: true } && boundary.AttachedTo.CompensationHandler is null)
                boundary.AttachedTo.CompensationHandler = handler;
        }
    }

    /// <summary>Keeps the flows of a boundary event already reported from being reported again.</summary>
    private static BoundaryEvent StandInBoundary(XElement e, string id, Activity? attached) =>
        new() { Id = id, Line = BpmnParser.LineOf(e), AttachedTo = attached ?? new PlainTask("task") { Id = "?" } };

    private SequenceFlow? BuildFlow(XElement e, FlowScopeElement scope)
    {
        var id = RequireId(e);
        if (id is null) return null;
        var sourceId = (string?)e.Attribute("sourceRef");
        var targetId = (string?)e.Attribute("targetRef");
        var source = scope.Nodes.FirstOrDefault(n => n.Id == sourceId);
        var target = scope.Nodes.FirstOrDefault(n => n.Id == targetId);
        if (source is null) problems.Add(e, ProblemText.BadSourceRef(sourceId ?? ""));
        if (target is null) problems.Add(e, ProblemText.BadTargetRef(targetId ?? ""));
        if (source is null || target is null) return null;
        FeelExpression? condition = null;
        if (e.Element(Bpmn + "conditionExpression") is { } c)
        {
            var text = c.Value.Trim();
            if (text.StartsWith("${", StringComparison.Ordinal) || text.StartsWith("#{", StringComparison.Ordinal))
                problems.Add(c, ProblemText.ScriptCondition(id, text), id);
            else if (text.Length > 0) condition = _feel.Compile(StripEquals(text), c, ProblemText.FlowCondition(id), id);
        }
        var flow = new SequenceFlow
        {
            Id = id, Name = (string?)e.Attribute("name"), Line = BpmnParser.LineOf(e), Source = source, Target = target, Condition = condition,
            HasConditionText = e.Element(Bpmn + "conditionExpression") is { } ce && ce.Value.Trim().Length > 0,
        };
        source.AddOutgoing(flow);
        target.AddIncoming(flow);
        return flow;
    }

    private void ResolveDefaultFlows(XElement scopeElement, FlowScopeElement scope)
    {
        foreach (var child in scopeElement.Elements())
        {
            var defaultId = (string?)child.Attribute("default");
            if (defaultId is null) continue;
            var node = scope.Nodes.FirstOrDefault(n => n.Id == (string?)child.Attribute("id"));
            if (node is null) continue;
            var flow = node.Outgoing.FirstOrDefault(f => f.Id == defaultId);
            if (flow is null)
            {
                problems.Add(child, ProblemText.DefaultFlowNotOutgoing(defaultId));
                continue;
            }
            if (flow.Condition is not null)
                problems.Add(child, ProblemText.DefaultFlowWithCondition(defaultId));
            switch (node)
            {
                case Gateway g: g.DefaultFlow = flow; break;
                case Activity a: a.DefaultFlow = flow; break;
            }
        }
    }

    /// <summary>A throwing event's definition: an escalation it throws must name a declared escalation (only a catch may catch any).</summary>
    private EventDefinition? ThrowDefinitionOf(XElement e, string[] allowed)
    {
        var definition = EventDefinitionOf(e, allowed);
        if (definition is EscalationDefinition { EscalationCode: null })
        {
            problems.Add(e, ProblemText.ThrownEscalationNeedsRef());
            return null;
        }
        return definition;
    }

    private EventDefinition? EventDefinitionOf(XElement e, string[] allowed)
    {
        var defs = e.Elements().Where(x => x.Name.Namespace == Bpmn && x.Name.LocalName.EndsWith("EventDefinition", StringComparison.Ordinal)).ToList();
        if (defs.Count == 0) return null;
        if (defs.Count > 1)
        {
            problems.Add(e, ProblemText.MultipleEventDefinitions());
            return null;
        }
        var d = defs[0];
        var kind = d.Name.LocalName[..^"EventDefinition".Length];
        if (!allowed.Contains(kind))
        {
            problems.Add(e, ProblemText.EventDefinitionNotAllowed(kind, e.Name.LocalName));
            return null;
        }
        switch (kind)
        {
            case "message":
                var message = MessageOf(e, (string?)d.Attribute("messageRef"));
                if (message is null) problems.Add(e, ProblemText.MessageEventNeedsMessage());
                return message;
            case "timer": return TimerOf(e, d);
            case "error":
                var errorRef = (string?)d.Attribute("errorRef");
                if (errorRef is null) return new ErrorDefinition();
                if (!definitions.Errors.TryGetValue(errorRef, out var error))
                {
                    problems.Add(e, ProblemText.BadErrorRef(errorRef));
                    return null;
                }
                return new ErrorDefinition { ErrorId = errorRef, ErrorCode = (string?)error.Attribute("errorCode") ?? errorRef };
            case "signal":
                var signalRef = (string?)d.Attribute("signalRef");
                if (signalRef is null || !definitions.Signals.TryGetValue(signalRef, out var signal))
                {
                    problems.Add(e, ProblemText.BadSignalRef(signalRef));
                    return null;
                }
                return new SignalDefinition { SignalName = (string?)signal.Attribute("name") ?? signalRef };
            case "escalation":
                var escalationRef = (string?)d.Attribute("escalationRef");
                if (escalationRef is null) return new EscalationDefinition();
                if (!definitions.Escalations.TryGetValue(escalationRef, out var escalation))
                {
                    problems.Add(e, ProblemText.BadEscalationRef(escalationRef));
                    return null;
                }
                var code = (string?)escalation.Attribute("escalationCode");
                return new EscalationDefinition { EscalationId = escalationRef, EscalationCode = string.IsNullOrWhiteSpace(code) ? escalationRef : code };
            case "conditional":
                var conditionElement = d.Element(Bpmn + "condition");
                var conditionText = conditionElement?.Value.Trim();
                if (string.IsNullOrEmpty(conditionText))
                {
                    problems.Add(e, ProblemText.ConditionalEventNeedsCondition());
                    return null;
                }
                var condition = _feel.Compile(StripEquals(conditionText), conditionElement!, ProblemText.EventCondition(), (string?)e.Attribute("id"));
                return condition is null ? null : new ConditionalDefinition { Condition = condition };
            case "link":
                var linkName = (string?)d.Attribute("name");
                if (string.IsNullOrWhiteSpace(linkName))
                {
                    problems.Add(e, ProblemText.LinkNeedsName());
                    return null;
                }
                return new LinkDefinition { LinkName = linkName };
            case "compensate":
                return new CompensateDefinition
                {
                    ActivityRef = (string?)d.Attribute("activityRef") is { Length: > 0 } activityRef ? activityRef : null,
                    WaitForCompletion = (string?)d.Attribute("waitForCompletion") != "false",
                };
            default: return TerminateDefinition.Instance;
        }
    }

    private MessageDefinition? MessageOf(XElement owner, string? messageRef)
    {
        if (messageRef is null || !definitions.Messages.TryGetValue(messageRef, out var m)) return null;
        var name = (string?)m.Attribute("name");
        if (string.IsNullOrWhiteSpace(name))
        {
            problems.Add(m, ProblemText.MessageNeedsName(messageRef));
            return null;
        }
        var key = (string?)m.Attribute(Ext + "correlationKey");
        return new MessageDefinition
        {
            MessageId = messageRef, MessageName = name,
            CorrelationKey = key is null ? null : _feel.Compile(StripEquals(key), m, ProblemText.CorrelationKey(messageRef), (string?)owner.Attribute("id")),
        };
    }

    private TimerDefinition? TimerOf(XElement owner, XElement d)
    {
        var specs = new[] { ("timeDate", TimerKind.Date), ("timeDuration", TimerKind.Duration), ("timeCycle", TimerKind.Cycle) }
            .Select(k => (Element: d.Element(Bpmn + k.Item1), k.Item2)).Where(k => k.Element is not null).ToList();
        if (specs.Count != 1)
        {
            problems.Add(owner, ProblemText.TimerNeedsOneSpec());
            return null;
        }
        var (element, kind) = specs[0];
        var text = element!.Value.Trim();
        if (text.StartsWith('='))
            return new TimerDefinition { Kind = kind, Expression = _feel.Compile(text[1..], element, ProblemText.TimerExpression(), (string?)owner.Attribute("id")) };
        if (!TimerSchedule.IsValid(kind, text, out var why))
        {
            problems.Add(owner, ProblemText.InvalidTimer(kind.ToString().ToLowerInvariant(), text, why));
            return null;
        }
        return new TimerDefinition { Kind = kind, Literal = text };
    }

    private MultiInstanceCharacteristics? MultiInstanceOf(XElement e)
    {
        var mi = e.Element(Bpmn + "multiInstanceLoopCharacteristics");
        if (mi is null) return null;
        var id = (string?)e.Attribute("id");
        FeelExpression? Expr(string? text, XElement at, string what) =>
            string.IsNullOrWhiteSpace(text) ? null : _feel.Compile(StripEquals(text.Trim()), at, what, id);
        var result = new MultiInstanceCharacteristics
        {
            IsSequential = (string?)mi.Attribute("isSequential") == "true",
            Collection = Expr(VupeAttr(mi, "collection"), mi, ProblemText.MultiInstanceCollection()),
            LoopCardinality = Expr((string?)mi.Element(Bpmn + "loopCardinality"), mi, ProblemText.LoopCardinality()),
            ElementVariable = VupeAttr(mi, "elementVariable"),
            CompletionCondition = Expr((string?)mi.Element(Bpmn + "completionCondition"), mi, ProblemText.CompletionCondition()),
            OutputCollection = VupeAttr(mi, "outputCollection"),
            OutputElement = Expr(VupeAttr(mi, "outputElement"), mi, ProblemText.OutputElement()),
        };
        if (result.Collection is null && result.LoopCardinality is null)
            problems.Add(mi, ProblemText.MultiInstanceNeedsCollection(), id);
        if ((result.OutputCollection is null) != (result.OutputElement is null))
            problems.Add(mi, ProblemText.OutputCollectionAndElementTogether(), id);
        return result;
    }

    private StandardLoopCharacteristics? StandardLoopOf(XElement e, Activity activity)
    {
        var loop = e.Element(Bpmn + "standardLoopCharacteristics");
        if (loop is null) return null;
        if (activity.MultiInstance is not null)
        {
            problems.Add(loop, ProblemText.LoopAndMultiInstanceTogether(), activity.Id);
            return null;
        }
        var conditionText = ((string?)loop.Element(Bpmn + "loopCondition"))?.Trim();
        var condition = string.IsNullOrEmpty(conditionText) ? null : _feel.Compile(StripEquals(conditionText).Trim(), loop, ProblemText.LoopCondition(), activity.Id);
        int? maximum = null;
        if ((string?)loop.Attribute("loopMaximum") is { } m)
        {
            if (int.TryParse(m, CultureInfo.InvariantCulture, out var max) && max >= 1) maximum = max;
            else problems.Add(loop, ProblemText.BadLoopMaximum(m), activity.Id);
        }
        if (string.IsNullOrEmpty(conditionText) && (string?)loop.Attribute("loopMaximum") is null)
            problems.Add(loop, ProblemText.StandardLoopNeedsConditionOrMaximum(), activity.Id);
        return new StandardLoopCharacteristics { Condition = condition, Maximum = maximum, TestBefore = (string?)loop.Attribute("testBefore") == "true" };
    }

    private List<IoMapping> Mappings(XElement e, string kind)
    {
        var list = new List<IoMapping>();
        var ext = e.Element(Bpmn + "extensionElements");
        if (ext is null) return list;
        foreach (var m in ext.Elements(Ext + kind))
        {
            var source = (string?)m.Attribute("source");
            var target = (string?)m.Attribute("target");
            if (string.IsNullOrWhiteSpace(source) || string.IsNullOrWhiteSpace(target))
            {
                problems.Add(m, ProblemText.MappingNeedsSourceAndTarget(kind), (string?)e.Attribute("id"));
                continue;
            }
            var expr = _feel.Compile(StripEquals(source), m, ProblemText.Mapping(kind, target), (string?)e.Attribute("id"));
            if (expr is not null) list.Add(new IoMapping(expr, target));
        }
        return list;
    }

    private ValueOrExpression? ValueOf(XElement e, string attribute)
    {
        var text = VupeAttr(e, attribute);
        if (text is null) return null;
        return text.StartsWith('=')
            ? new ValueOrExpression { Expression = _feel.Compile(text[1..], e, ProblemText.VupeAttribute(attribute)) }
            : new ValueOrExpression { Literal = text };
    }

    private static bool Async(XElement e) => VupeAttr(e, "async") == "true";
    private static string? VupeAttr(XElement e, string name) => (string?)e.Attribute(Ext + name);
    private static string StripEquals(string text) => text.StartsWith('=') ? text[1..] : text;
}
