using Vupe.Dmn;
using Vupe.Server.Hosting;

namespace Vupe.Server.Decisions;

/// <summary>
/// The DMN editor's API (<see cref="DecisionDesign"/>): a deployed version's file, and "probar decisión" on the file
/// being edited. These are designer tools, so they follow the designer's policy (supervisors, office ones included,
/// and admins) rather than <see cref="Policies.TestDecisions"/>, which lets auditors evaluate deployed decisions but
/// would shut admins out of the editor. Testing changes and stores nothing, so it writes no audit entry.
/// </summary>
public static class DecisionDesignEndpoints
{
    public static void MapDecisionDesignEndpoints(this IEndpointRouteBuilder api)
    {
        var decisions = api.MapGroup("/decisions").WithTags("Decisions").RequireAuthorization(Policies.Design);

        decisions.MapGet("/{id}/xml", async (string id, int? version, DecisionDesign design, CancellationToken ct) =>
            {
                var file = await design.FileAsync(id, version, ct);
                return Results.Text(file.Content, "application/xml", System.Text.Encoding.UTF8);
            })
            .WithSummary("The deployed DMN file holding a decision (its latest version, or version), as deployed");

        decisions.MapPost("/test", async (DecisionTestRequest request, DecisionDesign design, CancellationToken ct) =>
            {
                try
                {
                    return Results.Ok(await design.TestAsync(request, ct));
                }
                catch (DmnEvaluationException e)
                {
                    // The file parses but this decision cannot give a value with these inputs: the message names decision, rule and column.
                    return Results.Problem(title: "La decisión no se pudo evaluar con esos datos.", detail: e.Message,
                        statusCode: StatusCodes.Status422UnprocessableEntity);
                }
            })
            .WithMetadata(new RequestBodyLimitAttribute(DecisionDesign.MaxXmlChars * 2L))
            .WithSummary("Evaluates a decision of a DMN file that is not deployed ({ xml, decisionId?, inputs }) with the engine's evaluator: output, matched rules and their reasons; stores nothing");
    }
}
