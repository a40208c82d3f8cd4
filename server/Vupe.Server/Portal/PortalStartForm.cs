using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Vupe.Engine;
using Vupe.Forms;
using Vupe.Workflows;

namespace Vupe.Server.Portal;

public sealed record PortalFormOption(string Value, string Label);

/// <summary>One component of a start form as the portal draws it: a paragraph (<see cref="IsText"/>) or a field.</summary>
public sealed record PortalFormItem(string Type, string? Key, string? Label, string? Text, string? Description, bool Required, int? MaxLength, IReadOnlyList<PortalFormOption> Options)
{
    public bool IsText => Type == "text";

    /// <summary>The posted field's name: "r." and the form key, so answers never meet the page's own fields.</summary>
    public string InputName => PortalStartForm.Prefix + Key;

    public string InputId => "r-" + Key;
}

/// <summary>
/// A start form (<c>vupe:formKey</c> on a process's start event, a form-js schema) drawn by the portal on the server, without
/// form-js's script: a phone gets plain HTML fields. The portal draws the components a citizen's request needs — text,
/// textfield, textarea, number, select, radio, checkbox and checklist, at the form's top level and without conditions or
/// dynamic options; a form with anything else lists it in <see cref="Undrawable"/>, and the service is then not requested
/// online (the designer's form preview shows all of form-js). What is posted is checked by the same validation as a task's
/// form (<see cref="FormSchema.Validate(IReadOnlyDictionary{string, object?})"/>), so its answers are the case's first variables.
/// </summary>
public sealed class PortalStartForm
{
    public const string Prefix = "r.";
    private static readonly HashSet<string> Drawable = new(StringComparer.Ordinal) { "text", "textfield", "textarea", "number", "select", "radio", "checkbox", "checklist" };
    private readonly FormSchema _schema;

    private PortalStartForm(FormSchema schema, IReadOnlyList<PortalFormItem> items, IReadOnlyList<string> undrawable)
    {
        _schema = schema;
        Items = items;
        Undrawable = undrawable;
    }

    public IReadOnlyList<PortalFormItem> Items { get; }

    /// <summary>The components the portal cannot draw ("group «datos»"); empty when the whole form is drawn.</summary>
    public IReadOnlyList<string> Undrawable { get; }

    public static PortalStartForm Read(string json)
    {
        var schema = FormSchema.Parse(json);
        var items = new List<PortalFormItem>();
        var undrawable = new List<string>();
        foreach (var c in (JsonNode.Parse(json)?["components"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            var type = Text(c, "type") ?? "";
            var key = Text(c, "key");
            if (!Drawable.Contains(type) || c["conditional"] is not null || c["valuesKey"] is not null || c["valuesExpression"] is not null
                || (type != "text" && key is null))
            {
                undrawable.Add($"{type} «{key ?? Text(c, "id") ?? "?"}»");
                continue;
            }
            var validate = c["validate"] as JsonObject;
            var options = (c["values"] as JsonArray)?.OfType<JsonObject>()
                .Select(o => new PortalFormOption(o["value"]?.ToJsonString().Trim('"') ?? "", Text(o, "label") ?? "")).ToList() ?? [];
            items.Add(new PortalFormItem(type, key, Text(c, "label"), type == "text" ? Plain(Text(c, "text")) : null, Text(c, "description"),
                validate?["required"]?.GetValue<bool>() == true, validate?["maxLength"] is JsonValue max && max.TryGetValue<int>(out var m) ? m : null, options));
        }
        return new PortalStartForm(schema, items, undrawable);
    }

    /// <summary>
    /// The posted fields as the form's data: text as written (blank is no answer), numbers as numbers (what does not read
    /// as one is kept as text, for the validation to refuse), a checkbox as ticked or not, a checklist as its ticked values.
    /// </summary>
    public Dictionary<string, object?> Answers(IReadOnlyDictionary<string, IReadOnlyList<string>> posted)
    {
        var answers = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var item in Items.Where(i => !i.IsText))
        {
            var values = posted.GetValueOrDefault(item.Key!) ?? [];
            var first = values.Count > 0 ? values[0]?.Trim() : null;
            switch (item.Type)
            {
                case "checkbox":
                    answers[item.Key!] = first is "true" or "on";
                    break;
                case "checklist":
                    answers[item.Key!] = values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => (object?)v.Trim()).ToList();
                    break;
                case "number" when !string.IsNullOrEmpty(first):
                    answers[item.Key!] = decimal.TryParse(first.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? number : first;
                    break;
                default:
                    if (!string.IsNullOrEmpty(first)) answers[item.Key!] = first;
                    break;
            }
        }
        return answers;
    }

    public FormValidationResult Validate(IReadOnlyDictionary<string, object?> answers) => _schema.Validate(answers);

    private static string? Text(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>The paragraph's words: form-js text is Markdown; the portal shows it as plain text.</summary>
    private static string? Plain(string? markdown) => markdown is null ? null
        : string.Join('\n', markdown.Split('\n').Select(line => line.TrimStart('#', ' ').Trim())).Trim();
}

/// <summary>The start forms of the services citizens request online, each deployed version read once (by its hash).</summary>
public sealed class PortalStartForms(ProcessEngine engine)
{
    private readonly ConcurrentDictionary<string, PortalStartForm> _read = new(StringComparer.Ordinal);

    /// <summary>The start form of the service's online procedure in its latest version; null when it has none.</summary>
    public async Task<PortalStartForm?> ForAsync(VupeService service, CancellationToken ct)
    {
        if (service.OnlineProcess is not { } process) return null;
        var definition = (await engine.Repository.ListDefinitionsAsync(process, ct)).MaxBy(d => d.Version);
        return definition is null ? null : await ForDefinitionAsync(definition.Id, ct);
    }

    public async Task<PortalStartForm?> ForDefinitionAsync(string definitionId, CancellationToken ct) =>
        await engine.Repository.GetStartFormAsync(definitionId, ct) is { } form ? _read.GetOrAdd(form.Sha256, _ => PortalStartForm.Read(form.Content)) : null;
}
