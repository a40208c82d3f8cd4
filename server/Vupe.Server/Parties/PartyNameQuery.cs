using Microsoft.EntityFrameworkCore;
using Vupe.Server.Data;
using Vupe.Server.Data.Postgres;

namespace Vupe.Server.Parties;

/// <summary>
/// The fichas whose folded name (<see cref="Party.SearchName"/>) holds every search word, each anywhere in it — for the
/// front desk's ficha search and the auditor's case search — through an index rather than a scan of every ficha:
/// on SQLite the FTS5 trigram table PartyNameSearch (kept by triggers, migration SearchIndexesAndHolds) narrows the
/// fichas to those holding each word of three letters or more; on PostgreSQL the pg_trgm GIN index on SearchName
/// serves the LIKE itself. The LIKE stays on both, so the answer is the same with or without the index (and words
/// shorter than three letters, which trigrams cannot find, still count).
/// </summary>
internal static class PartyNameQuery
{
    /// <summary>The fichas matching every one of <paramref name="words"/> (folded, not empty).</summary>
    public static IQueryable<Party> Matching(VupeDbContext db, IReadOnlyList<string> words)
    {
        var indexed = words.Where(w => w.Length >= 3).ToList();
        var q = db is PostgresVupeDbContext || indexed.Count == 0
            ? db.Parties
            : db.Parties.FromSql($"SELECT * FROM Parties WHERE rowid IN (SELECT rowid FROM PartyNameSearch WHERE PartyNameSearch MATCH {Trigrams(indexed)})");
        foreach (var word in words)
        {
            var pattern = $"%{EscapeLike(word)}%";
            q = q.Where(p => EF.Functions.Like(p.SearchName, pattern, "\\"));
        }
        return q.AsNoTracking();
    }

    /// <summary>Each word as a quoted FTS5 phrase (a substring to the trigram tokenizer), all required; quotes doubled so no word reads as syntax.</summary>
    private static string Trigrams(IEnumerable<string> words) => string.Join(' ', words.Select(w => $"\"{w.Replace("\"", "\"\"", StringComparison.Ordinal)}\""));

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
