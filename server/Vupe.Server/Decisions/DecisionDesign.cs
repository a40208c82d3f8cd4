using System.Globalization;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Vupe.Dmn;
using Vupe.Engine;
using Vupe.Server.Deployments;
using Vupe.Server.Problems;
using Vupe.Server.Procedures;

namespace Vupe.Server.Decisions;

/// <summary>
/// The DMN editor's server side: the deployed decisions for the designer's list, the deployed file of a version to
/// open, and "probar decisión" on a file being edited — parsed and evaluated by the engine's own DMN evaluator
/// (<see cref="DmnDecisionEvaluator"/>), in memory only: nothing is deployed, stored or cached.
/// </summary>
public sealed class DecisionDesign(ProcessEngine engine, DeploymentService deployments, TimeProvider time)
{
    /// <summary>The largest file "probar" accepts: the size a deployment accepts.</summary>
    public const int MaxXmlChars = (int)DeploymentService.MaxFileBytes;

    /// <summary>Every deployed decision key with its versions, newest version's name, date and author.</summary>
    public async Task<List<DecisionVersionsDto>> ListAsync(CancellationToken ct)
    {
        var versions = await engine.Repository.ListResourcesAsync(ResourceKinds.Decision, ct: ct);
        var deployedBy = await deployments.DeployersAsync(ct);
        return [.. versions.GroupBy(v => v.Key).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var latest = g.MaxBy(v => v.Version)!;
            return new DecisionVersionsDto(g.Key, latest.Name, [.. g.Select(v => v.Version).Order()], latest.Version, latest.ResourceName, latest.DeployedAt,
                deployedBy.GetValueOrDefault(latest.DeploymentId));
        })];
    }

    /// <summary>The deployed file holding a decision's version (the latest without <paramref name="version"/>).</summary>
    public Task<DeployedResource> FileAsync(string key, int? version, CancellationToken ct) =>
        deployments.ResourceAsync(ResourceKinds.Decision, key, version, ct);

    /// <summary>
    /// Evaluates a decision of a DMN file that is not deployed. A file that does not parse or an unknown decision is a
    /// <see cref="FieldValidationException"/> (400); a decision that cannot be evaluated with these inputs a
    /// <see cref="DmnEvaluationException"/> (422 at the endpoint).
    /// </summary>
    public async Task<DecisionTestResultDto> TestAsync(DecisionTestRequest request, CancellationToken ct)
    {
        var definitions = Parse(request.Xml);
        var decision = PickDecision(definitions, request.DecisionId);
        var inputs = JsonVariables.ToVariables(request.Inputs);
        // A fresh evaluator over this one file rather than the shared one: the shared evaluator caches the files it
        // parses by hash, and a test file is thrown away after the answer.
        var evaluator = new DmnDecisionEvaluator([definitions], time);
        var result = await evaluator.EvaluateAsync(decision.Id ?? decision.Name, inputs, ct);
        var explanation = result.Explanation as DmnExplanation;
        var own = explanation?.Decisions.LastOrDefault(d => d.DecisionId == explanation.DecisionId && d.DecisionName == explanation.DecisionName);
        var rules = own?.Tables.SelectMany(t => t.MatchedRules.Select((number, i) =>
            new MatchedRuleDto(t.TableId, number, t.MatchedRuleIds.ElementAtOrDefault(i), t.MatchedRuleAnnotations.ElementAtOrDefault(i)))).ToList() ?? [];
        return new DecisionTestResultDto(decision.Id ?? decision.Name, decision.Name, result.Value, rules,
            own?.Tables.SelectMany(t => t.Inputs).ToList() ?? [], own?.Warnings ?? [], result.Explanation);
    }

    private static DmnDefinitions Parse(string? xml)
    {
        if (string.IsNullOrWhiteSpace(xml))
            throw new FieldValidationException(new Dictionary<string, string[]> { ["xml"] = ["Envíe el archivo DMN que se está editando."] }, "Falta el archivo DMN.");
        if (xml.Length > MaxXmlChars)
            throw new FieldValidationException(new Dictionary<string, string[]> { ["xml"] = [$"El archivo DMN supera {MaxXmlChars / 1024 / 1024} MB."] }, "El archivo DMN es demasiado grande.");
        try
        {
            // Checked here first so a malformed file is explained in Spanish with its position.
            XDocument.Parse(xml);
        }
        catch (XmlException e)
        {
            throw new FieldValidationException(new Dictionary<string, string[]>
            {
                ["xml"] = [string.Create(CultureInfo.InvariantCulture, $"El XML no está bien formado (línea {e.LineNumber}, columna {e.LinePosition}): {e.Message}")],
            }, "El archivo DMN no es XML válido.");
        }
        try
        {
            return DmnParser.Parse(xml);
        }
        catch (DmnModelException e)
        {
            throw new FieldValidationException(new Dictionary<string, string[]> { ["xml"] = [.. e.Errors.DefaultIfEmpty(e.Message)] },
                e.Errors.Count == 1 ? "El archivo DMN tiene un problema." : $"El archivo DMN tiene {e.Errors.Count} problemas.");
        }
    }

    private static DmnDecision PickDecision(DmnDefinitions definitions, string? decisionId)
    {
        if (string.IsNullOrWhiteSpace(decisionId))
        {
            if (definitions.Decisions.Count == 1) return definitions.Decisions[0];
            throw new FieldValidationException(new Dictionary<string, string[]>
            {
                ["decisionId"] = [$"El archivo tiene {definitions.Decisions.Count} decisiones; indique cuál probar: {Names(definitions)}."],
            }, "Indique la decisión que se prueba.");
        }
        return definitions.Decisions.FirstOrDefault(d => d.Id == decisionId) ?? definitions.FindDecision(decisionId)
            ?? throw new FieldValidationException(new Dictionary<string, string[]>
            {
                ["decisionId"] = [$"El archivo no tiene la decisión «{decisionId}». Tiene: {Names(definitions)}."],
            }, "La decisión no está en el archivo.");
    }

    private static string Names(DmnDefinitions definitions) =>
        definitions.Decisions.Count == 0 ? "ninguna" : string.Join(", ", definitions.Decisions.Select(d => d.Id ?? d.Name));
}

/// <summary>"Probar decisión": the file being edited, the decision to evaluate (optional when the file has one) and the inputs by name.</summary>
public sealed record DecisionTestRequest(string? Xml, string? DecisionId, Dictionary<string, JsonElement>? Inputs);

/// <summary>A rule that gave the output: its table, 1-based number, id (the editor's row) and annotation (its reason).</summary>
public sealed record MatchedRuleDto(string? TableId, int Number, string? RuleId, string? Annotation);

/// <summary>
/// What the test gave: the output, the rules that gave it, the input values the tables read, the warnings that
/// explain a null, and the evaluator's whole explanation (required decisions included) as a case's history keeps it.
/// </summary>
public sealed record DecisionTestResultDto(string DecisionId, string DecisionName, object? Output, IReadOnlyList<MatchedRuleDto> MatchedRules,
    IReadOnlyList<DmnInputTrace> Inputs, IReadOnlyList<string> Warnings, object? Explanation);

/// <summary>A deployed decision key for the designer's list.</summary>
public sealed record DecisionVersionsDto(string Key, string? Name, IReadOnlyList<int> Versions, int LatestVersion, string ResourceName, DateTimeOffset DeployedAt, string? DeployedBy);
