using System.Xml.Linq;
using Vupe.Feel;

namespace Vupe.Engine.Parsing;

/// <summary>Parses FEEL found in a model once, at deployment, turning syntax errors and unknown functions into deployment problems.</summary>
internal sealed class FeelCompiler(ProblemCollector problems, IReadOnlyCollection<string> extraFunctions)
{
    public FeelExpression? Compile(string text, XElement at, string what, string? elementId = null)
    {
        elementId ??= (string?)at.Attribute("id");
        FeelExpression expression;
        try
        {
            expression = Feel.Feel.Parse(text);
        }
        catch (FeelSyntaxException e)
        {
            problems.Add(at, ProblemText.InvalidFeel(what, e.Message), elementId);
            return null;
        }
        foreach (var call in expression.FunctionCalls)
        {
            if (FeelBuiltIns.IsBuiltIn(call.Name) || extraFunctions.Contains(call.Name)) continue;
            problems.Add(at, ProblemText.UnknownFeelFunction(call.Name, what, call.Column), elementId);
            return null;
        }
        return expression;
    }
}
