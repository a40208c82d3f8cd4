using System.Globalization;

namespace Vupe.Engine.Parsing;

/// <summary>
/// Every text of a deployment problem, in English (the library's default, what its tests read) and in Spanish for
/// hosts whose users read Spanish, chosen by <see cref="CultureInfo.CurrentUICulture"/>. Both languages sit side by
/// side so a change to one is made to the other. Identifiers and attribute names stay as written in the file; the
/// Spanish quotes them with «».
/// </summary>
internal static class ProblemText
{
    /// <summary>Spanish when the UI culture's language is Spanish (es, es-PE, ...), otherwise English.</summary>
    public static bool InSpanish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "es";

    private static string Pick(string en, string es) => InSpanish ? es : en;

    // ---- Elements -------------------------------------------------------------------------------------------

    // The Spanish name of each element type with its article; "el" contracts with "a" and "de" (see To, Of).
    private static readonly Dictionary<string, string> SpanishElementNames = new(StringComparer.Ordinal)
    {
        ["process"] = "el proceso",
        ["startEvent"] = "el evento de inicio",
        ["endEvent"] = "el evento de fin",
        ["intermediateCatchEvent"] = "el evento intermedio de captura",
        ["intermediateThrowEvent"] = "el evento intermedio de lanzamiento",
        ["boundaryEvent"] = "el evento de borde",
        ["sequenceFlow"] = "el flujo de secuencia",
        ["task"] = "la tarea",
        ["manualTask"] = "la tarea manual",
        ["userTask"] = "la tarea de usuario",
        ["serviceTask"] = "la tarea de servicio",
        ["sendTask"] = "la tarea de envío",
        ["businessRuleTask"] = "la tarea de regla de negocio",
        ["scriptTask"] = "la tarea de script",
        ["receiveTask"] = "la tarea de recepción",
        ["callActivity"] = "la actividad de llamada",
        ["subProcess"] = "el subproceso",
        ["eventSubProcess"] = "el subproceso de evento",
        ["exclusiveGateway"] = "la compuerta exclusiva",
        ["inclusiveGateway"] = "la compuerta inclusiva",
        ["parallelGateway"] = "la compuerta paralela",
        ["eventBasedGateway"] = "la compuerta basada en eventos",
    };

    /// <summary>"exclusiveGateway 'g1'" (as the model's ToString) / "la compuerta exclusiva «g1»".</summary>
    public static string Element(string elementType, string id) => Pick(
        $"{elementType} '{id}'",
        $"{SpanishElementName(elementType)} «{id}»");

    private static string SpanishElementName(string elementType) =>
        SpanishElementNames.TryGetValue(elementType, out var name) ? name : $"el elemento <{elementType}>";

    /// <summary>"a" + a Spanish description with its article: "al subproceso", "a la tarea".</summary>
    private static string To(string described) => described.StartsWith("el ", StringComparison.Ordinal) ? "al " + described[3..] : "a " + described;

    /// <summary>"de" + a Spanish description with its article: "del subproceso", "de la compuerta".</summary>
    private static string Of(string described) => described.StartsWith("el ", StringComparison.Ordinal) ? "del " + described[3..] : "de " + described;

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    // ---- The file -------------------------------------------------------------------------------------------

    public static string NotWellFormedXml(string detail) => Pick(
        $"The file is not well-formed XML: {detail}",
        $"El archivo no es un XML bien formado: {detail}");

    public static string WrongRoot(string localName, string namespaceName, string bpmnNamespace) => Pick(
        $"The root element is <{localName}> in namespace '{namespaceName}'; expected <definitions> of BPMN 2.0 ({bpmnNamespace}).",
        $"El elemento raíz es <{localName}> del espacio de nombres «{namespaceName}»; se esperaba <definitions> de BPMN 2.0 ({bpmnNamespace}).");

    public static string NoExecutableProcess() => Pick(
        "The file has no executable process (a <process> with isExecutable=\"true\").",
        "El archivo no tiene ningún proceso ejecutable (un <process> con isExecutable=\"true\").");

    public static string DuplicateId(string id) => Pick(
        $"Duplicate id '{id}'.",
        $"El id «{id}» está repetido.");

    public static string DuplicateHeader(string key) => Pick(
        $"The header <vupe:header key=\"{key}\"> appears more than once in this task; a handler reads one value per key.",
        $"La cabecera <vupe:header key=\"{key}\"> aparece más de una vez en esta tarea; el manejador lee un valor por clave.");

    public static string NoId(string elementName) => Pick(
        $"<{elementName}> has no id.",
        $"<{elementName}> no tiene id.");

    public static string NotSupported(string elementName) => Pick(
        $"<{elementName}> is not supported by the VupeCases engine.",
        $"El motor de VupeCases no admite <{elementName}>.");

    // ---- FEEL -----------------------------------------------------------------------------------------------

    /// <summary>The detail is the FEEL parser's own text, which stays English.</summary>
    public static string InvalidFeel(string what, string detail) => Pick(
        $"Invalid FEEL in {what}: {detail}",
        $"FEEL no válido en {what}: {detail}");

    public static string UnknownFeelFunction(string name, string what, int column) => Pick(
        $"Unknown FEEL function '{name}' in {what} at column {column}.",
        $"Función FEEL desconocida «{name}» en {what}, columna {column}.");

    // What a FEEL text is, for the two messages above.

    public static string FlowCondition(string flowId) => Pick(
        $"the condition of sequence flow '{flowId}'",
        $"la condición del flujo de secuencia «{flowId}»");

    public static string CorrelationKey(string messageId) => Pick(
        $"the correlation key of message '{messageId}'",
        $"la clave de correlación del mensaje «{messageId}»");

    public static string EventCondition() => Pick("the condition of the conditional event", "la condición del evento condicional");

    public static string TimerExpression() => Pick("the timer expression", "la expresión del temporizador");

    public static string MultiInstanceCollection() => Pick("the multi-instance collection", "la colección de la multiinstancia");

    public static string LoopCardinality() => Pick("the loop cardinality", "la cardinalidad del bucle");

    public static string CompletionCondition() => Pick("the completion condition", "la condición de finalización");

    public static string OutputElement() => Pick("the output element", "el elemento de salida");

    /// <summary><paramref name="kind"/> is "input" or "output", as in vupe:input / vupe:output.</summary>
    public static string Mapping(string kind, string target) => Pick(
        $"the {kind} mapping to '{target}'",
        $"el mapeo de {(kind == "input" ? "entrada" : "salida")} hacia «{target}»");

    public static string VupeAttribute(string attribute) => Pick(
        $"vupe:{attribute}",
        $"el atributo «vupe:{attribute}»");

    // ---- The shape of a process -----------------------------------------------------------------------------

    public static string NoStartEvent(string processId) => Pick(
        $"Process '{processId}' has no start event.",
        $"El proceso «{processId}» no tiene evento de inicio.");

    public static string MoreThanOneNoneStart(bool isProcess, string scopeId) => Pick(
        $"{(isProcess ? "Process" : "Sub-process")} '{scopeId}' has more than one none start event; only one is allowed.",
        $"{(isProcess ? "El proceso" : "El subproceso")} «{scopeId}» tiene más de un evento de inicio simple; solo se permite uno.");

    public static string EventGatewayNeedsTwoFlows() => Pick(
        "An event-based gateway needs at least two outgoing flows.",
        "Una compuerta basada en eventos necesita al menos dos flujos de salida.");

    public static string EventGatewayTarget(string targetType, string targetId) => Pick(
        $"An event-based gateway may only lead to catch events or receive tasks, not to {Element(targetType, targetId)}.",
        $"Una compuerta basada en eventos solo puede llevar a eventos intermedios de captura o a tareas de recepción, no {To(Element(targetType, targetId))}.");

    public static string FlowWithoutCondition(string flowId, string gatewayType, string gatewayId) => Pick(
        $"Sequence flow '{flowId}' leaves {Element(gatewayType, gatewayId)} without a condition and is not its default flow.",
        $"El flujo de secuencia «{flowId}» sale {Of(Element(gatewayType, gatewayId))} sin condición y no es su flujo por defecto.");

    public static string StartEventWithIncoming() => Pick(
        "A start event cannot have incoming sequence flows.",
        "Un evento de inicio no puede tener flujos de secuencia de entrada.");

    public static string EndEventWithOutgoing() => Pick(
        "An end event cannot have outgoing sequence flows.",
        "Un evento de fin no puede tener flujos de secuencia de salida.");

    public static string BoundaryEventWithIncoming() => Pick(
        "A boundary event cannot have incoming sequence flows.",
        "Un evento de borde no puede tener flujos de secuencia de entrada.");

    public static string ErrorStartOutsideEventSubProcess() => Pick(
        "An error start event is only allowed in an event sub-process.",
        "Un evento de inicio de error solo se permite dentro de un subproceso de evento.");

    /// <summary><paramref name="kind"/>: escalation or conditional.</summary>
    public static string StartOutsideEventSubProcess(string kind) => Pick(
        $"{(kind == "escalation" ? "An" : "A")} {(kind == "compensate" ? "compensation" : kind)} start event is only allowed in an event sub-process.",
        $"Un evento de inicio de {(SpanishDefinitionNames.TryGetValue(kind, out var name) ? name : kind)} solo se permite dentro de un subproceso de evento.");

    public static string EventSubProcessWithFlows() => Pick(
        "An event sub-process cannot have incoming or outgoing sequence flows.",
        "Un subproceso de evento no puede tener flujos de secuencia de entrada ni de salida.");

    /// <summary><paramref name="path"/> is the loop's element ids joined by " → ".</summary>
    public static string LoopWithoutWaitState(string path) => Pick(
        $"The loop {path} has no wait state (user task, receive task, catch event, call activity or vupe:async=\"true\") and could run for ever.",
        $"El bucle {path} no tiene ningún estado de espera (tarea de usuario, tarea de recepción, evento de captura, actividad de llamada o vupe:async=\"true\") y podría repetirse sin fin.");

    public static string EventSubProcessNeedsOneStart() => Pick(
        "An event sub-process needs exactly one start event with a message, timer, error, signal, escalation or conditional definition.",
        "Un subproceso de evento necesita exactamente un evento de inicio con una definición de mensaje, temporizador, error, señal, escalamiento o condición.");

    public static string SubProcessNeedsNoneStart() => Pick(
        "A sub-process needs one none start event.",
        "Un subproceso necesita un evento de inicio simple.");

    // ---- Activities -----------------------------------------------------------------------------------------

    // Standard loops, script tasks and link events.

    public static string LoopCondition() => Pick("the loop condition", "la condición del bucle");

    public static string StandardLoopNeedsConditionOrMaximum() => Pick(
        "A standard loop needs a loopCondition, a loopMaximum or both.",
        "Un bucle estándar necesita un «loopCondition», un «loopMaximum» o ambos.");

    public static string BadLoopMaximum(string value) => Pick(
        $"loopMaximum must be a whole number of at least 1, not '{value}'.",
        $"«loopMaximum» debe ser un número entero, al menos 1, no «{value}».");

    public static string LoopAndMultiInstanceTogether() => Pick(
        "An activity has either standardLoopCharacteristics or multiInstanceLoopCharacteristics, not both.",
        "Una actividad tiene «standardLoopCharacteristics» o «multiInstanceLoopCharacteristics», no ambos.");

    /// <summary>A standard loop whose runs never wait, with only a condition to stop it, could spin for ever in one transaction.</summary>
    public static string StandardLoopWithoutMaximum(string elementType, string id) => Pick(
        $"The standard loop of {elementType} '{id}' never waits and has no loopMaximum, so it could run for ever; add a loopMaximum.",
        $"El bucle estándar {Of(SpanishElementName(elementType))} «{id}» nunca espera y no tiene «loopMaximum», así que podría repetirse sin fin; agregue un «loopMaximum».");

    public static string ScriptFormatNotSupported(string format) => Pick(
        $"Script format '{format}' is not supported: a script task's script is a FEEL expression (scriptFormat=\"feel\" or none).",
        $"El formato de script «{format}» no está soportado: el script de una tarea de script es una expresión FEEL (scriptFormat=\"feel\" o ninguno).");

    public static string ScriptTaskNeedsScript() => Pick(
        "A script task needs a <script> with a FEEL expression.",
        "Una tarea de script necesita un <script> con una expresión FEEL.");

    public static string ScriptTaskNeedsResultVariable() => Pick(
        "A script task needs vupe:resultVariable naming the variable that keeps the script's value.",
        "Una tarea de script necesita «vupe:resultVariable» con el nombre de la variable que guarda el valor del script.");

    public static string Script() => Pick("the script", "el script");

    public static string LinkNeedsName() => Pick(
        "A link event definition needs a name.",
        "Una definición de evento de enlace necesita un nombre («name»).");

    public static string LinkWithoutCatch(string linkName) => Pick(
        $"No intermediate catch event with link '{linkName}' in the same scope catches this link throw event.",
        $"Ningún evento intermedio de captura con el enlace «{linkName}» en el mismo ámbito recibe este evento de lanzamiento de enlace.");

    public static string LinkThrowWithOutgoing() => Pick(
        "A link throw event cannot have outgoing sequence flows: the token continues at its link catch event.",
        "Un evento de lanzamiento de enlace no puede tener flujos de secuencia de salida: el token sigue en su evento de captura de enlace.");

    public static string LinkCatchWithIncoming() => Pick(
        "A link catch event cannot have incoming sequence flows: tokens reach it only through its link throw events.",
        "Un evento de captura de enlace no puede tener flujos de secuencia de entrada: los tokens llegan solo por sus eventos de lanzamiento de enlace.");

    public static string DuplicateLinkCatch(string linkName) => Pick(
        $"More than one intermediate catch event in this scope has link '{linkName}'.",
        $"Más de un evento intermedio de captura de este ámbito tiene el enlace «{linkName}».");

    /// <summary><paramref name="taskType"/> is serviceTask or sendTask.</summary>
    public static string TaskNeedsType(string taskType) => Pick(
        $"A {taskType} needs vupe:type naming the handler that does its work.",
        $"{Capitalized(SpanishElementName(taskType))} necesita «vupe:type» con el nombre del manejador que hace su trabajo.");

    public static string UnknownTaskType(string taskType) => Pick(
        $"No handler is registered for task type '{taskType}'.",
        $"No hay ningún manejador registrado para el tipo de tarea «{taskType}».");

    public static string BadRetries(string value) => Pick(
        $"vupe:retries must be a whole number of attempts of at least 1, not '{value}'.",
        $"«vupe:retries» debe ser un número entero de intentos, al menos 1, no «{value}».");

    public static string BadRetryBackoff(string value) => Pick(
        $"vupe:retryBackoff must be an ISO-8601 duration such as PT30S, not '{value}'.",
        $"«vupe:retryBackoff» debe ser una duración ISO-8601 como PT30S, no «{value}».");

    public static string SendTaskNeedsTypeOrMessage() => Pick(
        "A send task needs vupe:type (a handler) or a messageRef (a message published inside the engine).",
        "Una tarea de envío necesita «vupe:type» (un manejador) o un «messageRef» (un mensaje publicado dentro del motor).");

    public static string BusinessRuleTaskNeedsDecision() => Pick(
        "A business rule task needs vupe:decisionRef and vupe:resultVariable.",
        "Una tarea de regla de negocio necesita «vupe:decisionRef» y «vupe:resultVariable».");

    public static string ReceiveTaskNeedsMessage() => Pick(
        "A receive task needs a messageRef to a declared <message>.",
        "Una tarea de recepción necesita un «messageRef» que apunte a un <message> declarado.");

    public static string SameAssigneeAsNotAUserTask(string id) => Pick(
        $"vupe:sameAssigneeAs names '{id}', which is not a user task of this process.",
        $"«vupe:sameAssigneeAs» nombra «{id}», que no es una tarea de usuario de este proceso.");

    public static string CallActivityNeedsCalledElement() => Pick(
        "A call activity needs calledElement (the key of the process to call).",
        "Una actividad de llamada necesita «calledElement» (la clave del proceso al que llama).");

    /// <summary><paramref name="prefix"/>: form, decision or calledElement (vupe:formBinding, ...).</summary>
    public static string BindingVersionMissing(string prefix) => Pick(
        $"vupe:{prefix}Binding=\"version\" needs vupe:{prefix}Version with a version number.",
        $"«vupe:{prefix}Binding=\"version\"» necesita «vupe:{prefix}Version» con un número de versión.");

    public static string BadBinding(string prefix, string value) => Pick(
        $"vupe:{prefix}Binding must be latest, deployment or version, not '{value}'.",
        $"«vupe:{prefix}Binding» debe ser latest, deployment o version, no «{value}».");

    public static string MultiInstanceNeedsCollection() => Pick(
        "Multi-instance needs vupe:collection (a list) or a loopCardinality.",
        "La multiinstancia necesita «vupe:collection» (una lista) o un «loopCardinality».");

    public static string OutputCollectionAndElementTogether() => Pick(
        "vupe:outputCollection and vupe:outputElement go together.",
        "«vupe:outputCollection» y «vupe:outputElement» van juntos: use los dos o ninguno.");

    /// <summary><paramref name="kind"/> is "input" or "output".</summary>
    public static string MappingNeedsSourceAndTarget(string kind) => Pick(
        $"vupe:{kind} needs both source (a FEEL expression) and target (a variable name).",
        $"«vupe:{kind}» necesita «source» (una expresión FEEL) y «target» (un nombre de variable).");

    // ---- Flows ----------------------------------------------------------------------------------------------

    public static string BadSourceRef(string sourceId) => Pick(
        $"sourceRef '{sourceId}' does not name a flow node in the same scope.",
        $"«sourceRef» («{sourceId}») no nombra ningún elemento de flujo del mismo ámbito.");

    public static string BadTargetRef(string targetId) => Pick(
        $"targetRef '{targetId}' does not name a flow node in the same scope.",
        $"«targetRef» («{targetId}») no nombra ningún elemento de flujo del mismo ámbito.");

    public static string ScriptCondition(string flowId, string text) => Pick(
        $"The condition of sequence flow '{flowId}' is a JUEL/script expression ('{text}'); conditions are written in FEEL, e.g. approved = true.",
        $"La condición del flujo de secuencia «{flowId}» es una expresión JUEL/script («{text}»); las condiciones se escriben en FEEL, p. ej. approved = true.");

    public static string DefaultFlowNotOutgoing(string flowId) => Pick(
        $"The default flow '{flowId}' is not an outgoing sequence flow of this element.",
        $"El flujo por defecto «{flowId}» no es un flujo de secuencia de salida de este elemento.");

    public static string DefaultFlowWithCondition(string flowId) => Pick(
        $"The default flow '{flowId}' must not have a condition.",
        $"El flujo por defecto «{flowId}» no debe tener condición.");

    // ---- Events ---------------------------------------------------------------------------------------------

    private static readonly Dictionary<string, string> SpanishDefinitionNames = new(StringComparer.Ordinal)
    {
        ["message"] = "mensaje", ["timer"] = "temporizador", ["error"] = "error", ["signal"] = "señal", ["terminate"] = "terminación",
        ["escalation"] = "escalamiento", ["compensate"] = "compensación", ["conditional"] = "condición", ["link"] = "enlace", ["cancel"] = "cancelación",
    };

    public static string CatchEventNeedsDefinition() => Pick(
        "An intermediate catch event needs a message, timer, signal, conditional or link definition.",
        "Un evento intermedio de captura necesita una definición de mensaje, temporizador, señal, condición o enlace.");

    public static string BadAttachedToRef(string attachedId) => Pick(
        $"attachedToRef '{attachedId}' does not name an activity in the same scope.",
        $"«attachedToRef» («{attachedId}») no nombra ninguna actividad del mismo ámbito.");

    public static string BoundaryEventNeedsDefinition() => Pick(
        "A boundary event needs a message, timer, error, signal, escalation, conditional or compensation definition.",
        "Un evento de borde necesita una definición de mensaje, temporizador, error, señal, escalamiento, condición o compensación.");

    public static string CompensationBoundaryNeedsHandler() => Pick(
        "A compensation boundary event needs an association to its compensation handler: an activity with isForCompensation=\"true\".",
        "Un evento de borde de compensación necesita una asociación con su manejador de compensación: una actividad con isForCompensation=\"true\".");

    public static string CompensationBoundaryWithOutgoing() => Pick(
        "A compensation boundary event cannot have outgoing sequence flows; it is linked to its handler by an association.",
        "Un evento de borde de compensación no puede tener flujos de secuencia de salida; se une a su manejador con una asociación.");

    public static string CompensationHandlerWithFlows() => Pick(
        "A compensation handler (isForCompensation=\"true\") cannot have incoming or outgoing sequence flows.",
        "Un manejador de compensación (isForCompensation=\"true\") no puede tener flujos de secuencia de entrada ni de salida.");

    public static string CompensationHandlerWithoutBoundary() => Pick(
        "This activity is marked isForCompensation=\"true\" but no compensation boundary event is associated to it, so it could never run.",
        "Esta actividad tiene isForCompensation=\"true\" pero ningún evento de borde de compensación está asociado a ella, así que nunca se ejecutaría.");

    public static string BadCompensateActivityRef(string activityRef) => Pick(
        $"activityRef '{activityRef}' does not name an activity in the same scope as the compensation event.",
        $"«activityRef» («{activityRef}») no nombra ninguna actividad del mismo ámbito que el evento de compensación.");

    public static string ErrorBoundaryAlwaysInterrupts() => Pick(
        "An error boundary event always interrupts; cancelActivity=\"false\" is not allowed.",
        "Un evento de borde de error siempre interrumpe; no se permite cancelActivity=\"false\".");

    public static string MultipleEventDefinitions() => Pick(
        "Events with more than one event definition (multiple events) are not supported.",
        "No se admiten eventos con más de una definición de evento (eventos múltiples).");

    /// <summary><paramref name="kind"/>: message, timer, error, signal, terminate, escalation, ...</summary>
    public static string EventDefinitionNotAllowed(string kind, string elementName) => Pick(
        $"A {kind} event definition is not supported on <{elementName}>.",
        $"No se admite una definición de {(SpanishDefinitionNames.TryGetValue(kind, out var name) ? name : $"evento «{kind}»")} en <{elementName}>.");

    public static string MessageEventNeedsMessage() => Pick(
        "A message event needs a messageRef to a declared <message> with a name.",
        "Un evento de mensaje necesita un «messageRef» que apunte a un <message> declarado y con nombre.");

    public static string BadErrorRef(string errorRef) => Pick(
        $"errorRef '{errorRef}' does not name a declared <error>.",
        $"«errorRef» («{errorRef}») no nombra ningún <error> declarado.");

    public static string BadEscalationRef(string escalationRef) => Pick(
        $"escalationRef '{escalationRef}' does not name a declared <escalation>.",
        $"«escalationRef» («{escalationRef}») no nombra ningún <escalation> declarado.");

    public static string ThrownEscalationNeedsRef() => Pick(
        "An escalation that is thrown needs an escalationRef to a declared <escalation>; only a catching event may omit it to catch any escalation.",
        "Un escalamiento que se lanza necesita un «escalationRef» que apunte a un <escalation> declarado; solo un evento de captura puede omitirlo para capturar cualquier escalamiento.");

    public static string ConditionalEventNeedsCondition() => Pick(
        "A conditional event needs a <condition> with a FEEL expression, e.g. amount > 1000.",
        "Un evento condicional necesita una <condition> con una expresión FEEL, p. ej. amount > 1000.");

    public static string BadSignalRef(string? signalRef) => Pick(
        $"signalRef '{signalRef}' does not name a declared <signal>.",
        $"«signalRef» («{signalRef}») no nombra ninguna <signal> declarada.");

    public static string MessageNeedsName(string messageId) => Pick(
        $"Message '{messageId}' needs a name: messages are correlated by name.",
        $"El mensaje «{messageId}» necesita un nombre: los mensajes se correlacionan por nombre.");

    // ---- Timers ---------------------------------------------------------------------------------------------

    public static string TimerNeedsOneSpec() => Pick(
        "A timer needs exactly one of timeDate, timeDuration or timeCycle.",
        "Un temporizador necesita exactamente uno de «timeDate», «timeDuration» o «timeCycle».");

    /// <summary><paramref name="kind"/>: date, duration or cycle; <paramref name="why"/> one of the Timer…Expected texts.</summary>
    public static string InvalidTimer(string kind, string text, string why) => Pick(
        $"Invalid timer {kind} '{text}': {why}",
        $"Valor no válido en «time{Capitalized(kind)}» del temporizador («{text}»): {why}");

    public static string TimerDateExpected() => Pick(
        "expected an ISO-8601 date-time with offset, e.g. 2026-12-31T09:00:00-05:00",
        "se esperaba una fecha y hora ISO-8601 con desfase horario, p. ej. 2026-12-31T09:00:00-05:00");

    public static string TimerDurationExpected() => Pick(
        "expected an ISO-8601 duration, e.g. PT15M or P3D",
        "se esperaba una duración ISO-8601, p. ej. PT15M o P3D");

    public static string TimerCycleExpected() => Pick(
        "expected an ISO-8601 repeating interval R[n]/[start/]duration, e.g. R3/PT1H",
        "se esperaba un intervalo repetitivo ISO-8601 R[n]/[inicio/]duración, p. ej. R3/PT1H");

    // ---- The deployment -------------------------------------------------------------------------------------

    private static string SpanishKind(string kind) => kind switch
    {
        ResourceKinds.Decision => "decisión",
        ResourceKinds.Form => "formulario",
        _ => $"«{kind}»",
    };

    /// <summary><paramref name="kind"/>: a resource kind's name (decision, form).</summary>
    public static string DefinesNothing(string kind) => Pick(
        $"The file defines no {kind}.",
        kind switch
        {
            ResourceKinds.Decision => "El archivo no define ninguna decisión.",
            ResourceKinds.Form => "El archivo no define ningún formulario.",
            _ => $"El archivo no define ningún recurso de tipo «{kind}».",
        });

    /// <summary><paramref name="kinds"/>: the names of the resource kinds the host registered.</summary>
    public static string CannotDeployFile(IReadOnlyList<string> kinds) => Pick(
        $"This kind of file cannot be deployed; accepted: {string.Join(", ", kinds.Prepend("BPMN (.bpmn)"))}.",
        $"Este tipo de archivo no se puede desplegar; se aceptan: {string.Join(", ", kinds.Select(SpanishKind).Prepend("BPMN (.bpmn)"))}.");

    public static string DuplicateProcessId(string processId) => Pick(
        $"Process id '{processId}' appears more than once in this deployment.",
        $"El id de proceso «{processId}» aparece más de una vez en este despliegue.");

    public static string DuplicateResource(string kind, string key) => Pick(
        $"The {kind} '{key}' appears more than once in this deployment.",
        kind switch
        {
            ResourceKinds.Decision => $"La decisión «{key}» aparece más de una vez en este despliegue.",
            ResourceKinds.Form => $"El formulario «{key}» aparece más de una vez en este despliegue.",
            _ => $"El recurso «{key}» de tipo «{kind}» aparece más de una vez en este despliegue.",
        });
}
