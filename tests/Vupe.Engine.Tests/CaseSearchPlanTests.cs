using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Vupe.Engine.Persistence;

namespace Vupe.Engine.Tests;

/// <summary>
/// SQLite's query plans for the case search and the figures: the search by office and period reads one range of
/// IX_CaseFiles_Search_OfficeOpened in the order it shows (no sort of the office's cases), and that index changes no
/// plan of the figures' queries (compared with the same database without it).
/// </summary>
public sealed partial class CaseSearchPlanTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 5, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = new(2026, 7, 1, 5, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task The_search_by_office_and_period_reads_the_office_opened_index_in_order()
    {
        await using var store = await StoreAsync();
        await using var db = store.CreateContext();
        var filter = new CaseFilter { OfficeCodes = ["LIM"], OpenedFrom = Start, OpenedBefore = End, Skip = 25, Take = 25 };

        var page = await PlanAsync(db, CaseQueryable.Page(CaseQueryable.Filter(db.CaseFiles, filter), filter));
        var oldest = await PlanAsync(db, CaseQueryable.Page(CaseQueryable.Filter(db.CaseFiles, filter), filter with { OldestFirst = true }));
        var count = await PlanAsync(db, CaseQueryable.Filter(db.CaseFiles, filter).Select(c => c.Id));

        Assert.That(page, Does.Contain("IX_CaseFiles_Search_OfficeOpened (OfficeCode=? AND OpenedAt>? AND OpenedAt<?)"), page);
        Assert.That(page, Does.Not.Contain("TEMP B-TREE"), "the page is read in index order, not sorted");
        Assert.That(oldest, Does.Contain("IX_CaseFiles_Search_OfficeOpened").And.Not.Contain("TEMP B-TREE"), oldest);
        Assert.That(count, Does.Contain("COVERING INDEX IX_CaseFiles_Search_OfficeOpened"), count);
    }

    [Test]
    public async Task The_search_index_changes_no_plan_of_the_figures()
    {
        await using var store = await StoreAsync();
        await using var db = store.CreateContext();
        var with = await FigurePlansAsync(db);
        await db.Database.ExecuteSqlRawAsync("DROP INDEX IX_CaseFiles_Search_OfficeOpened");
        var without = await FigurePlansAsync(db);

        Assert.That(with, Is.EqualTo(without));
        Assert.That(with, Has.Count.EqualTo(8).And.All.Contain("IX_CaseFiles_Figures_"), string.Join("\n\n", with));
    }

    private static async Task<List<string>> FigurePlansAsync(EngineDbContext db)
    {
        var plans = new List<string>();
        foreach (IReadOnlyCollection<string>? offices in new[] { null, new[] { "LIM" } })
        {
            var opened = new CaseFilter { OfficeCodes = offices, OpenedFrom = Start, OpenedBefore = End };
            var closed = new CaseFilter { OfficeCodes = offices, ClosedFrom = Start, ClosedBefore = End };
            plans.Add(await PlanAsync(db, FigureQueryable.CountBy(db.CaseFiles, opened, CaseGrouping.Office | CaseGrouping.ProcessKey)));
            plans.Add(await PlanAsync(db, FigureQueryable.CountBy(db.CaseFiles, closed, CaseGrouping.Office | CaseGrouping.ProcessKey)));
            plans.Add(await PlanAsync(db, FigureQueryable.CountBy(db.CaseFiles, opened with { TitlePrefix = "Derivación a " }, CaseGrouping.Title)));
            plans.Add(await PlanAsync(db, FigureQueryable.Histogram(FigureQueryable.Durations(CaseQueryable.Filter(db.CaseFiles, closed)))));
        }
        return plans;
    }

    private static async Task<EfEngineStore> StoreAsync()
    {
        var store = EfEngineStore.ForSqlite(SqliteEngineTestBase.NewDatabasePath());
        await store.InitializeAsync();
        return store;
    }

    /// <summary>EXPLAIN QUERY PLAN of the query EF Core sends, its parameters written in as the literals ToQueryString shows.</summary>
    private static async Task<string> PlanAsync<T>(EngineDbContext db, IQueryable<T> query)
    {
        var text = query.ToQueryString();
        var parameters = ParamLine().Matches(text).Select(m => (Name: m.Groups[1].Value, Value: m.Groups[2].Value)).OrderByDescending(p => p.Name.Length).ToList();
        var sql = string.Join("\n", text.Split('\n').Where(l => !l.StartsWith(".param", StringComparison.Ordinal)));
        foreach (var (name, value) in parameters) sql = sql.Replace(name, value, StringComparison.Ordinal);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(3));
        return string.Join("\n", lines);
    }

    [GeneratedRegex(@"^\.param set (@\w+) (.+)$", RegexOptions.Multiline)]
    private static partial Regex ParamLine();
}
