using Vupe.Feel.Evaluation;
using Vupe.Feel.Syntax;

namespace Vupe.Feel.Ast.UnaryTests;

/// <summary>
/// The "is it true?" answer of constant unary tests (string and number literals, lists of them, numeric ranges,
/// comparisons with a number or string, boolean literals), decided without building FEEL booleans or walking
/// <see cref="Comparison"/>'s type switches: equality with string literals is one hash-set (or short array) lookup.
/// Built at parse time only when every test has a typed form below; each form gives exactly what the generic
/// path (<see cref="UnaryTest.AnyMatches"/> == true) gives for any input that is not a list, including the
/// cross-type cases (a string against a number is null, so not true; <c>!= 5</c> holds for null; a boolean
/// literal used as a test answers for a non-boolean input). List inputs go to the generic path.
/// </summary>
internal sealed class ConstantMatcher
{
    private readonly string[] strings;
    private readonly HashSet<string>? stringSet;
    private readonly Check[] checks;

    private ConstantMatcher(List<string> strings, List<Check> checks)
    {
        this.strings = [.. strings];
        stringSet = strings.Count > 4 ? new HashSet<string>(strings, StringComparer.Ordinal) : null;
        this.checks = [.. checks];
    }

    /// <summary>The matcher for these folded tests, or null when one of them has no typed form.</summary>
    public static ConstantMatcher? TryCreate(IReadOnlyList<UnaryTest> folded)
    {
        var strings = new List<string>();
        var checks = new List<Check>();
        foreach (var test in folded)
        {
            var ok = test switch
            {
                ConstantExpressionTest expression => AddExpressionValue(expression.Value, strings, checks),
                ConstantComparisonTest comparison => AddComparison(comparison.Operation, comparison.Endpoint, checks),
                _ => false, // "-" never gets here (matches everything); not(...) and tests reading names stay generic
            };
            if (!ok)
            {
                return null;
            }
        }

        return new ConstantMatcher(strings, checks);
    }

    /// <summary>True when some test is true for <paramref name="input"/>, which must not be a list.</summary>
    public bool Matches(FeelValue input)
    {
        if (input is FeelString s && strings.Length > 0)
        {
            if (stringSet is not null)
            {
                if (stringSet.Contains(s.Value))
                {
                    return true;
                }
            }
            else
            {
                foreach (var candidate in strings)
                {
                    if (string.Equals(candidate, s.Value, StringComparison.Ordinal))
                    {
                        return true;
                    }
                }
            }
        }

        foreach (var check in checks)
        {
            if (check.IsTrue(input))
            {
                return true;
            }
        }

        return false;
    }

    // An expression test's constant value: equality, membership (a list) or containment (a range); a boolean
    // literal is the answer itself for an input that is neither boolean nor null (ExpressionTest.Apply).
    private static bool AddExpressionValue(FeelValue value, List<string> strings, List<Check> checks)
    {
        if (value is FeelBoolean b)
        {
            checks.Add(new BooleanAnswer(b.Value));
            return true;
        }

        return AddMatchValue(value, strings, checks);
    }

    // Comparison.Matches(input, value) for a non-list input: range containment, list membership, else equality.
    private static bool AddMatchValue(FeelValue value, List<string> strings, List<Check> checks)
    {
        switch (value)
        {
            case FeelString s:
                strings.Add(s.Value);
                return true;
            case FeelNumber n:
                checks.Add(new NumberOrdering(TokenKind.Equal, n.Value));
                return true;
            case FeelBoolean b:
                checks.Add(new BooleanEquality(b.Value));
                return true;
            case FeelNull:
                checks.Add(IsNull.Instance);
                return true;
            case FeelRange range when NumberRange.TryCreate(range) is { } numeric:
                checks.Add(numeric);
                return true;
            case FeelList list:
                foreach (var item in list.Items)
                {
                    if (!AddMatchValue(item, strings, checks))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    private static bool AddComparison(TokenKind operation, FeelValue endpoint, List<Check> checks)
    {
        switch (endpoint)
        {
            case FeelNumber n:
                checks.Add(new NumberOrdering(operation, n.Value));
                return true;
            case FeelString s:
                checks.Add(new StringOrdering(operation, s.Value));
                return true;
            default:
                return false;
        }
    }

    private abstract class Check
    {
        public abstract bool IsTrue(FeelValue input);
    }

    // Comparison.Equal(null, x) is false, so "!= x" is true for null; other kinds are not comparable (null).
    private static bool OtherKind(TokenKind operation, FeelValue input) => operation == TokenKind.NotEqual && input is FeelNull;

    private static bool Holds(TokenKind operation, int comparison) => operation switch
    {
        TokenKind.Less => comparison < 0,
        TokenKind.LessEqual => comparison <= 0,
        TokenKind.Greater => comparison > 0,
        TokenKind.GreaterEqual => comparison >= 0,
        TokenKind.NotEqual => comparison != 0,
        _ => comparison == 0,
    };

    private sealed class NumberOrdering(TokenKind operation, decimal endpoint) : Check
    {
        public override bool IsTrue(FeelValue input) =>
            input is FeelNumber n ? Holds(operation, n.Value.CompareTo(endpoint)) : OtherKind(operation, input);
    }

    private sealed class StringOrdering(TokenKind operation, string endpoint) : Check
    {
        public override bool IsTrue(FeelValue input) =>
            input is FeelString s ? Holds(operation, string.CompareOrdinal(s.Value, endpoint)) : OtherKind(operation, input);
    }

    private sealed class BooleanAnswer(bool value) : Check
    {
        public override bool IsTrue(FeelValue input) => input switch
        {
            FeelBoolean b => b.Value == value,
            FeelNull => false,
            _ => value,
        };
    }

    private sealed class BooleanEquality(bool value) : Check
    {
        public override bool IsTrue(FeelValue input) => input is FeelBoolean b && b.Value == value;
    }

    private sealed class IsNull : Check
    {
        public static readonly IsNull Instance = new();

        public override bool IsTrue(FeelValue input) => input is FeelNull;
    }

    /// <summary>A range whose endpoints are numbers (or open): only a number can be inside.</summary>
    private sealed class NumberRange : Check
    {
        private readonly decimal? start;
        private readonly decimal? end;
        private readonly bool startIncluded;
        private readonly bool endIncluded;

        private NumberRange(decimal? start, bool startIncluded, decimal? end, bool endIncluded)
        {
            this.start = start;
            this.startIncluded = startIncluded;
            this.end = end;
            this.endIncluded = endIncluded;
        }

        public static NumberRange? TryCreate(FeelRange range)
        {
            // Both ends open would contain anything (no comparison made): leave that to the generic path.
            if ((range.Start is null && range.End is null)
                || (range.Start is not null and not FeelNumber)
                || (range.End is not null and not FeelNumber))
            {
                return null;
            }

            return new NumberRange((range.Start as FeelNumber)?.Value, range.StartIncluded, (range.End as FeelNumber)?.Value, range.EndIncluded);
        }

        public override bool IsTrue(FeelValue input)
        {
            if (input is not FeelNumber n)
            {
                return false;
            }

            var value = n.Value;
            if (start is { } s && (startIncluded ? value < s : value <= s))
            {
                return false;
            }

            return end is not { } e || (endIncluded ? value <= e : value < e);
        }
    }
}
