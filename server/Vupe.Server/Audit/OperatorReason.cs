namespace Vupe.Server.Audit;

/// <summary>
/// Why an operator intervenes (the operations console asks for it), carried on the request's flow to
/// <see cref="EngineAudit"/>, which writes it into every trail entry of the engine command — in that command's
/// transaction — so the engine's API needs no reason parameter on each operation.
/// </summary>
public static class OperatorReason
{
    private static readonly AsyncLocal<Intervention?> Reason = new();

    public static string? Current => Reason.Value?.Reason;

    /// <summary>The operator sets variables themselves: the command's variable changes are the act to audit (a retry's are the process's own).</summary>
    public static bool SetsVariables => Reason.Value?.SetsVariables == true;

    /// <summary>The reason for the commands run until the returned scope is disposed.</summary>
    public static IDisposable Use(string reason, bool setsVariables = false)
    {
        var previous = Reason.Value;
        Reason.Value = new Intervention(reason, setsVariables);
        return new Scope(previous);
    }

    private sealed record Intervention(string Reason, bool SetsVariables);

    private sealed class Scope(Intervention? previous) : IDisposable
    {
        public void Dispose() => Reason.Value = previous;
    }
}
