using System.Diagnostics.CodeAnalysis;

namespace Vupe.Feel.BuiltIns;

/// <summary>All built-in functions by name, registered family by family.</summary>
internal sealed class BuiltInRegistry
{
    private static readonly Dictionary<string, FeelFunction> Functions = Build();

    private readonly Dictionary<string, BuiltInFunction> implementations = new(StringComparer.Ordinal);

    private BuiltInRegistry()
    {
    }

    public static IReadOnlyCollection<string> Names => Functions.Keys;

    public static bool TryGet(string name, [NotNullWhen(true)] out FeelFunction? function) => Functions.TryGetValue(name, out function);

    public void Add(string name, string[] parameters, BuiltInBody body) => Get(name).Add(new Overload(parameters, false, body));

    public void AddVariadic(string name, string[] parameters, BuiltInBody body) => Get(name).Add(new Overload(parameters, true, body));

    private static Dictionary<string, FeelFunction> Build()
    {
        var registry = new BuiltInRegistry();
        BooleanFunctions.Register(registry);
        StringFunctions.Register(registry);
        NumericFunctions.Register(registry);
        ConversionFunctions.Register(registry);
        TemporalFunctions.Register(registry);
        ListFunctions.Register(registry);
        ContextFunctions.Register(registry);
        RangeFunctions.Register(registry);

        var functions = new Dictionary<string, FeelFunction>(StringComparer.Ordinal);
        foreach (var pair in registry.implementations)
        {
            functions[pair.Key] = new FeelFunction(pair.Key, pair.Value);
        }

        return functions;
    }

    private BuiltInFunction Get(string name)
    {
        if (!implementations.TryGetValue(name, out var function))
        {
            function = new BuiltInFunction(name);
            implementations[name] = function;
        }

        return function;
    }
}
