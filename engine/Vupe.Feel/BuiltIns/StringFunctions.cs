using System.Text;
using System.Text.RegularExpressions;
using Vupe.Feel.Evaluation;

namespace Vupe.Feel.BuiltIns;

/// <summary>String built-ins. Positions and lengths count Unicode code points, not UTF-16 units.</summary>
internal static class StringFunctions
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    public static void Register(BuiltInRegistry registry)
    {
        registry.Add("substring", ["string", "start position"], static (a, c) => Substring(a[0], a[1], FeelNull.Instance, hasLength: false, c));
        registry.Add("substring", ["string", "start position", "length"], static (a, c) => Substring(a[0], a[1], a[2], hasLength: true, c));
        registry.Add("string length", ["string"], static (a, c) =>
            Args.String(a[0], "string", c, out var s) ? FeelNumber.Of(CodePoints(s).Length) : FeelNull.Instance);
        registry.Add("upper case", ["string"], static (a, c) =>
            Args.String(a[0], "string", c, out var s) ? new FeelString(s.ToUpperInvariant()) : FeelNull.Instance);
        registry.Add("lower case", ["string"], static (a, c) =>
            Args.String(a[0], "string", c, out var s) ? new FeelString(s.ToLowerInvariant()) : FeelNull.Instance);
        registry.Add("substring before", ["string", "match"], static (a, c) =>
        {
            if (!Args.String(a[0], "string", c, out var s) || !Args.String(a[1], "match", c, out var m))
            {
                return FeelNull.Instance;
            }

            var i = s.IndexOf(m, StringComparison.Ordinal);
            return i < 0 ? FeelString.Empty : new FeelString(s[..i]);
        });
        registry.Add("substring after", ["string", "match"], static (a, c) =>
        {
            if (!Args.String(a[0], "string", c, out var s) || !Args.String(a[1], "match", c, out var m))
            {
                return FeelNull.Instance;
            }

            var i = s.IndexOf(m, StringComparison.Ordinal);
            return i < 0 ? FeelString.Empty : new FeelString(s[(i + m.Length)..]);
        });
        registry.Add("contains", ["string", "match"], static (a, c) => StringTest(a, c, static (s, m) => s.Contains(m, StringComparison.Ordinal)));
        registry.Add("starts with", ["string", "match"], static (a, c) => StringTest(a, c, static (s, m) => s.StartsWith(m, StringComparison.Ordinal)));
        registry.Add("ends with", ["string", "match"], static (a, c) => StringTest(a, c, static (s, m) => s.EndsWith(m, StringComparison.Ordinal)));
        registry.Add("matches", ["input", "pattern"], static (a, c) => Matches(a[0], a[1], FeelNull.Instance, c));
        registry.Add("matches", ["input", "pattern", "flags"], static (a, c) => Matches(a[0], a[1], a[2], c));
        registry.Add("replace", ["input", "pattern", "replacement"], static (a, c) => Replace(a[0], a[1], a[2], FeelNull.Instance, c));
        registry.Add("replace", ["input", "pattern", "replacement", "flags"], static (a, c) => Replace(a[0], a[1], a[2], a[3], c));
        registry.Add("split", ["string", "delimiter"], static (a, c) =>
        {
            if (!Args.String(a[0], "string", c, out var s) || !Args.String(a[1], "delimiter", c, out var d))
            {
                return FeelNull.Instance;
            }

            var parts = Regex.Split(s, d, RegexOptions.CultureInvariant, RegexTimeout);
            return new FeelList([.. parts.Select(p => new FeelString(p))], owned: true);
        });
        registry.Add("string join", ["list"], static (a, c) => Join(a[0], string.Empty, c));
        registry.Add("string join", ["list", "delimiter"], static (a, c) =>
            a[1] is FeelNull ? Join(a[0], string.Empty, c)
            : Args.String(a[1], "delimiter", c, out var d) ? Join(a[0], d, c) : FeelNull.Instance);
    }

    private static FeelValue Substring(FeelValue text, FeelValue start, FeelValue length, bool hasLength, EvaluationContext c)
    {
        if (!Args.String(text, "string", c, out var s) || !Args.Integer(start, "start position", c, out var from))
        {
            return FeelNull.Instance;
        }

        var count = int.MaxValue;
        if (hasLength && !Args.Integer(length, "length", c, out count))
        {
            return FeelNull.Instance;
        }

        var points = CodePoints(s);
        var index = from > 0 ? from - 1 : points.Length + from;
        if (from == 0 || index < 0 || index > points.Length || count < 0)
        {
            return c.ArgumentError($"start position {from} is outside a string of length {points.Length}");
        }

        var take = Math.Min(count, points.Length - index);
        var builder = new StringBuilder();
        for (var i = index; i < index + take; i++)
        {
            builder.Append(points[i].ToString());
        }

        return new FeelString(builder.ToString());
    }

    private static Rune[] CodePoints(string s) => [.. s.EnumerateRunes()];

    private static FeelValue StringTest(FeelValue[] a, EvaluationContext c, Func<string, string, bool> test) =>
        Args.String(a[0], "string", c, out var s) && Args.String(a[1], "match", c, out var m)
            ? FeelBoolean.Of(test(s, m))
            : FeelNull.Instance;

    private static FeelValue Matches(FeelValue input, FeelValue pattern, FeelValue flags, EvaluationContext c)
    {
        if (!Args.String(input, "input", c, out var s) || !Args.String(pattern, "pattern", c, out var p)
            || !TryOptions(flags, c, ref p, out var options))
        {
            return FeelNull.Instance;
        }

        return FeelBoolean.Of(Regex.IsMatch(s, p, options, RegexTimeout));
    }

    private static FeelValue Replace(FeelValue input, FeelValue pattern, FeelValue replacement, FeelValue flags, EvaluationContext c)
    {
        if (!Args.String(input, "input", c, out var s) || !Args.String(pattern, "pattern", c, out var p)
            || !Args.String(replacement, "replacement", c, out var r) || !TryOptions(flags, c, ref p, out var options))
        {
            return FeelNull.Instance;
        }

        // XPath escapes '$' and '\' with a backslash; .NET writes a literal '$' as "$$".
        var netReplacement = r.Replace("\\\\", "\u0001", StringComparison.Ordinal)
            .Replace("\\$", "$$", StringComparison.Ordinal)
            .Replace("\u0001", "\\", StringComparison.Ordinal);
        return new FeelString(Regex.Replace(s, p, netReplacement, options, RegexTimeout));
    }

    private static bool TryOptions(FeelValue flags, EvaluationContext c, ref string pattern, out RegexOptions options)
    {
        options = RegexOptions.CultureInvariant;
        if (flags is FeelNull)
        {
            return true;
        }

        if (!Args.String(flags, "flags", c, out var f))
        {
            return false;
        }

        foreach (var flag in f)
        {
            switch (flag)
            {
                case 'i': options |= RegexOptions.IgnoreCase; break;
                case 'm': options |= RegexOptions.Multiline; break;
                case 's': options |= RegexOptions.Singleline; break;
                case 'x': options |= RegexOptions.IgnorePatternWhitespace; break;
                case 'q': pattern = Regex.Escape(pattern); break;
                default:
                    c.ArgumentError($"unknown regular expression flag '{flag}' (allowed: s, m, i, x, q)");
                    return false;
            }
        }

        return true;
    }

    private static FeelValue Join(FeelValue list, string delimiter, EvaluationContext c)
    {
        if (!Args.List(list, "list", c, out var items))
        {
            return FeelNull.Instance;
        }

        var parts = new List<string>(items.Count);
        foreach (var item in items)
        {
            switch (item)
            {
                case FeelNull:
                    continue;
                case FeelString s:
                    parts.Add(s.Value);
                    break;
                default:
                    return c.ArgumentError($"'list' must contain only strings but contains {item.TypeName}");
            }
        }

        return new FeelString(string.Join(delimiter, parts));
    }
}
