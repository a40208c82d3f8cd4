using System.Text.Json;
using System.Xml.Linq;
using Vupe.Dmn;
using Vupe.Engine;

namespace Vupe.Workflows;

public enum CatalogueFileKind { Process, Decision, Form }

/// <summary>One file of the catalogue: <see cref="Name"/> is the file name (e.g. triaje-ciudadano.bpmn).</summary>
public sealed record CatalogueFile(string Name, CatalogueFileKind Kind, string Content)
{
    /// <summary>The name without its extension: a form's key (vupe:formKey), a process or decision file's stem.</summary>
    public string Key => Kind == CatalogueFileKind.Form ? Name[..^".form.json".Length] : Path.GetFileNameWithoutExtension(Name);
}

/// <summary>The process keys of the catalogue.</summary>
public static class VupeProcesses
{
    /// <summary>Diagnóstico de empleabilidad of a citizen; start it with partyId and edad.</summary>
    public const string CitizenTriage = "triaje-ciudadano";
    /// <summary>Acercamiento empresarial of a company; start it with partyId, ruc and razonSocial.</summary>
    public const string CompanyOutreach = "acercamiento-empresarial";
    /// <summary>
    /// The generic referral case (one "prestar el servicio" task and a follow-up), the first procedure every service
    /// shared. Kept deployed for the cases still running it; no service opens it any more (<see cref="ProcedureByService"/>).
    /// </summary>
    public const string Referral = "derivacion-servicio";
    /// <summary>The decision that maps each service code to the process its referral opens (data in the deployment).</summary>
    public const string ProcedureByService = "procedimiento-por-servicio";
    public const string VocationalGuidance = "orientacion-vocacional";
    public const string JobTraining = "capacitacion-laboral";
    public const string EntrepreneurshipTraining = "capacitacion-emprendimiento";
    public const string EntrepreneurshipGuidance = "orientacion-emprendimiento";
    public const string JobSearchCounselling = "asesoria-busqueda-empleo";
    public const string TemporaryEmployment = "empleo-temporal";
    public const string CompetencyCertification = "certificacion-competencias";
    public const string MigrantGuidance = "orientacion-migrante";
    /// <summary>The service acercamiento empresarial delivered to a company: what it was offered and, 30 days on, what it got.</summary>
    public const string BusinessOutreachFollowUp = "seguimiento-empresarial";
    /// <summary>Certificado Único Laboral for a citizen with a DNI; start it with partyId, tipoDocumento, numeroDocumento and nombre (a triage referral copies them).</summary>
    public const string Cul = "certificado-unico-laboral";
    /// <summary>Bolsa de trabajo for a citizen: national matching, referral, the company's answer, placement and follow-up; start it with partyId.</summary>
    public const string JobBank = "bolsa-trabajo";
    /// <summary>Información del mercado de trabajo: a report by region and occupation from the platform's own data; start it with partyId.</summary>
    public const string LabourMarketInformation = "informacion-mercado-trabajo";
    /// <summary>A supervisor's case for a task that passed its due date; opened by the server's SLA scan with tareaId, tareaNombre, expedienteOrigen...</summary>
    public const string TaskEscalation = "escalacion-tarea";
    /// <summary>A citizen's ARCO request (Ley 29733); start it with partyId, tipoDerecho and detalleSolicitud, at the office of the data-protection team.</summary>
    public const string ArcoRequest = "derechos-arco";
}

/// <summary>The task types (vupe:type) whose handlers <see cref="VupeCatalogueExtensions.AddVupeCatalogue"/> registers.</summary>
public static class VupeTaskTypes
{
    public const string OpenReferrals = "vupe.derivaciones.abrir";
    public const string RecordDiagnosis = "vupe.ficha.registrarDiagnostico";
    public const string RecordReferralOutcome = "vupe.ficha.registrarResultado";
    public const string IssueDocument = "vupe.documentos.emitir";

    public const string CulIdentity = "vupe.cul.consultarIdentidad";
    public const string CulPoliceRecords = "vupe.cul.consultarAntecedentesPoliciales";
    public const string CulJudicialRecords = "vupe.cul.consultarAntecedentesJudiciales";
    public const string CulPenalRecords = "vupe.cul.consultarAntecedentesPenales";
    public const string CulEducation = "vupe.cul.consultarEducacion";
    public const string CulEmployment = "vupe.cul.consultarPlanilla";
    public const string CulIssue = "vupe.cul.emitir";

    public const string ArcoDeadline = "vupe.arco.calcularPlazo";
    public const string ArcoHold = "vupe.arco.retencion";

    public static IReadOnlyList<string> All { get; } =
    [
        OpenReferrals, RecordDiagnosis, RecordReferralOutcome, IssueDocument,
        CulIdentity, CulPoliceRecords, CulJudicialRecords, CulPenalRecords, CulEducation, CulEmployment, CulIssue,
        ArcoDeadline, ArcoHold,
        .. Vupe.JobBank.Handlers.JobBankTaskTypes.All,
    ];
}

/// <summary>
/// The VUPE catalogue: processes, decisions and forms, embedded in this assembly from workflows/processes,
/// workflows/decisions and workflows/forms. Deploy the processes to an engine, build the decision evaluator
/// from the decisions, and serve the forms by key. Loading checks every file: DMN parsed, forms read as JSON.
/// </summary>
public sealed class VupeCatalogue
{
    /// <summary>The deployment name the catalogue's processes are deployed under.</summary>
    public const string DeploymentName = "catalogo-vupe";

    private readonly Dictionary<string, IReadOnlyList<string>> _formFields;
    private readonly Dictionary<string, string> _fieldLabels;

    /// <summary>Variables the procedures compute (not form fields) that their outcomes record, by their Spanish names.</summary>
    private static readonly Dictionary<string, string> ComputedLabels = new(StringComparer.Ordinal)
    {
        ["sesionesRealizadas"] = "Sesiones realizadas",
        ["programasElegibles"] = "Programas para los que es elegible",
        ["motivosElegibilidad"] = "Motivos de elegibilidad",
        ["constancia"] = "Constancia",
        ["certificado"] = "Certificado",
        ["seguimiento30"] = "Seguimiento a los 30 días",
        ["seguimiento90"] = "Seguimiento a los 90 días",
    };

    private VupeCatalogue(IReadOnlyList<CatalogueFile> files)
    {
        Files = files;
        Decisions = [.. files.Where(f => f.Kind == CatalogueFileKind.Decision).Select(f => Parse(f))];
        _formFields = files.Where(f => f.Kind == CatalogueFileKind.Form).ToDictionary(f => f.Key, ReadFormFields, StringComparer.Ordinal);
        _fieldLabels = new Dictionary<string, string>(ComputedLabels, StringComparer.Ordinal);
        foreach (var (key, label) in files.Where(f => f.Kind == CatalogueFileKind.Form).SelectMany(ReadFieldLabels)) _fieldLabels.TryAdd(key, label);
        TaskTypes = [.. files.Where(f => f.Kind == CatalogueFileKind.Process).SelectMany(TaskTypesOf).Distinct().Order(StringComparer.Ordinal)];
    }

    private static readonly Lazy<VupeCatalogue> Embedded = new(() => FromFiles(ReadEmbedded()));

    /// <summary>The catalogue this assembly carries (read and checked once).</summary>
    public static VupeCatalogue Load() => Embedded.Value;

    /// <summary>
    /// A catalogue from given files (kinds from their extensions: .bpmn, .dmn, .form.json), e.g. a folder a
    /// supervisor edited. Throws <see cref="DmnModelException"/> for a broken decision and
    /// <see cref="InvalidDataException"/> for a broken form or an unknown file kind.
    /// </summary>
    public static VupeCatalogue FromFiles(IEnumerable<(string Name, string Content)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        return new VupeCatalogue([.. files.Select(f => new CatalogueFile(f.Name, KindOf(f.Name), f.Content)).OrderBy(f => f.Kind).ThenBy(f => f.Name, StringComparer.Ordinal)]);
    }

    public IReadOnlyList<CatalogueFile> Files { get; }
    public IEnumerable<CatalogueFile> Processes => Files.Where(f => f.Kind == CatalogueFileKind.Process);
    public IEnumerable<CatalogueFile> Forms => Files.Where(f => f.Kind == CatalogueFileKind.Form);

    /// <summary>The parsed decision files.</summary>
    public IReadOnlyList<DmnDefinitions> Decisions { get; }

    /// <summary>Every vupe:type the processes call: those not in <see cref="VupeTaskTypes.All"/> are connectors the host registers.</summary>
    public IReadOnlyList<string> TaskTypes { get; }

    /// <summary>The form-js schema for a vupe:formKey, or null.</summary>
    public CatalogueFile? FindForm(string formKey) => Forms.FirstOrDefault(f => f.Key == formKey);

    /// <summary>The keys of a form's input fields (what a completed form submits), in form order.</summary>
    public IReadOnlyList<string> FormFields(string formKey) =>
        _formFields.TryGetValue(formKey, out var fields) ? fields : throw new ArgumentException($"The catalogue has no form '{formKey}'.", nameof(formKey));

    /// <summary>
    /// How a variable is called in Spanish: the label of the first form field with that key, or the name of a value the
    /// procedures compute; null when the catalogue does not know it. Pages use it to show an outcome's details.
    /// </summary>
    public string? FieldLabel(string key) => _fieldLabels.GetValueOrDefault(key);

    /// <summary>The business rule tasks' evaluator over the catalogue's decisions.</summary>
    public DmnDecisionEvaluator CreateDecisionEvaluator(TimeProvider? timeProvider = null) => new(Decisions, timeProvider);

    /// <summary>The processes as deployment resources.</summary>
    public IReadOnlyList<DeploymentResource> ProcessResources() => [.. Processes.Select(p => new DeploymentResource(p.Name, p.Content))];

    /// <summary>Every file — processes, decisions, forms — as deployment resources: the catalogue is one deployment.</summary>
    public IReadOnlyList<DeploymentResource> Resources() => [.. Files.Select(f => new DeploymentResource(f.Name, f.Content))];

    /// <summary>
    /// Deploys the whole catalogue — processes, decisions and forms — in one deployment (all or nothing; the engine
    /// needs <see cref="VupeCatalogueExtensions.AddVupeCatalogue"/>'s resource kinds). Files unchanged since their
    /// latest version get no new version, so deploying at every start is safe.
    /// </summary>
    public Task<DeploymentResult> DeployAsync(ProcessEngine engine, string? userId = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return engine.Repository.DeployAsync(DeploymentName, Resources(), userId, ct);
    }

    private static IEnumerable<(string Name, string Content)> ReadEmbedded()
    {
        var assembly = typeof(VupeCatalogue).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("processes/", StringComparison.Ordinal)
                     || n.StartsWith("decisions/", StringComparison.Ordinal) || n.StartsWith("forms/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            yield return (resource[(resource.IndexOf('/', StringComparison.Ordinal) + 1)..], reader.ReadToEnd());
        }
    }

    private static CatalogueFileKind KindOf(string name) =>
        name.EndsWith(".bpmn", StringComparison.OrdinalIgnoreCase) ? CatalogueFileKind.Process
        : name.EndsWith(".dmn", StringComparison.OrdinalIgnoreCase) ? CatalogueFileKind.Decision
        : name.EndsWith(".form.json", StringComparison.OrdinalIgnoreCase) ? CatalogueFileKind.Form
        : throw new InvalidDataException($"'{name}' is not a catalogue file: use .bpmn, .dmn or .form.json.");

    private static DmnDefinitions Parse(CatalogueFile file)
    {
        try
        {
            return DmnParser.Parse(file.Content);
        }
        catch (DmnModelException e)
        {
            throw new DmnModelException([.. e.Errors.Select(error => $"{file.Name}: {error}")]);
        }
    }

    private static readonly XNamespace Vupe = "http://vupecases.pe/schema/bpmn/1.0";

    private static IEnumerable<string> TaskTypesOf(CatalogueFile process) =>
        XDocument.Parse(process.Content).Descendants().Select(e => (string?)e.Attribute(Vupe + "type")).OfType<string>();

    /// <summary>Each labelled field's key and label (form-js calls a date field's label dateLabel). The schema was checked by <see cref="ReadFormFields"/>.</summary>
    private static IEnumerable<(string Key, string Label)> ReadFieldLabels(CatalogueFile form)
    {
        using var document = JsonDocument.Parse(form.Content);
        var labels = new List<(string, string)>();
        Collect(document.RootElement.GetProperty("components"), labels);
        return labels;

        static void Collect(JsonElement components, List<(string, string)> labels)
        {
            foreach (var component in components.EnumerateArray())
            {
                if (component.TryGetProperty("key", out var key) && key.ValueKind == JsonValueKind.String
                    && (component.TryGetProperty("label", out var label) || component.TryGetProperty("dateLabel", out label)) && label.ValueKind == JsonValueKind.String)
                    labels.Add((key.GetString()!, label.GetString()!));
                if (component.TryGetProperty("components", out var nested) && nested.ValueKind == JsonValueKind.Array) Collect(nested, labels);
            }
        }
    }

    /// <summary>The keys of a form-js schema's fields, groups included; text and other display components have none.</summary>
    private static IReadOnlyList<string> ReadFormFields(CatalogueFile form)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(form.Content);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{form.Name} is not valid JSON: {e.Message}", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("components", out var components) || components.ValueKind != JsonValueKind.Array)
                throw new InvalidDataException($"{form.Name} is not a form-js schema: it has no 'components' array.");
            if (!root.TryGetProperty("id", out var id) || id.GetString() != form.Key)
                throw new InvalidDataException($"{form.Name}: the schema's id must be its form key '{form.Key}'.");
            var keys = new List<string>();
            Collect(components, keys);
            return keys;
        }

        static void Collect(JsonElement components, List<string> keys)
        {
            foreach (var component in components.EnumerateArray())
            {
                if (component.TryGetProperty("key", out var key) && key.ValueKind == JsonValueKind.String) keys.Add(key.GetString()!);
                if (component.TryGetProperty("components", out var nested) && nested.ValueKind == JsonValueKind.Array) Collect(nested, keys);
            }
        }
    }
}
