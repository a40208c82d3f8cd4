using Vupe.Feel.Evaluation;

namespace Vupe.Feel.BuiltIns;

internal static class ContextFunctions
{
    public static void Register(BuiltInRegistry registry)
    {
        registry.Add("get value", ["m", "key"], static (a, c) =>
            Args.Context(a[0], "m", c, out var m) && Args.String(a[1], "key", c, out var key)
                ? (m.TryGet(key, out var value) ? value : FeelNull.Instance)
                : FeelNull.Instance);
        registry.Add("get entries", ["m"], static (a, c) =>
        {
            if (!Args.Context(a[0], "m", c, out var m))
            {
                return FeelNull.Instance;
            }

            var entries = new FeelValue[m.Count];
            for (var i = 0; i < entries.Length; i++)
            {
                var entry = m.Entries[i];
                entries[i] = new FeelContext([new("key", new FeelString(entry.Key)), new("value", entry.Value)], owned: true);
            }

            return new FeelList(entries, owned: true);
        });
        // "keys" first: a positional call takes the first form, and it accepts one key as well as a path.
        registry.Add("context put", ["context", "keys", "value"], static (a, c) => Put(a[0], a[1], a[2], "keys", c));
        registry.Add("context put", ["context", "key", "value"], static (a, c) => Put(a[0], a[1], a[2], "key", c));
        registry.Add("context", ["entries"], static (a, c) =>
        {
            if (!Args.List(a[0], "entries", c, out var entries))
            {
                return FeelNull.Instance;
            }

            var result = new List<KeyValuePair<string, FeelValue>>(entries.Count);
            var keys = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                if (entry is not FeelContext pair || !pair.TryGet("key", out var key) || key is not FeelString name || !pair.TryGet("value", out var value))
                {
                    return c.ArgumentError("each entry must be a context with a string 'key' and a 'value'");
                }

                if (!keys.Add(name.Value))
                {
                    return c.ArgumentError($"the key '{name.Value}' is given twice");
                }

                result.Add(new(name.Value, value));
            }

            return new FeelContext(result, owned: true);
        });
        registry.Add("context merge", ["contexts"], static (a, c) =>
        {
            if (!Args.List(a[0], "contexts", c, out var contexts))
            {
                return FeelNull.Instance;
            }

            var merged = new List<KeyValuePair<string, FeelValue>>();
            foreach (var item in contexts)
            {
                if (!Args.Context(item, "contexts", c, out var context))
                {
                    return FeelNull.Instance;
                }

                merged.AddRange(context.Entries);
            }

            return new FeelContext(merged);
        });
    }

    /// <summary>context put with one key, or with a list of keys naming a path into nested contexts (FEEL 1.5).</summary>
    private static FeelValue Put(FeelValue target, FeelValue keys, FeelValue value, string parameter, EvaluationContext c)
    {
        if (!Args.Context(target, "context", c, out var context))
        {
            return FeelNull.Instance;
        }

        if (keys is FeelString key)
        {
            return context.With(key.Value, value);
        }

        if (parameter == "key")
        {
            Args.Fail(keys, parameter, "a string", c);
            return FeelNull.Instance;
        }

        if (keys is not FeelList { Count: > 0 } path || path.Items.Any(k => k is not FeelString))
        {
            Args.Fail(keys, parameter, "a string or a non-empty list of strings", c);
            return FeelNull.Instance;
        }

        var first = ((FeelString)path.Items[0]).Value;
        if (path.Count == 1)
        {
            return context.With(first, value);
        }

        if (!context.TryGet(first, out var inner) || inner is not FeelContext)
        {
            return c.ArgumentError($"'{first}' is not a context inside the context");
        }

        var rest = Put(inner, new FeelList(path.Items.Skip(1).ToList()), value, parameter, c);
        return rest is FeelNull ? rest : context.With(first, rest);
    }
}
