using Vupe.Feel;

namespace Vupe.Dmn;

/// <summary>DMN 1.4 boxed conditional: if / then / else.</summary>
public sealed class DmnConditional : DmnExpression
{
    internal DmnConditional(string? id, DmnType? type, DmnExpression? condition, DmnExpression? then, DmnExpression? otherwise)
        : base(id, type)
    {
        Condition = condition;
        Then = then;
        Else = otherwise;
    }

    public DmnExpression? Condition { get; }

    public DmnExpression? Then { get; }

    public DmnExpression? Else { get; }

    internal override FeelValue Evaluate(DmnRun run, DmnScope scope, DmnDrgElement owner)
    {
        var condition = Condition?.Evaluate(run, scope, owner) ?? FeelNull.Instance;
        if (condition is not (FeelBoolean or FeelNull))
        {
            // A condition that is not a boolean is an error, not 'else' (DMN 1.5, 8.3.x conditional).
            run.Warn($"the condition of the conditional is {condition.TypeName} {condition}, not a boolean, so the conditional is null");
            return FeelNull.Instance;
        }

        var branch = condition == FeelBoolean.True ? Then : Else;
        return branch?.Evaluate(run, scope, owner) ?? FeelNull.Instance;
    }
}

/// <summary>DMN 1.4 boxed filter: the items of a list for which the match holds (with 'item' and a context item's entries in scope).</summary>
public sealed class DmnFilter : DmnExpression
{
    internal DmnFilter(string? id, DmnType? type, DmnExpression? source, DmnExpression? match)
        : base(id, type)
    {
        Source = source;
        Match = match;
    }

    public DmnExpression? Source { get; }

    public DmnExpression? Match { get; }

    internal override FeelValue Evaluate(DmnRun run, DmnScope scope, DmnDrgElement owner)
    {
        var source = Source?.Evaluate(run, scope, owner) ?? FeelNull.Instance;
        if (source.IsNull)
        {
            return FeelNull.Instance;
        }

        var items = source is FeelList list ? list.Items : [source];
        var kept = new List<FeelValue>();
        foreach (var item in items)
        {
            var local = new DmnScope(scope);
            if (item is FeelContext context)
            {
                foreach (var entry in context.Entries)
                {
                    local.Set(entry.Key, entry.Value);
                }
            }

            local.Set("item", item);
            var match = Match?.Evaluate(run, local, owner) ?? FeelNull.Instance;
            if (match == FeelBoolean.True)
            {
                kept.Add(item);
            }
            else if (match is not (FeelBoolean or FeelNull))
            {
                run.Warn($"the filter's match gave {match.TypeName} {match}, not a boolean, so the filter is null");
                return FeelNull.Instance;
            }
        }

        return new FeelList(kept);
    }
}

public enum DmnIteratorKind
{
    For,
    Every,
    Some,
}

/// <summary>DMN 1.4 boxed iterators: for ... in ... return, every/some ... in ... satisfies.</summary>
public sealed class DmnIterator : DmnExpression
{
    internal DmnIterator(string? id, DmnType? type, DmnIteratorKind kind, string variable, DmnExpression? source, DmnExpression? body)
        : base(id, type)
    {
        Kind = kind;
        Variable = variable;
        Source = source;
        Body = body;
    }

    public DmnIteratorKind Kind { get; }

    public string Variable { get; }

    public DmnExpression? Source { get; }

    public DmnExpression? Body { get; }

    internal override FeelValue Evaluate(DmnRun run, DmnScope scope, DmnDrgElement owner)
    {
        var source = Source?.Evaluate(run, scope, owner) ?? FeelNull.Instance;
        if (source.IsNull)
        {
            return FeelNull.Instance;
        }

        var items = source is FeelList list ? list.Items : [source];
        var results = new List<FeelValue>(items.Count);
        foreach (var item in items)
        {
            var local = new DmnScope(scope);
            local.Set(Variable, item);
            if (Kind == DmnIteratorKind.For)
            {
                local.Set("partial", new FeelList(results.ToList()));
            }

            results.Add(Body?.Evaluate(run, local, owner) ?? FeelNull.Instance);
        }

        return Kind switch
        {
            DmnIteratorKind.For => new FeelList(results),
            DmnIteratorKind.Every => results.All(r => r == FeelBoolean.True) ? FeelBoolean.True
                : results.Any(r => r == FeelBoolean.False) ? FeelBoolean.False : FeelNull.Instance,
            _ => results.Any(r => r == FeelBoolean.True) ? FeelBoolean.True
                : results.All(r => r == FeelBoolean.False) ? FeelBoolean.False : FeelNull.Instance,
        };
    }
}
