using Vupe.Feel.Evaluation;

namespace Vupe.Feel.BuiltIns;

/// <summary>List built-ins. Positions are 1-based; negative positions count from the end.</summary>
internal static class ListFunctions
{
    public static void Register(BuiltInRegistry registry)
    {
        registry.Add("list contains", ["list", "element"], static (a, c) =>
            Args.List(a[0], "list", c, out var list) ? FeelBoolean.Of(IndexOf(list, a[1], 0) >= 0) : FeelNull.Instance);
        registry.Add("count", ["list"], static (a, c) => Args.List(a[0], "list", c, out var list) ? FeelNumber.Of(list.Count) : FeelNull.Instance);
        registry.AddVariadic("min", ["list"], static (a, c) => Extreme(Args.ListOrValues(a), -1, c));
        registry.AddVariadic("max", ["list"], static (a, c) => Extreme(Args.ListOrValues(a), 1, c));
        registry.AddVariadic("sum", ["list"], static (a, c) =>
            Numbers(Args.ListOrValues(a), c) is { Length: > 0 } n ? new FeelNumber(Sum(n)) : FeelNull.Instance);
        registry.AddVariadic("mean", ["list"], static (a, c) =>
            Numbers(Args.ListOrValues(a), c) is { Length: > 0 } n ? new FeelNumber(Sum(n) / n.Length) : FeelNull.Instance);
        registry.AddVariadic("product", ["list"], static (a, c) =>
        {
            if (Numbers(Args.ListOrValues(a), c) is not { Length: > 0 } numbers)
            {
                return FeelNull.Instance;
            }

            var product = 1m;
            foreach (var n in numbers)
            {
                product *= n;
            }

            return new FeelNumber(product);
        });
        registry.AddVariadic("median", ["list"], static (a, c) =>
        {
            if (Numbers(Args.ListOrValues(a), c) is not { Length: > 0 } numbers)
            {
                return FeelNull.Instance;
            }

            Array.Sort(numbers);
            var middle = numbers.Length / 2;
            return new FeelNumber(numbers.Length % 2 == 1 ? numbers[middle] : (numbers[middle - 1] + numbers[middle]) / 2);
        });
        registry.AddVariadic("stddev", ["list"], static (a, c) =>
        {
            // Sample standard deviation (n - 1), as the spec's examples use.
            if (Numbers(Args.ListOrValues(a), c) is not { Length: > 1 } numbers)
            {
                return FeelNull.Instance;
            }

            var mean = Sum(numbers) / numbers.Length;
            var squares = 0m;
            foreach (var n in numbers)
            {
                squares += (n - mean) * (n - mean);
            }

            return new FeelNumber(NumericFunctions.Sqrt(squares / (numbers.Length - 1)));
        });
        registry.AddVariadic("mode", ["list"], static (a, c) =>
        {
            if (Numbers(Args.ListOrValues(a), c) is not { } numbers)
            {
                return FeelNull.Instance;
            }

            var counts = new Dictionary<decimal, int>();
            foreach (var n in numbers)
            {
                counts[n] = counts.GetValueOrDefault(n) + 1;
            }

            var top = counts.Count == 0 ? 0 : counts.Values.Max();
            return new FeelList([.. counts.Where(p => p.Value == top).Select(p => p.Key).Order().Select(n => new FeelNumber(n))], owned: true);
        });
        registry.AddVariadic("all", ["list"], static (a, c) => Logical(Args.ListOrValues(a), every: true, c));
        registry.AddVariadic("any", ["list"], static (a, c) => Logical(Args.ListOrValues(a), every: false, c));
        registry.Add("sublist", ["list", "start position"], static (a, c) => Sublist(a[0], a[1], FeelNull.Instance, c));
        registry.Add("sublist", ["list", "start position", "length"], static (a, c) => Sublist(a[0], a[1], a[2], c));
        registry.AddVariadic("append", ["list", "item"], static (a, c) =>
            Args.List(a[0], "list", c, out var list) ? new FeelList([.. list, .. a.AsSpan(1)], owned: true) : FeelNull.Instance);
        registry.AddVariadic("concatenate", ["list"], static (a, c) =>
        {
            var result = new List<FeelValue>();
            foreach (var argument in a)
            {
                if (!Args.List(argument, "list", c, out var items))
                {
                    return FeelNull.Instance;
                }

                result.AddRange(items);
            }

            return new FeelList(result, owned: true);
        });
        registry.Add("insert before", ["list", "position", "newItem"], static (a, c) =>
        {
            if (!Args.List(a[0], "list", c, out var list) || !TryPosition(a[1], list.Count, c, out var index))
            {
                return FeelNull.Instance;
            }

            var result = new List<FeelValue>(list);
            result.Insert(index, a[2]);
            return new FeelList(result, owned: true);
        });
        registry.Add("list replace", ["list", "position", "newItem"], static (a, c) => Replace(a[0], a[1], a[2], c));
        registry.Add("list replace", ["list", "match", "newItem"], static (a, c) => Replace(a[0], a[1], a[2], c));
        registry.Add("remove", ["list", "position"], static (a, c) =>
        {
            if (!Args.List(a[0], "list", c, out var list) || !TryPosition(a[1], list.Count, c, out var index))
            {
                return FeelNull.Instance;
            }

            var result = new List<FeelValue>(list);
            result.RemoveAt(index);
            return new FeelList(result, owned: true);
        });
        registry.Add("reverse", ["list"], static (a, c) =>
            Args.List(a[0], "list", c, out var list) ? new FeelList([.. list.Reverse()], owned: true) : FeelNull.Instance);
        registry.Add("index of", ["list", "match"], static (a, c) =>
        {
            if (!Args.List(a[0], "list", c, out var list))
            {
                return FeelNull.Instance;
            }

            var positions = new List<FeelValue>();
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i].Equals(a[1]))
                {
                    positions.Add(FeelNumber.Of(i + 1));
                }
            }

            return new FeelList(positions, owned: true);
        });
        registry.AddVariadic("union", ["list"], static (a, c) =>
        {
            var result = new List<FeelValue>();
            foreach (var argument in a)
            {
                if (!Args.List(argument, "list", c, out var items))
                {
                    return FeelNull.Instance;
                }

                result.AddRange(items);
            }

            return Distinct(result);
        });
        registry.Add("distinct values", ["list"], static (a, c) => Args.List(a[0], "list", c, out var list) ? Distinct(list) : FeelNull.Instance);
        registry.Add("flatten", ["list"], static (a, c) =>
        {
            if (!Args.List(a[0], "list", c, out var list))
            {
                return FeelNull.Instance;
            }

            var result = new List<FeelValue>();
            Flatten(list, result);
            return new FeelList(result, owned: true);
        });
        registry.Add("sort", ["list"], static (a, c) => Sort(a[0], null, c));
        registry.Add("sort", ["list", "precedes"], static (a, c) =>
            Args.Function(a[1], "precedes", c, out var precedes) ? Sort(a[0], precedes, c) : FeelNull.Instance);
    }

    private static int IndexOf(IReadOnlyList<FeelValue> list, FeelValue value, int start)
    {
        for (var i = start; i < list.Count; i++)
        {
            if (list[i].Equals(value))
            {
                return i;
            }
        }

        return -1;
    }

    private static FeelValue Extreme(IReadOnlyList<FeelValue> items, int sign, EvaluationContext c)
    {
        if (items.Count == 0)
        {
            return FeelNull.Instance;
        }

        var best = items[0];
        for (var i = 1; i < items.Count; i++)
        {
            if (Comparison.Compare(items[i], best, c, c.CallPosition) is not { } order)
            {
                return FeelNull.Instance;
            }

            if (order * sign > 0)
            {
                best = items[i];
            }
        }

        return best;
    }

    /// <summary>The items as decimals, or null (with a diagnostic) if any is not a number.</summary>
    private static decimal[]? Numbers(IReadOnlyList<FeelValue> items, EvaluationContext c)
    {
        var numbers = new decimal[items.Count];
        for (var i = 0; i < numbers.Length; i++)
        {
            if (items[i] is not FeelNumber n)
            {
                c.ArgumentError($"item {i + 1} must be a number but was {items[i].TypeName}");
                return null;
            }

            numbers[i] = n.Value;
        }

        return numbers;
    }

    private static decimal Sum(decimal[] numbers)
    {
        var sum = 0m;
        foreach (var n in numbers)
        {
            sum += n;
        }

        return sum;
    }

    private static FeelValue Logical(IReadOnlyList<FeelValue> items, bool every, EvaluationContext c)
    {
        var undecided = false;
        foreach (var item in items)
        {
            if (item is FeelBoolean b)
            {
                if (b.Value != every)
                {
                    return b;
                }
            }
            else
            {
                undecided = true;
            }
        }

        if (undecided)
        {
            c.ArgumentError("the list contains values that are not booleans");
            return FeelNull.Instance;
        }

        return FeelBoolean.Of(every);
    }

    private static FeelValue Sublist(FeelValue list, FeelValue start, FeelValue length, EvaluationContext c)
    {
        if (!Args.List(list, "list", c, out var items) || !Args.Integer(start, "start position", c, out var from))
        {
            return FeelNull.Instance;
        }

        var count = int.MaxValue;
        if (length is not FeelNull && !Args.Integer(length, "length", c, out count))
        {
            return FeelNull.Instance;
        }

        var index = from > 0 ? from - 1 : items.Count + from;
        if (from == 0 || index < 0 || index >= items.Count || count < 0)
        {
            return c.ArgumentError($"start position {from} is outside a list of {items.Count} item(s)");
        }

        var take = Math.Min(count, items.Count - index);
        var result = new FeelValue[take];
        for (var i = 0; i < take; i++)
        {
            result[i] = items[index + i];
        }

        return new FeelList(result, owned: true);
    }

    /// <summary>list replace(list, position or match, newItem) (FEEL 1.5): a position as in sublist, or a function(item, newItem) choosing the items.</summary>
    private static FeelValue Replace(FeelValue listValue, FeelValue selector, FeelValue newItem, EvaluationContext c)
    {
        if (!Args.List(listValue, "list", c, out var list))
        {
            return FeelNull.Instance;
        }

        var result = new List<FeelValue>(list);
        if (selector is FeelFunction match)
        {
            if (match.ParameterNames.Count != 2)
            {
                return c.ArgumentError("'match' must be a function of two parameters (item, newItem)");
            }

            for (var i = 0; i < result.Count; i++)
            {
                switch (match.Implementation.Invoke([result[i], newItem], c, c.CallPosition))
                {
                    case FeelBoolean { Value: true }:
                        result[i] = newItem;
                        break;
                    case FeelBoolean:
                        break;
                    default:
                        return c.ArgumentError("'match' must return true or false");
                }
            }

            return new FeelList(result, owned: true);
        }

        // A fractional position counts by its integer part, as the TCK expects (2.5 is 2).
        if (selector is FeelNumber number && Math.Abs(number.Value) < int.MaxValue)
        {
            selector = FeelNumber.Of((int)decimal.Truncate(number.Value));
        }

        if (!TryPosition(selector, result.Count, c, out var index))
        {
            return FeelNull.Instance;
        }

        result[index] = newItem;
        return new FeelList(result, owned: true);
    }

    private static bool TryPosition(FeelValue position, int count, EvaluationContext c, out int index)
    {
        index = 0;
        if (!Args.Integer(position, "position", c, out var p))
        {
            return false;
        }

        index = p > 0 ? p - 1 : count + p;
        if (p == 0 || index < 0 || index >= count)
        {
            c.ArgumentError($"position {p} is outside a list of {count} item(s)");
            return false;
        }

        return true;
    }

    private static FeelList Distinct(IEnumerable<FeelValue> items)
    {
        var seen = new HashSet<FeelValue>();
        var result = new List<FeelValue>();
        foreach (var item in items)
        {
            if (seen.Add(item))
            {
                result.Add(item);
            }
        }

        return new FeelList(result, owned: true);
    }

    private static void Flatten(IReadOnlyList<FeelValue> items, List<FeelValue> result)
    {
        foreach (var item in items)
        {
            if (item is FeelList nested)
            {
                Flatten(nested.Items, result);
            }
            else
            {
                result.Add(item);
            }
        }
    }

    private static FeelValue Sort(FeelValue list, FeelFunction? precedes, EvaluationContext c)
    {
        if (!Args.List(list, "list", c, out var items))
        {
            return FeelNull.Instance;
        }

        var failed = false;
        var position = c.CallPosition;
        int Compare(FeelValue x, FeelValue y)
        {
            if (failed)
            {
                return 0;
            }

            if (precedes is null)
            {
                var order = Comparison.Compare(x, y, c, position);
                failed |= order is null;
                return order ?? 0;
            }

            if (precedes.Implementation.Invoke([x, y], c, position) == FeelBoolean.True)
            {
                return -1;
            }

            return precedes.Implementation.Invoke([y, x], c, position) == FeelBoolean.True ? 1 : 0;
        }

        // OrderBy is a stable sort, and tolerates a 'precedes' that is not a perfect total order.
        var sorted = items.OrderBy(static x => x, Comparer<FeelValue>.Create(Compare)).ToArray();
        return failed ? FeelNull.Instance : new FeelList(sorted, owned: true);
    }
}
