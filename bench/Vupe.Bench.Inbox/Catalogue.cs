namespace Vupe.Bench.Inbox;

/// <summary>The shape of the generated data: offices and their share of the work, procedures and their steps, consultants.</summary>
internal static class Catalogue
{
    /// <summary>
    /// The 27 office codes of server/Vupe.Server/Offices/Office.cs with a skewed share of the cases: Lima
    /// Metropolitana about 30 %, a few big regions (Arequipa, La Libertad, Piura, Callao…), many small ones.
    /// </summary>
    public static readonly (string Code, double Weight)[] Offices =
    [
        ("LIM", 30.0), ("ARE", 7.0), ("LAL", 6.0), ("PIU", 5.5), ("CAL", 5.0), ("LAM", 4.5), ("JUN", 4.0), ("CUS", 4.0),
        ("LIS", 3.5), ("ICA", 3.0), ("LIP", 3.0), ("CAJ", 2.5), ("PUN", 2.5), ("SAM", 2.0), ("ANC", 2.0), ("LOR", 2.0),
        ("HUC", 1.5), ("UCA", 1.5), ("AYA", 1.5), ("TAC", 1.2), ("APU", 0.9), ("MOQ", 0.8), ("AMA", 0.7), ("PAS", 0.7),
        ("HUV", 0.6), ("TUM", 0.6), ("MDD", 0.5),
    ];

    /// <summary>Consultants per office (the ~60 % unassigned tasks aside, each open task is held by one of them).</summary>
    public const int ConsultantsPerOffice = 40;

    public static string Consultant(string office, int n) => $"{office.ToLowerInvariant()}.consultor{n:D2}";

    public static string Supervisor(string office) => $"{office.ToLowerInvariant()}.supervisor";

    /// <summary>Service codes: a task of a service step is offered to "{office}-{service}" besides "{office}-consultor".</summary>
    public static readonly string[] Services = ["cul", "bolsa-trabajo", "capacitacion", "certificacion", "emprendimiento", "infomigra"];

    public sealed record Step(string ElementId, string Name, string? Service, string FormKey);

    public sealed record Procedure(string Key, string Title, double Weight, Step[] Steps);

    /// <summary>Eight procedures; atencion-ciudadano is the catalogue's (workflows/processes), the others have its shape.</summary>
    public static readonly Procedure[] Procedures =
    [
        new("atencion-ciudadano", "Atención al ciudadano", 30,
        [
            new("diagnostico", "Diagnóstico de empleabilidad", null, "diagnostico"),
            new("derivar", "Derivar a servicio", null, "derivar"),
            new("entregarCul", "Emitir certificado único laboral", "cul", "entregar-cul"),
            new("seguimiento", "Seguimiento", null, "seguimiento"),
        ]),
        new("emision-cul", "Certificado Único Laboral", 18,
        [
            new("verificarIdentidad", "Verificar identidad con RENIEC", null, "verificar-identidad"),
            new("revisarAntecedentes", "Revisar antecedentes", "cul", "revisar-antecedentes"),
            new("emitirCul", "Emitir certificado único laboral", "cul", "emitir-cul"),
        ]),
        new("bolsa-trabajo", "Bolsa de trabajo", 16,
        [
            new("registrarCv", "Registrar hoja de vida", null, "registrar-cv"),
            new("intermediar", "Intermediación laboral", "bolsa-trabajo", "intermediar"),
            new("confirmarColocacion", "Confirmar colocación", "bolsa-trabajo", "confirmar-colocacion"),
        ]),
        new("capacitacion-laboral", "Capacitación laboral", 10,
        [
            new("evaluarPerfil", "Evaluar perfil", null, "evaluar-perfil"),
            new("inscribirCurso", "Inscribir en curso", "capacitacion", "inscribir-curso"),
        ]),
        new("certificacion-competencias", "Certificación de competencias", 8,
        [
            new("programarEvaluacion", "Programar evaluación", "certificacion", "programar-evaluacion"),
            new("registrarResultado", "Registrar resultado", "certificacion", "registrar-resultado"),
        ]),
        new("emprendimiento", "Asesoría para emprendedores", 7,
        [
            new("asesorarNegocio", "Asesoría de negocio", "emprendimiento", "asesorar-negocio"),
            new("seguimientoNegocio", "Seguimiento del negocio", null, "seguimiento-negocio"),
        ]),
        new("orientacion-migrante", "Orientación al migrante", 5,
        [
            new("orientarMigrante", "Orientación al migrante", "infomigra", "orientar-migrante"),
        ]),
        new("seguimiento-insercion", "Seguimiento de inserción laboral", 6,
        [
            new("verificarInsercion", "Verificar inserción", null, "verificar-insercion"),
            new("cerrarSeguimiento", "Cerrar seguimiento", null, "cerrar-seguimiento"),
        ]),
    ];

    /// <summary>Picks an index with probability proportional to its weight.</summary>
    public sealed class Weighted
    {
        private readonly double[] _cumulative;

        public Weighted(IEnumerable<double> weights)
        {
            var list = weights.ToArray();
            _cumulative = new double[list.Length];
            double sum = 0;
            for (var i = 0; i < list.Length; i++) _cumulative[i] = sum += list[i];
            for (var i = 0; i < list.Length; i++) _cumulative[i] /= sum;
        }

        public int Next(Random random)
        {
            var x = random.NextDouble();
            var i = Array.BinarySearch(_cumulative, x);
            return Math.Min(i < 0 ? ~i : i, _cumulative.Length - 1);
        }
    }
}
