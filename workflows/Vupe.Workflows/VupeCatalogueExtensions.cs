using Vupe.Engine;
using Vupe.Connectors;
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
    /// </summary>
    public static ProcessEngineBuilder AddVupeCatalogue(this ProcessEngineBuilder builder, IEmployabilityRecord employabilityRecord, CulServices cul,
        VupeCatalogue? catalogue = null, TimeProvider? timeProvider = null, IServiceDocumentIssuer? documents = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(employabilityRecord);
        ArgumentNullException.ThrowIfNull(cul);
        catalogue ??= VupeCatalogue.Load();
        var archive = cul.Archive;
        return builder
            .AddTaskHandler(VupeTaskTypes.CulIdentity, new IdentityQueryHandler(cul.Identity, archive))
            .AddTaskHandler(VupeTaskTypes.CulPoliceRecords, new BackOfficeQueryHandler<BackgroundCheck>(CulSections.PoliceRecords, cul.PoliceRecords.GetRecordsAsync, archive))
            .AddTaskHandler(VupeTaskTypes.CulJudicialRecords, new BackOfficeQueryHandler<BackgroundCheck>(CulSections.JudicialRecords, cul.JudicialRecords.GetRecordsAsync, archive))
            .AddTaskHandler(VupeTaskTypes.CulPenalRecords, new BackOfficeQueryHandler<BackgroundCheck>(CulSections.PenalRecords, cul.PenalRecords.GetRecordsAsync, archive))
            .AddTaskHandler(VupeTaskTypes.CulEducation, new BackOfficeQueryHandler<EducationHistory>(CulSections.Education, cul.Education.GetEducationAsync, archive))
            .AddTaskHandler(VupeTaskTypes.CulEmployment, new BackOfficeQueryHandler<EmploymentHistory>(CulSections.Employment, cul.Employment.GetEmploymentHistoryAsync, archive))
            .AddTaskHandler(VupeTaskTypes.CulIssue, new IssueCulHandler(archive, cul.PdfIssuer, timeProvider ?? TimeProvider.System))
            .UseDecisionEvaluator(catalogue.CreateDecisionEvaluator(timeProvider))
            .AddResourceKind(new Vupe.Dmn.DmnResourceKind())
            .AddResourceKind(new FormResourceKind())
            .AddTaskHandler(VupeTaskTypes.OpenReferrals, new OpenReferralsHandler())
            .AddTaskHandler(VupeTaskTypes.RecordDiagnosis, new RecordDiagnosisHandler(employabilityRecord, catalogue))
            .AddTaskHandler(VupeTaskTypes.RecordReferralOutcome, new RecordReferralOutcomeHandler(employabilityRecord))
            .AddTaskHandler(VupeTaskTypes.IssueDocument, new IssueServiceDocumentHandler(documents, timeProvider ?? TimeProvider.System));
    }
}
