using Vupe.Server.Problems;

namespace Vupe.Server.Procedures;

/// <summary>
/// Variables the engine, the server and the catalogue set themselves and then trust: routing (officeCode sends tasks
/// to "LIM-consultor"), the case's subject (partyId and the ficha's identity), and what service tasks and decisions
/// write for later steps (the referrals to open, the CUL issued, ...). A client sending one of them in
/// <c>variables</c> or a task's <c>data</c> would steer the case (a task sent to a group no one can claim), so it is
/// a 400 naming the variable; a task's form may still ask for one of them on purpose (the diagnosis asks the age).
/// </summary>
public static class ReservedVariables
{
    /// <summary>Read by every expression from the case itself (InstanceContext), hidden by a process variable of the same name.</summary>
    private static readonly string[] Engine = ["caseId", "caseNumber", "officeCode", "childCases", "subjectId"];

    /// <summary>The ficha's identity, written by <see cref="Cases.CaseOpener"/> when a case opens.</summary>
    private static readonly string[] Subject =
        ["partyId", "tipoDocumento", "numeroDocumento", "nombre", "edad", "nombres", "apellidoPaterno", "apellidoMaterno", "fechaNacimiento", "ruc", "razonSocial"];

    /// <summary>Written by the catalogue's decisions and service tasks and by the server's escalations (workflows/*, Notifications/SlaEscalation).</summary>
    private static readonly string[] Catalogue =
    [
        // decisions (resultVariable of the business rule tasks)
        "recomendaciones", "procedimientos", "elegibilidad",
        // referrals (OpenReferralsHandler) and the child cases they open
        "servicio", "servicioNombre", "motivos", "prioridad", "agregadoPorConsultor", "casoOrigen", "casoOrigenId",
        "serviciosDerivados", "serviciosAgregados", "serviciosDescartados",
        // CUL and service documents
        "cul", "constancia", "certificado",
        // job bank
        "perfilListo", "perfilFaltante", "vacantesRecomendadas", "hayVacantes", "derivaciones", "regionNombre", "informeMercado",
        // the follow-up of a hire outside the procedure (JobBank/PlacementFollowUps): skips straight to the 30-day wait
        "colocacionEnLinea", "colocacion",
        // SLA escalation cases
        "tareaId", "tareaNombre", "expedienteOrigen", "expedienteOrigenId", "procedimientoOrigen", "responsable", "venceEl",
    ];

    public static readonly IReadOnlySet<string> Names = new HashSet<string>(Engine.Concat(Subject).Concat(Catalogue), StringComparer.OrdinalIgnoreCase);

    public static bool IsReserved(string name) => Names.Contains(name.Trim());

    /// <summary>
    /// Refuses (400) the reserved names among <paramref name="names"/>, except those in <paramref name="allowed"/> (the
    /// task form's own fields). Case-insensitive: "OfficeCode" is refused too, so that a look-alike cannot confuse a reader.
    /// </summary>
    public static void ThrowIfAny(string field, IEnumerable<string>? names, IReadOnlySet<string>? allowed = null)
    {
        if (names is null) return;
        var refused = names.Where(n => IsReserved(n) && allowed?.Contains(n) != true).ToList();
        if (refused.Count == 0) return;
        var title = refused.Count == 1
            ? $"La variable «{refused[0]}» la asigna el sistema; no se puede enviar."
            : $"Las variables {string.Join(", ", refused.Select(n => $"«{n}»"))} las asigna el sistema; no se pueden enviar.";
        throw new FieldValidationException(
            refused.ToDictionary(n => $"{field}.{n}", n => new[] { $"La variable «{n}» la asigna el sistema; no se puede enviar." }), title);
    }
}
