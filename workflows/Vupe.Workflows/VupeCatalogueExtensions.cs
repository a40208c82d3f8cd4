using Vupe.Engine;
using Vupe.Workflows.Handlers;

namespace Vupe.Workflows;

public static class VupeCatalogueExtensions
{
    /// <summary>
    /// Makes an engine ready for the VUPE catalogue: its decisions as the business rule tasks' evaluator
    /// (this replaces any evaluator set before) and the handlers of <see cref="VupeTaskTypes"/>, writing to
    /// <paramref name="employabilityRecord"/>. Deploy the processes once the engine is built with
    /// <see cref="VupeCatalogue.DeployAsync"/>. Connectors the catalogue calls but does not provide
    /// (<see cref="VupeCatalogue.TaskTypes"/> minus <see cref="VupeTaskTypes.All"/>) are the host's to register.
    /// </summary>
    public static ProcessEngineBuilder AddVupeCatalogue(this ProcessEngineBuilder builder, IEmployabilityRecord employabilityRecord,
        VupeCatalogue? catalogue = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(employabilityRecord);
        catalogue ??= VupeCatalogue.Load();
        return builder
            .UseDecisionEvaluator(catalogue.CreateDecisionEvaluator(timeProvider))
            .AddTaskHandler(VupeTaskTypes.OpenReferrals, new OpenReferralsHandler())
            .AddTaskHandler(VupeTaskTypes.RecordDiagnosis, new RecordDiagnosisHandler(employabilityRecord, catalogue))
            .AddTaskHandler(VupeTaskTypes.RecordReferralOutcome, new RecordReferralOutcomeHandler(employabilityRecord));
    }
}
