using System.Text.Json;
using Vupe.Dmn;
using Vupe.Engine;
using Vupe.Server.Hosting;
using Vupe.Server.Procedures;
using Vupe.Workflows;

namespace Vupe.Server.Decisions;

/// <summary>
/// Decision testing: evaluate a deployed decision with given inputs and see which rules matched and
/// why. It calls the very evaluator the engine's business rule tasks call, so what a supervisor sees
/// here is what a case would get.
/// </summary>
public static class DecisionEndpoints
{
    public static void MapDecisionEndpoints(this IEndpointRouteBuilder api)
    {
        var decisions = api.MapGroup("/decisions").WithTags("Decisions").RequireAuthorization(Policies.TestDecisions);

        decisions.MapGet("/", (VupeCatalogue catalogue) => catalogue.Decisions
                .SelectMany(file => file.Decisions.Select(d => Describe(file, d)))
                .OrderBy(d => d.Id, StringComparer.Ordinal)
                .ToList())
            .WithSummary("The deployed decisions with their table inputs and outputs");

        decisions.MapPost("/{id}/evaluate", async (string id, EvaluateDecisionRequest request, VupeCatalogue catalogue, IDecisionEvaluator evaluator, CancellationToken ct) =>
        {
            if (!catalogue.Decisions.Any(f => f.Decisions.Any(d => d.Id == id)))
                return Results.Problem(title: $"No hay una decisión '{id}'.", statusCode: StatusCodes.Status404NotFound);
            var inputs = JsonVariables.ToVariables(request.Inputs);
            try
            {
                var result = await evaluator.EvaluateAsync(id, inputs, ct);
                return Results.Ok(new DecisionEvaluationDto(id, result.Value, result.Explanation));
            }
            catch (DmnEvaluationException e)
            {
                // A UNIQUE table with overlapping rules, an input of the wrong type: the message names decision, rule and column.
                return Results.Problem(title: "La decisión no se pudo evaluar con esos datos.", detail: e.Message, statusCode: StatusCodes.Status400BadRequest);
            }
        }).WithSummary("Evaluates a decision with the given inputs: output, matched rules and their reasons");
    }

    private static DecisionDto Describe(DmnDefinitions file, DmnDecision decision)
    {
        var table = decision.Expression as DmnDecisionTable;
        return new DecisionDto(decision.Id ?? decision.Name, decision.Name, file.Name, table?.HitPolicy.ToString(),
            table?.Inputs.Select(i => new DecisionInputDto(i.Label, i.Type?.ToString())).ToList() ?? [],
            table?.Outputs.Select(o => o.Name ?? "").ToList() ?? [],
            table?.Rules.Count ?? 0);
    }
}

public sealed record EvaluateDecisionRequest(Dictionary<string, JsonElement>? Inputs);

public sealed record DecisionInputDto(string Label, string? Type);

public sealed record DecisionDto(string Id, string Name, string? File, string? HitPolicy, IReadOnlyList<DecisionInputDto> Inputs, IReadOnlyList<string> Outputs, int Rules);

public sealed record DecisionEvaluationDto(string DecisionId, object? Output, object? Explanation);
