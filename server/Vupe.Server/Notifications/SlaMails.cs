using Vupe.Engine;
using Vupe.Server.Pages;

namespace Vupe.Server.Notifications;

/// <summary>The Spanish texts of the SLA mails: subject names the task and the case, body links to the task.</summary>
internal sealed class SlaMails(NotificationLinks links)
{
    private const string Footer = "\n\n--\nMensaje automático de la Ventanilla Única de Promoción del Empleo (VUPE), Ministerio de Trabajo y Promoción del Empleo. No responda a este correo.";

    public OutgoingMail Warning(Recipient to, TaskInfo task, string procedure)
    {
        var due = LimaTime.Format(task.DueAt);
        var who = task.Assignee is null
            ? "Nadie la ha tomado todavía: usted es parte del equipo que puede atenderla y la encontrará en su bandeja, en «Disponibles»."
            : "Usted la tiene asignada.";
        return new OutgoingMail(to.Email, to.FullName,
            $"Tarea por vencer: «{Name(task)}» del expediente {task.CaseNumber} vence el {due}",
            $"""
            Hola, {to.FullName}:

            La tarea «{Name(task)}» del expediente {task.CaseNumber} ({procedure}) vence el {due} (hora de Lima).
            {who}

            Abrir la tarea: {links.Task(task.Id)}

            Si no se completa a tiempo, se informará al supervisor de la oficina.
            """ + Footer);
    }

    public OutgoingMail Escalation(Recipient to, TaskInfo task, string procedure, string? holder, CaseFileInfo escalation)
    {
        var due = LimaTime.Format(task.DueAt);
        return new OutgoingMail(to.Email, to.FullName,
            $"Tarea vencida: «{Name(task)}» del expediente {task.CaseNumber}",
            $"""
            Hola, {to.FullName}:

            La tarea «{Name(task)}» del expediente {task.CaseNumber} ({procedure}) venció el {due} (hora de Lima) sin completarse.
            Responsable: {holder ?? "nadie la ha tomado"}.

            Ver la tarea: {links.Task(task.Id)}

            En la bandeja de supervisión de su oficina se abrió el expediente {escalation.CaseNumber} para que registre la acción tomada (reasignar la tarea, conversar con el consultor, ampliar el plazo...):
            {links.Case(escalation.Id)}
            """ + Footer);
    }

    public static string Name(TaskInfo task) => task.Name ?? task.ElementId;
}
