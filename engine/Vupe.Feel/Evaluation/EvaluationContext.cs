namespace Vupe.Feel.Evaluation;

/// <summary>
/// Per-evaluation state: the variable frames, the clock, and the diagnostics. Kept out of the AST so a
/// parsed expression can be evaluated concurrently from many threads.
/// </summary>
internal sealed class EvaluationContext
{
    public const int MaxCallDepth = 200;

    private readonly SourceText source;
    private readonly bool collectDiagnostics;
    private List<FeelDiagnostic>? diagnostics;
    private DateTimeOffset? now;

    public EvaluationContext(IFeelScope root, SourceText source, bool collectDiagnostics)
    {
        Root = root;
        this.source = source;
        this.collectDiagnostics = collectDiagnostics;
        Clock = root is IFeelClockSource clockSource ? clockSource.TimeProvider : TimeProvider.System;
    }

    /// <summary>The scope outside every frame; a function defined in another scope (a lambda a BKM returned) swaps in its own while it runs.</summary>
    public IFeelScope Root { get; set; }

    /// <summary>The innermost local frame (function parameters, loop variables, context entries); null at top level.</summary>
    public Frame? Frame { get; set; }

    public TimeProvider Clock { get; }

    public int CallDepth { get; set; }

    /// <summary>Position and name of the built-in being executed, so argument errors point at the call.</summary>
    public int CallPosition { get; set; }

    public string CallName { get; set; } = string.Empty;

    /// <summary>The current instant, read once so that now() and today() agree within one evaluation.</summary>
    public DateTimeOffset Now => now ??= Clock.GetLocalNow();

    public IReadOnlyList<FeelDiagnostic> Diagnostics => diagnostics ?? (IReadOnlyList<FeelDiagnostic>)[];

    public bool TryLookup(string name, out FeelValue value)
    {
        for (var frame = Frame; frame is not null; frame = frame.Parent)
        {
            if (frame.TryGet(name, out value))
            {
                return true;
            }
        }

        return Root.TryGetVariable(name, out value!) && value is not null;
    }

    public FeelValue Warn(int position, string message)
    {
        if (collectDiagnostics)
        {
            var (line, column) = source.GetLineColumn(position);
            (diagnostics ??= []).Add(new FeelDiagnostic(message, position, line, column));
        }

        return FeelNull.Instance;
    }

    /// <summary>Reports a problem with the arguments of the built-in being executed.</summary>
    public FeelValue ArgumentError(string message) => Warn(CallPosition, $"{CallName}: {message}");
}
