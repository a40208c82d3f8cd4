using Vupe.Engine;

namespace Vupe.Workflows.Handlers;

/// <summary>
/// <c>vupe.ficha.registrarDiagnostico</c>: writes the triage's diagnosis to the ficha única through
/// <see cref="IEmployabilityRecord"/>, keyed by the task's idempotency key.
/// <list type="bullet">
/// <item>Headers: <c>formulario</c>, the diagnosis form's key (its fields are the answers recorded);
/// <c>tipoUsuario</c>, <c>ciudadano</c> or <c>empresa</c>.</item>
/// <item>Reads <c>partyId</c> (required), the form's fields, and <c>recomendaciones</c> (the decision's result).</item>
/// </list>
/// </summary>
public sealed class RecordDiagnosisHandler(IEmployabilityRecord record, VupeCatalogue catalogue) : IServiceTaskHandler
{
    public async ValueTask<IReadOnlyDictionary<string, object?>?> ExecuteAsync(ServiceTaskContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var formKey = TaskVariables.RequiredHeader(context, "formulario");
        var kind = TaskVariables.RequiredHeader(context, "tipoUsuario") switch
        {
            "ciudadano" => PartyKind.Citizen,
            "empresa" => PartyKind.Company,
            var other => throw new InvalidOperationException($"Task '{context.ElementId}': header tipoUsuario is '{other}'; use 'ciudadano' or 'empresa'."),
        };
        var partyId = TaskVariables.RequiredString(context, "partyId");
        var answers = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var field in catalogue.FormFields(formKey))
            if (context.Variables.TryGetValue(field, out var value)) answers[field] = value;
        var recommended = TaskVariables.Recommendations(context, OpenReferralsHandler.RecommendationsVariable);
        await record.RecordDiagnosisAsync(
            new EmployabilityDiagnosis(context.IdempotencyKey, partyId, kind, context.CaseId, context.CaseNumber, context.OfficeCode, formKey, answers, recommended), ct);
        return null;
    }
}
