using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Vupe.Engine.Persistence;

/// <summary>
/// Writes a command's history rows with multi-row INSERTs: a step writes dozens of them, and one
/// statement per row (with its generated id read back) was most of the cost of a commit. Column
/// names, quoting and value conversions come from the EF model, so it works on any provider.
/// </summary>
internal static class HistoryBulkInsert
{
    // SQLite looks named parameters up linearly, so a statement with thousands of them costs
    // quadratic time; batches of a few rows keep both the statement count and that cost low.
    private const int RowsPerStatement = 16;

    public static async Task InsertAsync(EngineDbContext db, List<HistoryEventRecord> rows, DbTransaction transaction, CancellationToken ct)
    {
        var entity = db.Model.FindEntityType(typeof(HistoryEventRecord))!;
        var sql = db.GetService<ISqlGenerationHelper>();
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Where(p => p.ValueGenerated == Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never).ToList();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)))}) VALUES ";

        for (var start = 0; start < rows.Count; start += RowsPerStatement)
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = transaction;
            var text = new StringBuilder(head);
            var end = Math.Min(rows.Count, start + RowsPerStatement);
            for (var r = start; r < end; r++)
            {
                text.Append(r == start ? "(" : ", (");
                for (var c = 0; c < columns.Count; c++)
                {
                    var name = $"@h{r - start}_{c}";
                    if (c > 0) text.Append(", ");
                    text.Append(name);
                    var mapping = (RelationalTypeMapping)columns[c].GetRelationalTypeMapping();
                    command.Parameters.Add(mapping.CreateParameter(command, name, columns[c].GetGetter().GetClrValue(rows[r]), columns[c].IsNullable));
                }
                text.Append(')');
            }
            command.CommandText = text.ToString();
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
