namespace Vupe.Server.JobBank;

/// <summary>
/// A user's search words as an FTS5 MATCH expression: every word must appear (as a prefix), quoted so no word is
/// read as FTS5 syntax ("OR", "NEAR", a lone quote). Accents and case are the tokenizer's business.
/// </summary>
internal static class FullTextQuery
{
    public static string? From(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var words = text.Split((char[])[' ', '\t', '\n', '\r', ',', ';', '.', '/', '-', '(', ')'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string([.. w.Where(c => char.IsLetterOrDigit(c))]))
            .Where(w => w.Length > 0).Take(10).ToList();
        return words.Count == 0 ? null : string.Join(' ', words.Select(w => $"\"{w}\"*"));
    }
}
