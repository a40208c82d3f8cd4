using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Vupe.JobBank.Matching;

/// <summary>
/// Skills and certifications as small integers, so comparing a seeker with 50,000 vacancies compares sorted int
/// arrays, not strings. Terms are folded first ("Atención al Cliente" = "atencion al cliente").
/// </summary>
internal sealed class TermDictionary
{
    private readonly ConcurrentDictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, string> _terms = new();
    private int _next;

    /// <summary>The sorted, distinct ids of the terms, adding unknown ones.</summary>
    public int[] Intern(IReadOnlyList<string> terms)
    {
        if (terms.Count == 0) return [];
        var ids = new SortedSet<int>();
        foreach (var term in terms)
        {
            var folded = Fold(term);
            if (folded.Length == 0) continue;
            ids.Add(_ids.GetOrAdd(folded, _ =>
            {
                var id = Interlocked.Increment(ref _next);
                _terms[id] = term.Trim();
                return id;
            }));
        }
        return [.. ids];
    }

    /// <summary>The term as first written (with its accents), for explanations.</summary>
    public string Text(int id) => _terms.GetValueOrDefault(id, "");

    /// <summary>Lower case, no accents, single spaces.</summary>
    public static string Fold(string text)
    {
        var decomposed = text.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }
            if (space) builder.Append(' ');
            space = false;
            builder.Append(c);
        }
        return builder.ToString();
    }
}
