using System.Text.Json;
using Vupe.Dmn;
using Vupe.Engine;
using Vupe.Server.Hosting;
using Vupe.Server.Procedures;
using Vupe.Workflows;

namespace Vupe.Server.Decisions;

/// <summary>
/// Decision testing: evaluate a deployed decision — its latest version or a given one — with given inputs and see which
/// rules matched and why. It calls the very evaluator the engine's business rule tasks call, on the same deployed file,
/// so what a supervisor sees here is what a case bound to that version would get.
/// </summary>
public static class DecisionEndpoints
{
    public static void MapDecisionEndpoints(this IEndpointRouteBuilder api)
    {
        var decisions = api.MapGroup("/decisions").WithTags("Decisions").RequireAuthorization(Policies.TestDecisions);

        decisions.MapGet("/", (DecisionTesting testing, CancellationToken ct) => testing.ListAsync(ct))
            .WithSummary("The deployed decisions (latest versions) with their table inputs and outputs and their versions");

        decisions.MapPost("/{id}/evaluate", async (string id, EvaluateDecisionRequest request, DecisionTesting testing, CancellationToken ct) =>
            {
                try
                {
                    return Results.Ok(await testing.EvaluateAsync(id, request.Version, JsonVariables.ToVariables(request.Inputs), ct));
                }
                catch (DmnEvaluationException e)
                {
                    // A UNIQUE table with overlapping rules, an input of the wrong type: the message names decision, rule and column.
                    return Results.Problem(title: "La decisión no se pudo evaluar con esos datos.", detail: e.Message, statusCode: StatusCodes.Status400BadRequest);
                }
            })
            .WithSummary("Evaluates a decision (its latest version, or version) with the given inputs: output, matched rules and their reasons");
    }
}

/// <summary>The decisions as deployed, described and evaluated for supervisors and auditors.</summary>
public sealed class DecisionTesting(ProcessEngine engine, IDecisionEvaluator evaluator)
{
    public async Task<List<DecisionDto>> ListAsync(CancellationToken ct)
    {
        var versions = await engine.Repository.ListResourcesAsync(ResourceKinds.Decision, ct: ct);
        var result = new List<DecisionDto>();
        foreach (var key in versions.GroupBy(v => v.Key))
        {
            var latest = engine.Repository.FindResource(ResourceKinds.Decision, key.Key)!;
            var file = DmnParser.Parse(latest.Content);
            if (file.Decisions.FirstOrDefault(d => (d.Id ?? d.Name) == key.Key) is { } decision)
                result.Add(Describe(file, decision, latest.Version, [.. key.Select(v => v.Version)]));
        }
        return [.. result.OrderBy(d => d.Id, StringComparer.Ordinal)];
    }

    /// <summary>Evaluates the deployed decision (latest or <paramref name="version"/>); a <see cref="DmnEvaluationException"/> says why the inputs do not fit.</summary>
    public async Task<DecisionEvaluationDto> EvaluateAsync(string id, int? version, IReadOnlyDictionary<string, object?> inputs, CancellationToken ct)
    {
        var deployed = engine.Repository.FindResource(ResourceKinds.Decision, id, version)
            ?? throw new NotFoundException(version is null ? $"No decision '{id}' is deployed." : $"Decision '{id}' has no version {version}.");
        var result = await evaluator.EvaluateAsync(new DecisionRequest(id, deployed), inputs, ct);
        return new DecisionEvaluationDto(id, deployed.Version, result.Value, result.Explanation);
    }

    private static DecisionDto Describe(DmnDefinitions file, DmnDecision decision, int version, IReadOnlyList<int> versions)
    {
        var table = decision.Expression as DmnDecisionTable;
        return new DecisionDto(decision.Id ?? decision.Name, decision.Name, file.Name, table?.HitPolicy.ToString(),
            table?.Inputs.Select(i => new DecisionInputDto(i.Label, i.Type?.ToString())).ToList() ?? [],
            table?.Outputs.Select(o => o.Name ?? "").ToList() ?? [],
            table?.Rules.Count ?? 0, version, versions);
    }
}

public sealed record EvaluateDecisionRequest(Dictionary<string, JsonElement>? Inputs, int? Version = null);

public sealed record DecisionInputDto(string Label, string? Type);

public sealed record DecisionDto(string Id, string Name, string? File, string? HitPolicy, IReadOnlyList<DecisionInputDto> Inputs, IReadOnlyList<string> Outputs, int Rules,
    int Version, IReadOnlyList<int> Versions);

public sealed record DecisionEvaluationDto(string DecisionId, int Version, object? Output, object? Explanation);
