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
        registry.Add("context put", ["context", "key", "value"], static (a, c) =>
            Args.Context(a[0], "context", c, out var context) && Args.String(a[1], "key", c, out var key)
                ? context.With(key, a[2])
                : FeelNull.Instance);
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
}
