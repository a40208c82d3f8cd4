namespace Vupe.Feel.Ast;

/// <summary>A type after 'instance of': a base type name, or list&lt;T&gt;, range&lt;T&gt;, context&lt;k: T&gt;.</summary>
internal sealed class TypeReference(string name, IReadOnlyList<TypeReference> arguments, IReadOnlyList<KeyValuePair<string, TypeReference>> fields)
{
    public string Name { get; } = name;

    public bool IsInstance(FeelValue value)
    {
        switch (Name)
        {
            case "Any":
                return value is not FeelNull;
            case "Null":
                return value is FeelNull;
            case "list":
                if (value is not FeelList list)
                {
                    return false;
                }

                if (arguments.Count == 1)
                {
                    foreach (var item in list.Items)
                    {
                        if (!arguments[0].IsInstance(item))
                        {
                            return false;
                        }
                    }
                }

                return true;
            case "range":
                return value is FeelRange range && (arguments.Count == 0
                    || ((range.Start is null || arguments[0].IsInstance(range.Start)) && (range.End is null || arguments[0].IsInstance(range.End))));
            case "function":
                return value is FeelFunction;
            case "context":
                if (value is not FeelContext context)
                {
                    return false;
                }

                foreach (var field in fields)
                {
                    // A null entry conforms to any field type (null conforms to every type, FEEL 1.5 10.3.2.9.1).
                    if (!context.TryGet(field.Key, out var fieldValue) || (fieldValue is not FeelNull && !field.Value.IsInstance(fieldValue)))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return string.Equals(value.TypeName, Name, StringComparison.Ordinal) && value is not FeelNull;
        }
    }
}
