namespace Vupe.Workflows;

/// <summary>One of the VUPE's 12 services: a stable code (used in decisions, variables and candidate groups) and its Spanish name for the UI.</summary>
/// <param name="OnlineProcess">
/// The process a citizen may start by themselves from the virtual window (Mi VUPE), at the office they choose; null
/// when the service only starts at an office or from a triage referral. Catalogue data: the portal lists what is set here.
/// </param>
/// <param name="NeedsAppointment">Attended by appointment: citizens book a slot of the office's calendar for it from Mi VUPE.</param>
public sealed record VupeService(string Code, string Name, string? OnlineProcess = null, bool NeedsAppointment = false)
{
    public bool StartsOnline => OnlineProcess is not null;
}

/// <summary>The 12 services of the Ventanilla Única de Promoción del Empleo, in the order the case study lists them.</summary>
public static class VupeServices
{
    public const string LabourMarketInformation = "informacion-mercado-trabajo";
    public const string BusinessOutreach = "acercamiento-empresarial";
    public const string VocationalGuidance = "orientacion-vocacional";
    public const string JobTraining = "capacitacion-laboral";
    public const string EntrepreneurshipTraining = "capacitacion-emprendimiento";
    public const string EntrepreneurshipGuidance = "orientacion-emprendimiento";
    public const string JobBank = "bolsa-trabajo";
    public const string JobSearchCounselling = "asesoria-busqueda-empleo";
    public const string SingleLabourCertificate = "cul";
    public const string TemporaryEmployment = "empleo-temporal";
    public const string CompetencyCertification = "certificacion-competencias";
    public const string MigrantGuidance = "orientacion-migrante";

    public static IReadOnlyList<VupeService> All { get; } =
    [
        new(LabourMarketInformation, "Información del mercado de trabajo"),
        new(BusinessOutreach, "Acercamiento empresarial"),
        new(VocationalGuidance, "Orientación vocacional e información ocupacional", OnlineProcess: VupeProcesses.VocationalGuidance, NeedsAppointment: true),
        new(JobTraining, "Capacitación laboral"),
        new(EntrepreneurshipTraining, "Capacitación para el emprendimiento"),
        new(EntrepreneurshipGuidance, "Orientación para el emprendimiento", NeedsAppointment: true),
        new(JobBank, "Bolsa de trabajo"),
        new(JobSearchCounselling, "Asesoría para la búsqueda de empleo", OnlineProcess: VupeProcesses.JobSearchCounselling, NeedsAppointment: true),
        new(SingleLabourCertificate, "Certificado único laboral"),
        new(TemporaryEmployment, "Empleo temporal"),
        new(CompetencyCertification, "Certificación de competencias laborales", NeedsAppointment: true),
        new(MigrantGuidance, "Orientación para el migrante", NeedsAppointment: true),
    ];

    /// <summary>The services attended by appointment (<see cref="VupeService.NeedsAppointment"/>), in the catalogue's order.</summary>
    public static IReadOnlyList<VupeService> ByAppointment { get; } = [.. All.Where(s => s.NeedsAppointment)];

    private static readonly Dictionary<string, VupeService> ByCode = All.ToDictionary(s => s.Code, StringComparer.Ordinal);

    public static VupeService? Find(string code) => ByCode.GetValueOrDefault(code);

    public static bool IsKnown(string code) => ByCode.ContainsKey(code);

    /// <summary>The services a citizen may apply to online (<see cref="VupeService.OnlineProcess"/>), in catalogue order.</summary>
    public static IReadOnlyList<VupeService> Online { get; } = [.. All.Where(s => s.StartsOnline)];

    /// <exception cref="ArgumentException">The code is not one of the 12.</exception>
    public static VupeService Get(string code) => Find(code)
        ?? throw new ArgumentException($"'{code}' is not a VUPE service code; the codes are: {string.Join(", ", All.Select(s => s.Code))}.", nameof(code));
}

/// <summary>
/// Accreditations a user may hold besides the services they attend: like a service, each makes an office candidate
/// group (office-code), so a task only accredited staff may take names it, e.g. the competency evaluation.
/// </summary>
public static class VupeAccreditations
{
    /// <summary>Evaluador de competencias laborales authorised by the ministry: takes the competency evaluations of their office.</summary>
    public const string CompetencyEvaluator = "evaluador-competencias";

    public static IReadOnlyList<VupeService> All { get; } = [new(CompetencyEvaluator, "Evaluador de competencias laborales (autorizado)")];

    public static bool IsKnown(string code) => All.Any(a => a.Code == code);
}
