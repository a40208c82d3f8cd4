using System.Text.Json;
using System.Text.Json.Serialization;
using Vupe.Feel;

namespace Vupe.Engine.Persistence;

/// <summary>
/// Stores FEEL values as plain JSON where JSON has the type (null, boolean, number, string, list,
/// context) and as {"$feel": type, "value": iso-text} for dates, times and durations, so the
/// history stays readable and nothing loses its type on the way through the database.
/// </summary>
public sealed class FeelValueJsonConverter : JsonConverter<FeelValue>
{
    private const string TypeKey = "$feel";
    private static readonly FeelExpression ToText = Feel.Feel.Parse("string(v)");
    private static readonly Dictionary<string, FeelExpression> FromText = new(StringComparer.Ordinal)
    {
        ["date"] = Feel.Feel.Parse("date(v)"),
        ["time"] = Feel.Feel.Parse("time(v)"),
        ["date and time"] = Feel.Feel.Parse("date and time(v)"),
        ["days and time duration"] = Feel.Feel.Parse("duration(v)"),
        ["years and months duration"] = Feel.Feel.Parse("duration(v)"),
    };

    public override bool HandleNull => true;

    public override FeelValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadValue(ref reader);

    private static FeelValue ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null: return FeelNull.Instance;
            case JsonTokenType.True: return FeelBoolean.True;
            case JsonTokenType.False: return FeelBoolean.False;
            case JsonTokenType.Number: return FeelValue.FromObject(reader.GetDecimal());
            case JsonTokenType.String: return FeelValue.FromObject(reader.GetString());
            case JsonTokenType.StartArray:
                var items = new List<FeelValue>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) items.Add(ReadValue(ref reader));
                return FeelValue.FromObject(items);
            case JsonTokenType.StartObject:
                var entries = new List<KeyValuePair<string, FeelValue>>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var key = reader.GetString()!;
                    reader.Read();
                    entries.Add(new(key, ReadValue(ref reader)));
                }
                if (entries.Count == 2 && entries[0].Key == TypeKey && entries[1].Key == "value"
                    && entries[0].Value is FeelString type && FromText.TryGetValue(type.Value, out var parse))
                    return parse.Evaluate(new FeelScope(new Dictionary<string, FeelValue> { ["v"] = entries[1].Value }));
                var context = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (k, v) in entries) context[k] = v;
                return FeelValue.FromObject(context);
            default: throw new JsonException($"Unexpected JSON token {reader.TokenType} in a variable value.");
        }
    }

    public override void Write(Utf8JsonWriter writer, FeelValue value, JsonSerializerOptions options)
    {
        switch (value)
        {
            case null or FeelNull: writer.WriteNullValue(); break;
            case FeelBoolean b: writer.WriteBooleanValue(b.Value); break;
            case FeelNumber n: writer.WriteNumberValue(n.Value); break;
            case FeelString s: writer.WriteStringValue(s.Value); break;
            case FeelList list:
                writer.WriteStartArray();
                foreach (var item in list.Items) Write(writer, item, options);
                writer.WriteEndArray();
                break;
            case FeelContext context:
                writer.WriteStartObject();
                foreach (var (k, v) in context.Entries)
                {
                    writer.WritePropertyName(k);
                    Write(writer, v, options);
                }
                writer.WriteEndObject();
                break;
            case FeelDate or FeelTime or FeelDateTime or FeelDaysTimeDuration or FeelYearsMonthsDuration:
                writer.WriteStartObject();
                writer.WriteString(TypeKey, value.TypeName);
                writer.WriteString("value", ((FeelString)ToText.Evaluate(new FeelScope(new Dictionary<string, FeelValue> { ["v"] = value }))).Value);
                writer.WriteEndObject();
                break;
            default:
                throw new JsonException($"A FEEL {value.TypeName} cannot be stored in a variable.");
        }
    }
}
