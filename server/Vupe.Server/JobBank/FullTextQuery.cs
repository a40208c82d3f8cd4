using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;
using Vupe.Server.Data;
using Vupe.Server.Data.Postgres;
using Vupe.Server.Parties;

namespace Vupe.Server.JobBank;

/// <summary>
/// The vacancies matching a user's search words: every word must appear, as a prefix, accents and case ignored. Each
/// database with its own index: SQLite's FTS5 table VacancySearch (its tokenizer removes diacritics), PostgreSQL's
/// tsvector column with the 'simple' configuration over the folded <see cref="Vacancy.SearchText"/> (the words are
/// folded the same way here).
/// </summary>
internal static class FullTextQuery
{
    /// <summary>The search words (letters and digits only, at most ten), or none for a blank text.</summary>
    public static IReadOnlyList<string> Words(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        return text.Split((char[])[' ', '\t', '\n', '\r', ',', ';', '.', '/', '-', '(', ')'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string([.. w.Where(c => char.IsLetterOrDigit(c))]))
            .Where(w => w.Length > 0).Take(10).ToList();
    }

    /// <summary>The words as an FTS5 MATCH expression: quoted so no word is read as FTS5 syntax ("OR", "NEAR", a lone quote).</summary>
    public static string Fts5(IReadOnlyList<string> words) => string.Join(' ', words.Select(w => $"\"{w}\"*"));

    /// <summary>The words as a tsquery: folded like the indexed text, each a prefix, all required.</summary>
    public static string TsQuery(IReadOnlyList<string> words) =>
        string.Join(" & ", words.Select(w => TextFolding.Fold(w)).Where(w => w.Length > 0).Select(w => $"{w}:*"));

    /// <summary>The vacancies whose text has every one of <paramref name="words"/> (not empty).</summary>
    public static IQueryable<Vacancy> Matching(VupeDbContext db, IReadOnlyList<string> words) => db switch
    {
        PostgresVupeDbContext => db.Vacancies.Where(v => EF.Property<NpgsqlTsVector>(v, PostgresVupeDbContext.VacancySearchVector)
            .Matches(EF.Functions.ToTsQuery(PostgresVupeDbContext.TextSearchConfiguration, TsQuery(words)))),
        _ => db.Vacancies.FromSql($"SELECT * FROM Vacancies WHERE rowid IN (SELECT rowid FROM VacancySearch WHERE VacancySearch MATCH {Fts5(words)})"),
    };
}
