using Vupe.Engine;
using Vupe.Connectors;
using Vupe.JobBank.Handlers;
using Vupe.Workflows.Cul;
using Vupe.Workflows.Documents;
using Vupe.Workflows.Handlers;
using Vupe.Workflows.Handlers.Cul;

namespace Vupe.Workflows;

public static class VupeCatalogueExtensions
{
    /// <summary>
    /// Makes an engine ready for the VUPE catalogue: its decisions as the business rule tasks' evaluator
    /// (this replaces any evaluator set before) and the handlers of <see cref="VupeTaskTypes"/>, writing to
    /// <paramref name="employabilityRecord"/> and, for the CUL, to <paramref name="cul"/>. Deploy the processes once the engine is built with
    /// <see cref="VupeCatalogue.DeployAsync"/>. Constancias and certificates the service procedures issue go through
    /// <paramref name="documents"/>; without one, a step that issues a document stops with an incident that says so.
    /// Connectors the catalogue calls but does not provide
    /// (<see cref="VupeCatalogue.TaskTypes"/> minus <see cref="VupeTaskTypes.All"/>) are the host's to register.
    /// The bolsa-trabajo procedure's steps work on <paramref name="jobBank"/>; without one they fail with an incident.
    /// The ARCO procedure's holds go to <paramref name="arcoHolds"/>; without one its hold steps stop with an incident.
    /// </summary>
    public static ProcessEngineBuilder AddVupeCatalogue(this ProcessEngineBuilder builder, IEmployabilityRecord employabilityRecord, CulServices cul,
        VupeCatalogue? catalogue = null, TimeProvider? timeProvider = null, IServiceDocumentIssuer? documents = null, IJobBankDesk? jobBank = null,
        Arco.IArcoHolds? arcoHolds = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(employabilityRecord);
        ArgumentNullException.ThrowIfNull(cul);
        catalogue ??= VupeCatalogue.Load();
        var archive = cul.Archive;
        // The five consultations after RENIEC overlap in time (the engine runs parallel branches' handlers in turn).
        var prefetch = new CulPrefetch(timeProvider ?? TimeProvider.System);
        prefetch.Register<BackgroundCheck>(CulSections.PoliceRecords, cul.PoliceRecords.GetRecordsAsync);
        prefetch.Register<BackgroundCheck>(CulSections.JudicialRecords, cul.JudicialRecords.GetRecordsAsync);
        prefetch.Register<BackgroundCheck>(CulSections.PenalRecords, cul.PenalRecords.GetRecordsAsync);
        prefetch.Register<EducationHistory>(CulSections.Education, cul.Education.GetEducationAsync);
        prefetch.Register<EmploymentHistory>(CulSections.Employment, cul.Employment.GetEmploymentHistoryAsync);
        return builder
            .AddTaskHandler(VupeTaskTypes.CulIdentity, new IdentityQueryHandler(cul.Identity, archive, prefetch))
            .AddTaskHandler(VupeTaskTypes.CulPoliceRecords, new BackOfficeQueryHandler<BackgroundCheck>(CulSections.PoliceRecords, cul.PoliceRecords.GetRecordsAsync, archive, prefetch: prefetch))
            .AddTaskHandler(VupeTaskTypes.CulJudicialRecords, new BackOfficeQueryHandler<BackgroundCheck>(CulSections.JudicialRecords, cul.JudicialRecords.GetRecordsAsync, archive, prefetch: prefetch))
            .AddTaskHandler(VupeTaskTypes.CulPenalRecords, new BackOfficeQueryHandler<BackgroundCheck>(CulSections.PenalRecords, cul.PenalRecords.GetRecordsAsync, archive, prefetch: prefetch))
            .AddTaskHandler(VupeTaskTypes.CulEducation, new BackOfficeQueryHandler<EducationHistory>(CulSections.Education, cul.Education.GetEducationAsync, archive, prefetch: prefetch))
            .AddTaskHandler(VupeTaskTypes.CulEmployment, new BackOfficeQueryHandler<EmploymentHistory>(CulSections.Employment, cul.Employment.GetEmploymentHistoryAsync, archive, prefetch: prefetch))
            .AddTaskHandler(VupeTaskTypes.CulIssue, new IssueCulHandler(archive, cul.PdfIssuer, timeProvider ?? TimeProvider.System))
            .UseDecisionEvaluator(catalogue.CreateDecisionEvaluator(timeProvider))
            .AddResourceKind(new Vupe.Dmn.DmnResourceKind())
            .AddResourceKind(new FormResourceKind())
            .AddTaskHandler(VupeTaskTypes.OpenReferrals, new OpenReferralsHandler())
            .AddTaskHandler(VupeTaskTypes.RecordDiagnosis, new RecordDiagnosisHandler(employabilityRecord, catalogue))
            .AddTaskHandler(VupeTaskTypes.RecordReferralOutcome, new RecordReferralOutcomeHandler(employabilityRecord))
            .AddTaskHandler(VupeTaskTypes.IssueDocument, new IssueServiceDocumentHandler(documents, timeProvider ?? TimeProvider.System))
            .AddTaskHandler(VupeTaskTypes.ArcoDeadline, new Arco.ArcoDeadlineHandler(timeProvider ?? TimeProvider.System))
            .AddTaskHandler(VupeTaskTypes.ArcoHold, new Arco.ArcoHoldHandler(arcoHolds))
            .AddJobBankHandlers(jobBank ?? new UnavailableJobBankDesk());
    }
}
