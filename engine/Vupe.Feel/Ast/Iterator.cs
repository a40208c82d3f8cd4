using Vupe.Feel.Evaluation;

namespace Vupe.Feel.Ast;

/// <summary>One "name in domain" clause of for/some/every; the domain is a list, a range, or <c>a..b</c> of integers.</summary>
internal sealed class Iterator(string name, Node domain, Node? rangeEnd)
{
    public string Name { get; } = name;

    public IEnumerable<Node> Nodes => rangeEnd is null ? [domain] : [domain, rangeEnd];

    /// <summary>The values to iterate, or null (with a diagnostic) when the domain cannot be iterated.</summary>
    public IReadOnlyList<FeelValue>? Values(EvaluationContext context, int position)
    {
        var start = domain.Evaluate(context);
        if (rangeEnd is not null)
        {
            return Integers(start, rangeEnd.Evaluate(context), context, position);
        }

        return start switch
        {
            FeelList list => list.Items,
            FeelRange { Start: FeelNumber s, End: FeelNumber e } range when s.Value <= e.Value =>
                Integers(Step(s, range.StartIncluded, 1), Step(e, range.EndIncluded, -1), context, position),
            FeelRange => Fail(context, position, "only an ascending range of numbers can be iterated"),
            FeelNull => null,
            _ => [start],
        };
    }

    private static FeelValue Step(FeelValue bound, bool included, int direction) =>
        included ? bound : new FeelNumber(((FeelNumber)bound).Value + direction);

    private static FeelValue[]? Fail(EvaluationContext context, int position, string message)
    {
        context.Warn(position, message);
        return null;
    }

    private static FeelValue[]? Integers(FeelValue from, FeelValue to, EvaluationContext context, int position)
    {
        if (from is FeelDate first && to is FeelDate last)
        {
            // Dates step by one day, either way (FEEL 1.5, 10.3.2.14).
            var days = last.Value.DayNumber - first.Value.DayNumber;
            var direction = days < 0 ? -1 : 1;
            return Enumerable.Range(0, Math.Abs(days) + 1).Select(i => (FeelValue)new FeelDate(first.Value.AddDays(i * direction))).ToArray();
        }

        if (from is not FeelNumber a || to is not FeelNumber b || !decimal.IsInteger(a.Value) || !decimal.IsInteger(b.Value))
        {
            context.Warn(position, "an iteration range a..b needs integer bounds");
            return null;
        }

        var count = Math.Abs(b.Value - a.Value) + 1;
        if (count > 10_000_000)
        {
            context.Warn(position, "iteration range is too large");
            return null;
        }

        var step = a.Value <= b.Value ? 1 : -1;
        var values = new FeelValue[(int)count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = FeelNumber.Of(a.Value + (i * step));
        }

        return values;
    }
}
