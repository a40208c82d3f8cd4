namespace Vupe.Feel.Syntax;

/// <summary>
/// Recognises names that contain spaces or operator characters ("date and time", "Applicant Age",
/// "Pre-Approval Score") at a position in the source, preferring the longest match.
/// </summary>
internal sealed class NameMatcher
{
    private readonly Dictionary<string, List<string>> byFirstWord = new(StringComparer.Ordinal);

    public NameMatcher(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            Add(name);
        }
    }

    public static NameMatcher BuiltIn { get; } = new(Lexicon.MultiWordNames);

    public NameMatcher With(IEnumerable<string> names)
    {
        var copy = new NameMatcher([]);
        foreach (var pair in byFirstWord)
        {
            copy.byFirstWord[pair.Key] = [.. pair.Value];
        }

        foreach (var name in names)
        {
            copy.Add(name);
        }

        return copy;
    }

    /// <summary>Returns the end offset of the longest known name starting at <paramref name="start"/>, or -1.</summary>
    public int Match(string source, int start, string firstWord, out string name)
    {
        name = string.Empty;
        if (!byFirstWord.TryGetValue(firstWord, out var candidates))
        {
            return -1;
        }

        foreach (var candidate in candidates)
        {
            var end = TryMatch(source, start, candidate);
            if (end >= 0)
            {
                name = candidate;
                return end;
            }
        }

        return -1;
    }

    private static int TryMatch(string source, int start, string candidate)
    {
        var i = 0;
        var j = start;
        while (i < candidate.Length)
        {
            if (char.IsWhiteSpace(candidate[i]))
            {
                if (j >= source.Length || !char.IsWhiteSpace(source[j]))
                {
                    return -1;
                }

                while (i < candidate.Length && char.IsWhiteSpace(candidate[i]))
                {
                    i++;
                }

                while (j < source.Length && char.IsWhiteSpace(source[j]))
                {
                    j++;
                }

                continue;
            }

            if (j >= source.Length || source[j] != candidate[i])
            {
                return -1;
            }

            i++;
            j++;
        }

        var endsInWord = Lexer.IsNamePart(candidate[^1]);
        return endsInWord && j < source.Length && Lexer.IsNamePart(source[j]) ? -1 : j;
    }

    private void Add(string name)
    {
        var trimmed = name.Trim();
        if (trimmed.Length == 0 || !Lexer.IsNameStart(trimmed[0]))
        {
            return;
        }

        var wordEnd = 1;
        while (wordEnd < trimmed.Length && Lexer.IsNamePart(trimmed[wordEnd]))
        {
            wordEnd++;
        }

        // Plain one-word names are lexed as names anyway.
        if (wordEnd == trimmed.Length)
        {
            return;
        }

        var first = trimmed[..wordEnd];
        if (!byFirstWord.TryGetValue(first, out var list))
        {
            list = [];
            byFirstWord[first] = list;
        }

        if (!list.Contains(trimmed, StringComparer.Ordinal))
        {
            list.Add(trimmed);
            list.Sort(static (a, b) => b.Length.CompareTo(a.Length));
        }
    }
}
