using System.Globalization;
using System.Text;

namespace Vupe.Feel;

/// <summary>Text forms of values: what string(x) returns, and FEEL literal syntax for messages and ToString.</summary>
internal static class ValueFormatter
{
    /// <summary>The result of the FEEL string() conversion (strings unquoted, temporals in ISO form).</summary>
    public static string ToFeelString(FeelValue value) => value switch
    {
        FeelString s => s.Value,
        FeelDate or FeelTime or FeelDateTime or FeelDaysTimeDuration or FeelYearsMonthsDuration => TemporalText.Format(value),
        _ => ToLiteral(value),
    };

    public static string ToLiteral(FeelValue value)
    {
        var builder = new StringBuilder();
        Append(builder, value);
        return builder.ToString();
    }

    public static string FormatNumber(decimal value) =>
        Normalize(value).ToString(CultureInfo.InvariantCulture);

    /// <summary>Drops trailing zeros of the scale: 1.50 becomes 1.5, 2.0 becomes 2.</summary>
    public static decimal Normalize(decimal value) => value / 1.0000000000000000000000000000m;

    private static void Append(StringBuilder builder, FeelValue value)
    {
        switch (value)
        {
            case FeelNull:
                builder.Append("null");
                break;
            case FeelBoolean b:
                builder.Append(b.Value ? "true" : "false");
                break;
            case FeelNumber n:
                builder.Append(FormatNumber(n.Value));
                break;
            case FeelString s:
                AppendQuoted(builder, s.Value);
                break;
            case FeelDate or FeelTime or FeelDateTime or FeelDaysTimeDuration or FeelYearsMonthsDuration:
                builder.Append("@\"").Append(TemporalText.Format(value)).Append('"');
                break;
            case FeelList list:
                builder.Append('[');
                for (var i = 0; i < list.Items.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(", ");
                    }

                    Append(builder, list.Items[i]);
                }

                builder.Append(']');
                break;
            case FeelContext context:
                builder.Append('{');
                for (var i = 0; i < context.Entries.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(", ");
                    }

                    var key = context.Entries[i].Key;
                    if (IsPlainName(key))
                    {
                        builder.Append(key);
                    }
                    else
                    {
                        AppendQuoted(builder, key);
                    }

                    builder.Append(": ");
                    Append(builder, context.Entries[i].Value);
                }

                builder.Append('}');
                break;
            case FeelRange range:
                if (range.Start is null)
                {
                    builder.Append(range.EndIncluded ? "<= " : "< ");
                    Append(builder, range.End ?? FeelNull.Instance);
                    break;
                }

                if (range.End is null)
                {
                    builder.Append(range.StartIncluded ? ">= " : "> ");
                    Append(builder, range.Start);
                    break;
                }

                builder.Append(range.StartIncluded ? '[' : '(');
                Append(builder, range.Start);
                builder.Append("..");
                Append(builder, range.End);
                builder.Append(range.EndIncluded ? ']' : ')');
                break;
            case FeelFunction function:
                builder.Append(function.Name ?? "function").Append('(').AppendJoin(", ", function.ParameterNames).Append(')');
                break;
        }
    }

    private static bool IsPlainName(string key)
    {
        if (key.Length == 0 || !(char.IsLetter(key[0]) || key[0] == '_'))
        {
            return false;
        }

        foreach (var c in key)
        {
            if (!char.IsLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    private static void AppendQuoted(StringBuilder builder, string text)
    {
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default: builder.Append(c); break;
            }
        }

        builder.Append('"');
    }
}
