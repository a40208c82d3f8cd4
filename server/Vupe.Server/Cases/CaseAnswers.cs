using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vupe.Engine;

namespace Vupe.Server.Cases;

/// <summary>One case variable as a consultant reads it: the question that asked it and the answer in words.</summary>
public sealed record CaseAnswer(string Key, string? Label, string Answer);

/// <summary>
/// A case's variables as the labelled answers of the forms that set them ("Situación laboral: Desempleado" instead
/// of <c>"situacionLaboral": "desempleado"</c>). Labels and option texts come from the deployed forms' latest
/// versions (a variable's key means the same thing across the catalogue's forms); a variable no form asks for keeps
/// its key. The index is rebuilt only when a form is deployed.
/// </summary>
public sealed class CaseAnswers(ProcessEngine engine)
{
    private volatile FormIndex? _index;

    public async Task<IReadOnlyList<CaseAnswer>> ForAsync(IReadOnlyDictionary<string, object?> variables, CancellationToken ct)
    {
        var index = await IndexAsync(ct);
        return [.. variables
            .Select(v => (Variable: v, Question: index.Questions.GetValueOrDefault(v.Key)))
            .OrderBy(a => a.Question is null ? 1 : 0).ThenBy(a => a.Question?.Order ?? 0).ThenBy(a => a.Variable.Key, StringComparer.Ordinal)
            .Select(a => new CaseAnswer(a.Variable.Key, a.Question?.Label, Describe(a.Variable.Value, a.Question)))];
    }

    private async Task<FormIndex> IndexAsync(CancellationToken ct)
    {
        var versions = await engine.Repository.ListResourcesAsync(ResourceKinds.Form, ct: ct);
        var stamp = string.Join(',', versions.Select(v => v.Sha256).Order(StringComparer.Ordinal));
        if (_index is { } current && current.Stamp == stamp) return current;
        var questions = new Dictionary<string, Question>(StringComparer.Ordinal);
        foreach (var key in versions.Select(v => v.Key).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            if (engine.Repository.FindResource(ResourceKinds.Form, key) is { } form && JsonNode.Parse(form.Content) is JsonObject schema)
                Collect(schema["components"] as JsonArray, questions);
        return _index = new FormIndex(stamp, questions);
    }

    private static void Collect(JsonArray? components, Dictionary<string, Question> questions)
    {
        foreach (var component in components?.OfType<JsonObject>() ?? [])
        {
            if (component["key"]?.GetValue<string>() is { Length: > 0 } key && component["label"]?.GetValue<string>() is { Length: > 0 } label
                && !questions.ContainsKey(key))
            {
                var options = (component["values"] as JsonArray)?.OfType<JsonObject>()
                    .Where(o => o["value"] is not null && o["label"] is not null)
                    .ToDictionary(o => o["value"]!.ToJsonString().Trim('"'), o => o["label"]!.GetValue<string>(), StringComparer.Ordinal);
                questions[key] = new Question(label, options ?? [], questions.Count);
            }
            Collect(component["components"] as JsonArray, questions);
        }
    }

    private static string Describe(object? value, Question? question) => value switch
    {
        null => "—",
        bool b => b ? "Sí" : "No",
        string s => question?.Options.GetValueOrDefault(s) ?? s,
        IFormattable f when value is not DateTime and not DateTimeOffset => question?.Options.GetValueOrDefault(f.ToString(null, CultureInfo.InvariantCulture))
            ?? f.ToString(null, CultureInfo.GetCultureInfo("es-PE")),
        IEnumerable<object?> list when value is not IDictionary<string, object?> => list.Any() ? string.Join(", ", list.Select(i => Describe(i, question))) : "—",
        _ => JsonSerializer.Serialize(value),
    };

    private sealed record Question(string Label, Dictionary<string, string> Options, int Order);

    private sealed record FormIndex(string Stamp, Dictionary<string, Question> Questions);
}
