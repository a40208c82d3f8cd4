using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vupe.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class SearchIndexesAndHolds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A name searched anywhere in the folded name (PartyNameQuery): an FTS5 trigram index over Parties.SearchName,
            // kept current by triggers in the same transaction as the ficha, filled from the fichas already there.
            if (migrationBuilder.ActiveProvider == "Microsoft.EntityFrameworkCore.Sqlite")
            {
                migrationBuilder.Sql("CREATE VIRTUAL TABLE PartyNameSearch USING fts5(SearchName, content='Parties', content_rowid='rowid', tokenize='trigram');");
                migrationBuilder.Sql("CREATE TRIGGER PartyNameSearch_ai AFTER INSERT ON Parties BEGIN INSERT INTO PartyNameSearch(rowid, SearchName) VALUES (new.rowid, new.SearchName); END;");
                migrationBuilder.Sql("CREATE TRIGGER PartyNameSearch_ad AFTER DELETE ON Parties BEGIN INSERT INTO PartyNameSearch(PartyNameSearch, rowid, SearchName) VALUES ('delete', old.rowid, old.SearchName); END;");
                migrationBuilder.Sql("CREATE TRIGGER PartyNameSearch_au AFTER UPDATE OF SearchName ON Parties BEGIN INSERT INTO PartyNameSearch(PartyNameSearch, rowid, SearchName) VALUES ('delete', old.rowid, old.SearchName); INSERT INTO PartyNameSearch(rowid, SearchName) VALUES (new.rowid, new.SearchName); END;");
                migrationBuilder.Sql("INSERT INTO PartyNameSearch(PartyNameSearch) VALUES ('rebuild');");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            if (migrationBuilder.ActiveProvider == "Microsoft.EntityFrameworkCore.Sqlite")
            {
                migrationBuilder.Sql("DROP TRIGGER IF EXISTS PartyNameSearch_ai;");
                migrationBuilder.Sql("DROP TRIGGER IF EXISTS PartyNameSearch_ad;");
                migrationBuilder.Sql("DROP TRIGGER IF EXISTS PartyNameSearch_au;");
                migrationBuilder.Sql("DROP TABLE IF EXISTS PartyNameSearch;");
            }
        }
    }
}
