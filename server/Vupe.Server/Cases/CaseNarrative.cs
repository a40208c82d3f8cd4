using Vupe.Engine;
using Vupe.Server.Admin;

namespace Vupe.Server.Cases;

/// <summary>
/// The case page's history and audit trail as sentences a consultant or auditor reads ("Ana Quispe (ana.quispe) tomó la
/// tarea «Diagnóstico»"); the stored keys stay English and are kept beside the sentence (title, export) for whoever
/// needs the exact event.
/// </summary>
public static class CaseNarrative
{
    /// <summary>One engine history row as a Spanish sentence; people by name when <paramref name="people"/> knows them.</summary>
    public static string Sentence(HistoryEntry h, People? people = null)
    {
        var who = h.UserId is null ? null : (people ?? People.None).Describe(h.UserId);
        var what = Noun(h.ElementType, h.ElementName ?? h.ElementId);
        var sentence = h.EventType switch
        {
            HistoryEventTypes.CaseOpened => who is null ? "Se abrió el expediente" : $"{who} abrió el expediente",
            HistoryEventTypes.CaseClosed => "Se cerró el expediente",
            HistoryEventTypes.ProcessStarted => $"Comenzó {what}",
            HistoryEventTypes.ProcessCompleted => $"Terminó {what}",
            HistoryEventTypes.ProcessTerminated => $"{Capitalised(what)} terminó antes de su fin normal",
            HistoryEventTypes.ProcessCancelled => who is null ? $"Se anuló {what}" : $"{who} anuló {what}",
            HistoryEventTypes.ProcessSuspended => who is null ? $"Se suspendió {what}" : $"{who} suspendió {what}",
            HistoryEventTypes.ProcessResumed => who is null ? $"Se reanudó {what}" : $"{who} reanudó {what}",
            HistoryEventTypes.ElementStarted => $"Comenzó {what}",
            HistoryEventTypes.ElementCompleted => $"Terminó {what}",
            HistoryEventTypes.ElementCancelled => $"Se canceló {what}",
            HistoryEventTypes.VariablesChanged => who is null ? "Se registraron datos del caso" : $"{who} registró datos del caso",
            HistoryEventTypes.TaskCreated => $"Se creó la tarea «{Label(h)}»",
            HistoryEventTypes.TaskClaimed => $"{who ?? "Alguien"} tomó la tarea «{Label(h)}»",
            HistoryEventTypes.TaskUnclaimed => $"{who ?? "Alguien"} liberó la tarea «{Label(h)}»",
            HistoryEventTypes.TaskAssigned => $"{who ?? "Alguien"} asignó la tarea «{Label(h)}»",
            HistoryEventTypes.TaskCompleted => $"{who ?? "Alguien"} completó la tarea «{Label(h)}»",
            HistoryEventTypes.MessageCorrelated => $"Llegó el mensaje que esperaba {what}",
            HistoryEventTypes.SignalReceived => $"Se recibió la señal que esperaba {what}",
            HistoryEventTypes.TimerFired => $"Venció el plazo de {what}",
            HistoryEventTypes.ServiceTaskFailed => $"Falló {what}; se reintentará",
            HistoryEventTypes.ErrorThrown => $"Se produjo un error de negocio en {what}",
            HistoryEventTypes.EscalationThrown => $"Se escaló el caso desde {what}",
            HistoryEventTypes.CompensationThrown => $"Se deshizo lo ya hecho (compensación) desde {what}",
            HistoryEventTypes.IncidentCreated => $"Incidente en {what}: requiere la atención de un supervisor",
            HistoryEventTypes.IncidentResolved => who is null ? $"Se resolvió el incidente en {what}" : $"{who} resolvió el incidente en {what}",
            HistoryEventTypes.DecisionEvaluated => $"Se evaluó la decisión de {what}",
            HistoryEventTypes.ChildCaseOpened => $"Se abrió un expediente derivado desde {what}",
            HistoryEventTypes.ExternalCall => $"Se consultó un sistema externo desde {what}",
            HistoryEventTypes.ProcessMigrated => who is null ? "El caso pasó a otra versión del procedimiento" : $"{who} pasó el caso a otra versión del procedimiento",
            HistoryEventTypes.TokenMoved => who is null ? $"El caso se movió a {what}" : $"{who} movió el caso a {what}",
            _ => h.EventType,
        };
        return sentence;
    }

    /// <summary>An audit action key ("task.claimed") as what the actor did, in Spanish; unknown keys as they are.</summary>
    public static string Action(string action) => action switch
    {
        "case.opened" => "abrió el expediente",
        "case.read" => "consultó el expediente",
        "case.exported" => "exportó el expediente",
        "task.read" => "consultó una tarea",
        "task.claimed" => "tomó una tarea",
        "task.unclaimed" => "liberó una tarea",
        "task.assigned" => "asignó una tarea",
        "task.completed" => "completó una tarea",
        "task.sla.warned" => "avisó por correo que una tarea está por vencer",
        "task.sla.escalated" => "escaló una tarea vencida a los supervisores",
        "incident.retried" => "reintentó un incidente",
        "process.cancelled" => "anuló el proceso",
        "process.migrated" => "pasó el caso a otra versión del procedimiento",
        "token.moved" => "movió el caso a otro paso",
        "process.suspended" => "suspendió el proceso",
        "process.resumed" => "reanudó el proceso",
        "variables.changed" => "corrigió datos del caso",
        "party.created" => "registró la ficha única",
        "party.read" => "consultó la ficha única",
        "party.updated" => "actualizó la ficha única",
        "party.listed" => "encontró la ficha en una búsqueda",
        "party.history.read" => "consultó los expedientes del titular",
        "party.documents.read" => "consultó los documentos del titular",
        "document.added" => "añadió un documento",
        "document.read" => "abrió un documento",
        "document.contentDeleted" => "eliminó el contenido de un documento por plazo de conservación",
        "hold.placed" => "puso una retención legal o ARCO",
        "hold.lifted" => "levantó una retención legal o ARCO",
        "party.contact.codeSent" => "envió un código para verificar un contacto",
        "party.contact.verified" => "verificó un contacto del titular",
        "party.contact.refused" => "rechazó un código de verificación de contacto",
        "cul.code.sent" => "envió un código para la solicitud del CUL en línea",
        "cul.code.refused" => "rechazó una solicitud del CUL en línea",
        "ficha.diagnosis.recorded" => "registró el diagnóstico",
        "ficha.outcome.recorded" => "registró el resultado de la atención",
        "consent.granted" => "registró el consentimiento del titular",
        "consent.withdrawn" => "registró el retiro del consentimiento",
        "cul.issued" => "emitió el Certificado Único Laboral",
        "cul.delivered" => "entregó el Certificado Único Laboral",
        "cul.records.read" => "consultó los antecedentes del titular",
        "certificate.revoked" => "revocó un certificado",
        "deployment.created" => "desplegó una versión del catálogo",
        _ => action,
    };

    private static string Label(HistoryEntry h) => h.ElementName ?? h.ElementId ?? "sin nombre";

    private static string Noun(string? elementType, string? name)
    {
        var label = name is null ? "" : $" «{name}»";
        return elementType switch
        {
            "process" => $"el proceso{label}",
            "userTask" => $"la tarea{label}",
            "serviceTask" or "sendTask" => $"el paso automático{label}",
            "businessRuleTask" => $"la regla{label}",
            "receiveTask" => $"la espera{label}",
            "startEvent" => $"el inicio{label}",
            "endEvent" => $"el fin{label}",
            "boundaryEvent" or "intermediateCatchEvent" or "intermediateThrowEvent" => $"el evento{label}",
            "subProcess" or "eventSubProcess" or "callActivity" => $"el subproceso{label}",
            { } t when t.EndsWith("Gateway", StringComparison.Ordinal) => $"la bifurcación{label}",
            _ => $"el paso{label}",
        };
    }

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
