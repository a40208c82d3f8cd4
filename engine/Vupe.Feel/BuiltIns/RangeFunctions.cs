using Vupe.Feel.Ast;
using Vupe.Feel.Evaluation;

namespace Vupe.Feel.BuiltIns;

/// <summary>
/// The DMN 1.3 range relations (before, after, meets, overlaps, includes, starts, ...). A point argument is
/// treated as the closed range [p..p], which turns the spec's separate point/range formulas into one each.
/// A missing bound is infinite: -∞ for a start, +∞ for an end.
/// </summary>
internal static class RangeFunctions
{
    private delegate bool Relation(Bounds a, Bounds b);

    public static void Register(BuiltInRegistry registry)
    {
        registry.Add("range", ["from"], static (a, c) => Args.String(a[0], "from", c, out var text) ? Parse(text, c) : FeelNull.Instance);
        Add(registry, "before", ["a", "b"], static (a, b) => a.End.Lt(b.Start) || ((!a.EndIncluded || !b.StartIncluded) && a.End.Eq(b.Start)));
        Add(registry, "after", ["a", "b"], static (a, b) => b.End.Lt(a.Start) || ((!b.EndIncluded || !a.StartIncluded) && b.End.Eq(a.Start)));
        Add(registry, "meets", ["range1", "range2"], static (a, b) => a.EndIncluded && b.StartIncluded && a.End.Eq(b.Start));
        Add(registry, "met by", ["range1", "range2"], static (a, b) => b.EndIncluded && a.StartIncluded && b.End.Eq(a.Start));
        Add(registry, "overlaps", ["range1", "range2"], Overlaps);
        Add(registry, "overlaps before", ["range1", "range2"], OverlapsBefore);
        Add(registry, "overlaps after", ["range1", "range2"], static (a, b) => OverlapsBefore(b, a));
        Add(registry, "finishes", ["a", "b"], Finishes);
        Add(registry, "finished by", ["a", "b"], static (a, b) => Finishes(b, a));
        Add(registry, "includes", ["a", "b"], Includes);
        Add(registry, "during", ["a", "b"], static (a, b) => Includes(b, a));
        Add(registry, "starts", ["a", "b"], Starts);
        Add(registry, "started by", ["a", "b"], static (a, b) => Starts(b, a));
        Add(registry, "coincides", ["a", "b"], static (a, b) =>
            a.Start.Eq(b.Start) && a.StartIncluded == b.StartIncluded && a.End.Eq(b.End) && a.EndIncluded == b.EndIncluded);
    }

    /// <summary>
    /// range(from) (FEEL 1.5): a range literal ("[1..10)", "(&lt; 5)" or "&lt; 5") whose endpoints are literals, or
    /// calls of date, time, date and time or duration on string literals.
    /// </summary>
    private static FeelValue Parse(string text, EvaluationContext c)
    {
        FeelExpression expression;
        try
        {
            expression = Feel.Parse(text);
        }
        catch (FeelSyntaxException e)
        {
            return c.ArgumentError($"\"{text}\" is not a range: {e.Reason}");
        }

        if (expression.Root is not (RangeNode or UnaryRangeNode) || !expression.Root.Children.All(IsLiteral))
        {
            return c.ArgumentError($"\"{text}\" is not a range literal (endpoints must be literals)");
        }

        if (expression.Evaluate(FeelScope.Empty) is not FeelRange range || (range.Start is null or FeelNull && range.End is null or FeelNull))
        {
            return c.ArgumentError($"\"{text}\" is not a range");
        }

        // Both endpoints of one type, in ascending order.
        if (range.Start is { IsNull: false } start && range.End is { IsNull: false } end
            && (start.GetType() != end.GetType() || Comparison.Compare(start, end, c, c.CallPosition) is not <= 0))
        {
            return c.ArgumentError($"\"{text}\": the endpoints must be of one type, the start not after the end");
        }

        return range;
    }

    // A literal, or date/time/date and time/duration of a string literal.
    private static bool IsLiteral(Node node) => node switch
    {
        LiteralNode => true,
        InvocationNode { CalleeName: "date" or "time" or "date and time" or "duration" } call =>
            call.Children.ToList() is [LiteralNode { Value: FeelString }],
        _ => false,
    };

    private static bool Overlaps(Bounds a, Bounds b) =>
        (a.End.Gt(b.Start) || (a.End.Eq(b.Start) && a.EndIncluded && b.StartIncluded))
        && (a.Start.Lt(b.End) || (a.Start.Eq(b.End) && a.StartIncluded && b.EndIncluded));

    private static bool OverlapsBefore(Bounds a, Bounds b) =>
        (a.Start.Lt(b.Start) || (a.Start.Eq(b.Start) && a.StartIncluded && !b.StartIncluded))
        && (a.End.Gt(b.Start) || (a.End.Eq(b.Start) && a.EndIncluded && b.StartIncluded))
        && (a.End.Lt(b.End) || (a.End.Eq(b.End) && (!a.EndIncluded || b.EndIncluded)));

    private static bool Finishes(Bounds a, Bounds b) =>
        a.EndIncluded == b.EndIncluded && a.End.Eq(b.End)
        && (a.Start.Gt(b.Start) || (a.Start.Eq(b.Start) && (!a.StartIncluded || b.StartIncluded)));

    private static bool Includes(Bounds a, Bounds b) =>
        (a.Start.Lt(b.Start) || (a.Start.Eq(b.Start) && (a.StartIncluded || !b.StartIncluded)))
        && (a.End.Gt(b.End) || (a.End.Eq(b.End) && (a.EndIncluded || !b.EndIncluded)));

    private static bool Starts(Bounds a, Bounds b) =>
        a.Start.Eq(b.Start) && a.StartIncluded == b.StartIncluded
        && (a.End.Lt(b.End) || (a.End.Eq(b.End) && (!a.EndIncluded || b.EndIncluded)));

    private static void Add(BuiltInRegistry registry, string name, string[] parameters, Relation relation) =>
        registry.Add(name, parameters, (arguments, context) =>
        {
            if (arguments[0] is FeelNull || arguments[1] is FeelNull)
            {
                return context.ArgumentError("arguments must not be null");
            }

            try
            {
                return FeelBoolean.Of(relation(new Bounds(arguments[0], context), new Bounds(arguments[1], context)));
            }
            catch (IncomparableException)
            {
                return FeelNull.Instance;
            }
        });

    private sealed class IncomparableException : Exception
    {
    }

    /// <summary>A range (or point) with comparable endpoints; comparisons that cannot be decided abort the relation.</summary>
    private readonly struct Bounds
    {
        public Bounds(FeelValue value, EvaluationContext context)
        {
            if (value is FeelRange range)
            {
                Start = new Bound(range.Start, IsStart: true, context);
                End = new Bound(range.End, IsStart: false, context);
                StartIncluded = range.StartIncluded;
                EndIncluded = range.EndIncluded;
            }
            else
            {
                Start = new Bound(value, IsStart: true, context);
                End = new Bound(value, IsStart: false, context);
                StartIncluded = EndIncluded = true;
            }
        }

        public Bound Start { get; }

        public Bound End { get; }

        public bool StartIncluded { get; }

        public bool EndIncluded { get; }
    }

    private readonly record struct Bound(FeelValue? Value, bool IsStart, EvaluationContext Context)
    {
        public bool Lt(Bound other) => Compare(other) < 0;

        public bool Gt(Bound other) => Compare(other) > 0;

        public bool Eq(Bound other) => Compare(other) == 0;

        private int Compare(Bound other)
        {
            if (Value is null || other.Value is null)
            {
                var self = Value is null ? (IsStart ? -1 : 1) : 0;
                var that = other.Value is null ? (other.IsStart ? -1 : 1) : 0;
                return self == that && Value is null && other.Value is null ? 0 : self.CompareTo(that);
            }

            return Comparison.Compare(Value, other.Value, Context, Context.CallPosition) ?? throw new IncomparableException();
        }
    }
}
