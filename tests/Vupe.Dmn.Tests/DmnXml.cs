using System.Globalization;
using System.Security;
using System.Text;

namespace Vupe.Dmn.Tests;

/// <summary>Small DMN files for tests: input data of the given types, one decision table, optional extras.</summary>
internal static class DmnXml
{
    public const string Ns = "https://www.omg.org/spec/DMN/20191111/MODEL/";

    public static string Definitions(string body) =>
        $"""<?xml version="1.0" encoding="UTF-8"?><definitions xmlns="{Ns}" id="defs" name="tests" namespace="http://vupecases.pe/tests">{body}</definitions>""";

    public static string Input(string name, string typeRef = "number") =>
        $"""<inputData id="i_{Id(name)}" name="{name}"><variable name="{name}" typeRef="{typeRef}"/></inputData>""";

    public static string Requires(params string[] inputNames) =>
        string.Concat(inputNames.Select(n => $"""<informationRequirement><requiredInput href="#i_{Id(n)}"/></informationRequirement>"""));

    /// <summary>A table decision 'd' over the named inputs (declared as input data of type number unless <paramref name="inputTypes"/> says otherwise).</summary>
    public static string Table(
        string hitPolicy,
        string[] inputs,
        string[] outputs,
        IEnumerable<(string[] When, string[] Then)> rules,
        string? aggregation = null,
        string? outputValues = null,
        string[]? inputTypes = null)
    {
        var xml = new StringBuilder();
        for (var i = 0; i < inputs.Length; i++)
        {
            xml.Append(Input(inputs[i], inputTypes?[i] ?? "number"));
        }

        xml.Append(CultureInfo.InvariantCulture, $"""<decision id="d" name="Decision"><variable name="Decision"/>{Requires(inputs)}""");
        xml.Append(CultureInfo.InvariantCulture, $"""<decisionTable id="t" hitPolicy="{hitPolicy}"{(aggregation is null ? "" : $" aggregation=\"{aggregation}\"")}>""");
        foreach (var input in inputs)
        {
            xml.Append(CultureInfo.InvariantCulture, $"""<input label="{input}"><inputExpression><text>{Esc(input)}</text></inputExpression></input>""");
        }

        foreach (var output in outputs)
        {
            xml.Append(CultureInfo.InvariantCulture, $"""<output name="{output}">""");
            if (outputValues is not null)
            {
                xml.Append(CultureInfo.InvariantCulture, $"""<outputValues><text>{Esc(outputValues)}</text></outputValues>""");
            }

            xml.Append("</output>");
        }

        var n = 0;
        foreach (var (when, then) in rules)
        {
            n++;
            xml.Append(CultureInfo.InvariantCulture, $"""<rule id="r{n}">""");
            xml.Append(string.Concat(when.Select(w => $"<inputEntry><text>{Esc(w)}</text></inputEntry>")));
            xml.Append(string.Concat(then.Select(t => $"<outputEntry><text>{Esc(t)}</text></outputEntry>")));
            xml.Append("</rule>");
        }

        xml.Append("</decisionTable></decision>");
        return Definitions(xml.ToString());
    }

    public static string Esc(string text) => SecurityElement.Escape(text);

    public static string Id(string name) => name.Replace(' ', '_');
}
