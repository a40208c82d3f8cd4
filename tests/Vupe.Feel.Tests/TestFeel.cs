using Vupe.Feel;

namespace Vupe.Feel.Tests;

/// <summary>Shorthands: evaluate an expression against a few variables and look at the CLR result.</summary>
internal static class TestFeel
{
    public static FeelScope Scope(params (string Name, object? Value)[] variables)
    {
        var scope = new FeelScope();
        foreach (var (name, value) in variables)
        {
            scope.Set(name, value);
        }

        return scope;
    }

    public static FeelValue Eval(string expression, params (string Name, object? Value)[] variables) =>
        Feel.Parse(expression).Evaluate(Scope(variables));

    public static object? Run(string expression, params (string Name, object? Value)[] variables) =>
        Eval(expression, variables).ToObject();

    public static FeelEvaluation Diagnose(string expression, params (string Name, object? Value)[] variables) =>
        Feel.Parse(expression).EvaluateWithDiagnostics(Scope(variables));

    public static string Text(string expression, params (string Name, object? Value)[] variables) =>
        Eval(expression, variables).ToString();
}
