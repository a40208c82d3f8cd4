namespace Vupe.Feel;

/// <summary>The names of the built-in functions, e.g. for editors and for validating models.</summary>
public static class FeelBuiltIns
{
    public static IReadOnlyCollection<string> Names => BuiltIns.BuiltInRegistry.Names;

    public static bool IsBuiltIn(string functionName) => functionName is not null && BuiltIns.BuiltInRegistry.TryGet(functionName, out _);

    /// <summary>The built-in as a function value, e.g. to call it from host code.</summary>
    public static FeelFunction? Get(string functionName) =>
        functionName is not null && BuiltIns.BuiltInRegistry.TryGet(functionName, out var function) ? function : null;
}
