using System.Globalization;
using Vupe.Engine;
using Vupe.Workflows.Handlers;

namespace Vupe.Workflows.Arco;

/// <summary>
/// <c>vupe.arco.calcularPlazo</c>: the legal deadline of the request from <c>tipoDerecho</c> and the moment the step runs
/// (the filing: it is the process's first step). Returns <c>plazoLegal</c> (ISO 8601 date-time, Lima offset), which the
/// answer task's due date and its timer read, <c>plazoDiasHabiles</c> and <c>derechoNombre</c>. An unknown right fails the step.
/// </summary>
public sealed class ArcoDeadlineHandler(TimeProvider time) : IServiceTaskHandler
{
    public ValueTask<IReadOnlyDictionary<string, object?>?> ExecuteAsync(ServiceTaskContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var code = TaskVariables.RequiredString(context, "tipoDerecho");
        var right = ArcoRights.Find(code)
            ?? throw new InvalidOperationException($"'{code}' is not an ARCO right; the rights are: {string.Join(", ", ArcoRights.All.Select(r => r.Code))}.");
        var deadline = LimaBusinessDays.Deadline(time.GetUtcNow(), right.BusinessDays);
        return ValueTask.FromResult<IReadOnlyDictionary<string, object?>?>(new Dictionary<string, object?>
        {
            ["plazoLegal"] = deadline.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            ["plazoDiasHabiles"] = right.BusinessDays,
            ["derechoNombre"] = right.Name,
        });
    }
}

/// <summary>
/// <c>vupe.arco.retencion</c>: header <c>accion</c> = <c>colocar</c> places the ARCO hold on the ficha (<c>partyId</c>),
/// <c>levantar</c> lifts it once the request is answered. Without a host implementation the step stops with an incident.
/// </summary>
public sealed class ArcoHoldHandler(IArcoHolds? holds) : IServiceTaskHandler
{
    public async ValueTask<IReadOnlyDictionary<string, object?>?> ExecuteAsync(ServiceTaskContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (holds is null) throw new InvalidOperationException("This engine has no IArcoHolds: register one with AddVupeCatalogue to keep ARCO holds.");
        var partyId = TaskVariables.RequiredString(context, "partyId");
        switch (TaskVariables.RequiredHeader(context, "accion"))
        {
            case "colocar":
                await holds.PlaceAsync(partyId, context.CaseId, context.CaseNumber, TaskVariables.RequiredString(context, "tipoDerecho"), ct);
                return new Dictionary<string, object?> { ["retencionArco"] = true };
            case "levantar":
                await holds.LiftAsync(partyId, context.CaseId, context.CaseNumber, ct);
                return new Dictionary<string, object?> { ["retencionArco"] = false };
            case var other:
                throw new InvalidOperationException($"Header accion '{other}' is neither 'colocar' nor 'levantar'.");
        }
    }
}
