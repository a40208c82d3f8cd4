namespace Vupe.Feel.BuiltIns;

internal static class BooleanFunctions
{
    public static void Register(BuiltInRegistry registry)
    {
        registry.Add("not", ["negand"], static (a, _) => a[0] is FeelBoolean b ? FeelBoolean.Of(!b.Value) : FeelNull.Instance);
    }
}
