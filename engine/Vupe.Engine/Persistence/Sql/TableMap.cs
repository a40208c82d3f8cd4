using System.Data.Common;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Vupe.Engine.Persistence.Sql;

/// <summary>
/// One column of an engine table as the EF model maps it: name, provider type mapping (with its
/// value converter: UTC ticks on SQLite, enums as numbers) and compiled accessors. Everything the
/// hand-written SQL needs comes from here, so it stays in step with the model and the provider.
/// </summary>
internal sealed class Column
{
    public Column(IProperty property, StoreObjectIdentifier table, ISqlGenerationHelper sql)
    {
        Property = property;
        Name = sql.DelimitIdentifier(property.GetColumnName(table)!);
        Mapping = (RelationalTypeMapping)property.GetRelationalTypeMapping();
        IsNullable = property.IsNullable;
        var getter = property.GetGetter();
        var converter = Mapping.Converter;
        ModelValue = getter.GetClrValue;
        ProviderValue = converter is null ? getter.GetClrValue : record => getter.GetClrValue(record) is { } v ? converter.ConvertToProvider(v) : null;
        Read = CompileRead(property, Mapping);
    }

    public IProperty Property { get; }
    /// <summary>The quoted column name.</summary>
    public string Name { get; }
    public RelationalTypeMapping Mapping { get; }
    public bool IsNullable { get; }
    /// <summary>Numeric keys the database assigns (history and candidate ids); left out of inserts. (EF Core marks Guid keys as generated too, but on the client.)</summary>
    public bool IsStoreGenerated => Property.ValueGenerated == ValueGenerated.OnAdd && Property.ClrType is var t && (t == typeof(long) || t == typeof(int));
    /// <summary>The property's value as the model has it (for change detection).</summary>
    public Func<object, object?> ModelValue { get; }
    /// <summary>The property's value converted for the provider (for parameters).</summary>
    public Func<object, object?> ProviderValue { get; }
    /// <summary>Sets the property of a record from a column of the current row.</summary>
    public Action<object, DbDataReader, int> Read { get; }

    // (record, reader, i) => ((T)record).P = reader.IsDBNull(i) ? default : convert(reader.GetFieldValue<Provider>(i))
    private static Action<object, DbDataReader, int> CompileRead(IProperty property, RelationalTypeMapping mapping)
    {
        var record = Expression.Parameter(typeof(object), "record");
        var reader = Expression.Parameter(typeof(DbDataReader), "reader");
        var ordinal = Expression.Parameter(typeof(int), "i");
        var converter = mapping.Converter;
        var providerType = converter?.ProviderClrType ?? mapping.ClrType;
        providerType = Nullable.GetUnderlyingType(providerType) ?? providerType;
        Expression value = Expression.Call(reader, nameof(DbDataReader.GetFieldValue), [providerType], ordinal);
        if (converter is not null)
        {
            var fromProvider = converter.ConvertFromProviderExpression;
            var input = fromProvider.Parameters[0].Type;
            value = Expression.Invoke(fromProvider, value.Type == input ? value : Expression.Convert(value, input));
        }
        var member = (System.Reflection.PropertyInfo)property.PropertyInfo!;
        if (value.Type != member.PropertyType) value = Expression.Convert(value, member.PropertyType);
        var isNull = Expression.Call(reader, nameof(DbDataReader.IsDBNull), Type.EmptyTypes, ordinal);
        var assigned = Expression.Condition(isNull, Expression.Default(member.PropertyType), value);
        var body = Expression.Assign(Expression.Property(Expression.Convert(record, member.DeclaringType!), member), assigned);
        return Expression.Lambda<Action<object, DbDataReader, int>>(body, record, reader, ordinal).Compile();
    }
}

/// <summary>A statement with its parameters, built once; each connection prepares it once (see <see cref="SqlConnectionLease"/>).</summary>
internal sealed class SqlStatement(string text, IReadOnlyList<(string Name, Column Column)> parameters, int expectedVersionIndex = -1, int rows = 1)
{
    /// <summary>How many records a multi-row insert takes; its parameters are those of one row, repeated.</summary>
    public int Rows { get; } = rows;

    public string Text { get; } = text;
    public IReadOnlyList<(string Name, Column Column)> Parameters { get; } = parameters;
    /// <summary>The parameter that takes the version the session read (the WHERE of an update or delete), not the record's current one; -1 if none.</summary>
    public int ExpectedVersionIndex { get; } = expectedVersionIndex;
    public override string ToString() => Text;
}

/// <summary>
/// An engine table: its columns and the statements the hot path runs on it (insert, version-checked
/// update and delete, select by key or by one column), generated from the EF model so that quoting,
/// column names and value conversions are the provider's own.
/// </summary>
internal sealed class TableMap
{
    private readonly Func<object> _create;
    private readonly Dictionary<(string Column, string? OrderBy), SqlStatement> _selectWhere = [];
    private readonly string _selectHead;
    private readonly Column[] _insertable;
    private readonly string _insertHead;
    private readonly SqlStatement?[] _insertRows = new SqlStatement?[MaxRowsPerInsert + 1];
    private readonly List<(string, Column)> _where;
    private readonly string _condition;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ulong, SqlStatement> _updates = new();

    /// <summary>
    /// The largest multi-row insert. A command writes a dozen history rows or more; one statement per
    /// row costs a statement's overhead each. Larger statements bind more parameters, and SQLite looks
    /// each parameter name up linearly (quadratic in the parameters of a statement): at 8 rows of 10
    /// columns the name lookups showed in profiles, at 4 they do not, and 4 rows cost per row what 8 do.
    /// </summary>
    public const int MaxRowsPerInsert = 4;

    public TableMap(IEntityType entity, ISqlGenerationHelper sql)
    {
        ClrType = entity.ClrType;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        Table = sql.DelimitIdentifier(table.Name, table.Schema);
        Columns = [.. entity.GetProperties().Select(p => new Column(p, table, sql))];
        Key = Columns.Single(c => c.Property.IsPrimaryKey());
        Version = Columns.SingleOrDefault(c => c.Property.IsConcurrencyToken);
        _create = Expression.Lambda<Func<object>>(Expression.New(ClrType)).Compile();

        _insertable = [.. Columns.Where(c => !c.IsStoreGenerated)];
        _insertHead = $"INSERT INTO {Table} ({string.Join(", ", _insertable.Select(c => c.Name))}) VALUES ";
        Insert = InsertRows(1);

        if (Columns.Length > 64) throw new NotSupportedException($"{ClrType.Name} has more than 64 columns.");
        _where = [("@key", Key)];
        _condition = $"{Key.Name} = @key";
        if (Version is not null)
        {
            _where.Add(("@version", Version));
            _condition += $" AND {Version.Name} = @version";
        }
        Delete = new SqlStatement($"DELETE FROM {Table} WHERE {_condition}", _where, Version is null ? -1 : 1);
        _selectHead = $"SELECT {string.Join(", ", Columns.Select(c => c.Name))} FROM {Table}";
        SelectByKey = SelectWhere(Key.Property.Name);
    }

    public Type ClrType { get; }
    public string Table { get; }
    public Column[] Columns { get; }
    public Column Key { get; }
    /// <summary>The optimistic-concurrency token (Version), if the table has one.</summary>
    public Column? Version { get; }
    public SqlStatement Insert { get; }
    public SqlStatement Delete { get; }
    public SqlStatement SelectByKey { get; }

    public Column this[string propertyName] => Columns.Single(c => c.Property.Name == propertyName);

    /// <summary><c>INSERT … VALUES (…), (…)</c> for <paramref name="rows"/> records (1 to <see cref="MaxRowsPerInsert"/>); built once per size.</summary>
    public SqlStatement InsertRows(int rows)
    {
        var statement = Volatile.Read(ref _insertRows[rows]);
        if (statement is not null) return statement;
        var parameters = new List<(string, Column)>(rows * _insertable.Length);
        var values = new List<string>(rows);
        for (var r = 0; r < rows; r++)
        {
            var names = _insertable.Select((_, c) => rows == 1 ? $"@p{c}" : $"@r{r}_{c}").ToList();
            parameters.AddRange(names.Zip(_insertable));
            values.Add($"({string.Join(", ", names)})");
        }
        statement = new SqlStatement(_insertHead + string.Join(", ", values), parameters, rows: rows);
        Volatile.Write(ref _insertRows[rows], statement);
        return statement;
    }

    /// <summary>
    /// <c>UPDATE table SET (the changed columns) WHERE key = @key AND version = @version</c>, one statement
    /// per set of changed columns (<see cref="Changes"/>), built once. Setting only what changed, as EF
    /// Core does, matters: SQLite rewrites every index that has a column in the SET list, changed or not.
    /// Parameters: the changed columns, the key, then the version read (when versioned).
    /// </summary>
    public SqlStatement UpdateOf(ulong changed) => _updates.GetOrAdd(changed, mask =>
    {
        var set = Columns.Where((_, i) => (mask & (1UL << i)) != 0).Select((c, i) => (Name: $"@p{i}", Column: c)).ToList();
        return new SqlStatement($"UPDATE {Table} SET {string.Join(", ", set.Select(p => $"{p.Column.Name} = {p.Name}"))} WHERE {_condition}", [.. set, .. _where],
            Version is null ? -1 : set.Count + 1);
    });

    /// <summary><c>SELECT every column FROM table WHERE column = @v</c>; built once per column.</summary>
    public SqlStatement SelectWhere(string propertyName, string? orderBy = null)
    {
        var cacheKey = (propertyName, orderBy);
        lock (_selectWhere)
        {
            if (_selectWhere.TryGetValue(cacheKey, out var statement)) return statement;
            var column = this[propertyName];
            var order = orderBy is null ? "" : orderBy == Key.Property.Name ? $" ORDER BY {Key.Name}" : $" ORDER BY {this[orderBy].Name}, {Key.Name}";
            statement = new SqlStatement($"{_selectHead} WHERE {column.Name} = @v{order}", [("@v", column)]);
            _selectWhere[cacheKey] = statement;
            return statement;
        }
    }

    /// <summary>A record from the current row of a reader positioned on a SELECT of <see cref="Columns"/>.</summary>
    public object Materialize(DbDataReader reader)
    {
        var record = _create();
        for (var i = 0; i < Columns.Length; i++) Columns[i].Read(record, reader, i);
        return record;
    }

    public object KeyOf(object record) => Key.ModelValue(record)!;

    /// <summary>A Guid key left empty gets a new value before insert, as EF Core's client-side generator would give it.</summary>
    public void EnsureKey(object record)
    {
        if (Key.ModelValue(record) is Guid id && id == Guid.Empty) Key.Property.PropertyInfo!.SetValue(record, Runtime.Ids.NewVersion7());
    }

    /// <summary>The values a loaded record had, to tell at commit whether it changed (as EF Core's snapshot tracking does).</summary>
    public object?[] Snapshot(object record)
    {
        var values = new object?[Columns.Length];
        for (var i = 0; i < Columns.Length; i++) values[i] = Columns[i].ModelValue(record);
        return values;
    }

    /// <summary>The columns whose values differ from the snapshot, one bit per column (0: unchanged).</summary>
    public ulong Changes(object record, object?[] snapshot)
    {
        var changed = 0UL;
        for (var i = 0; i < Columns.Length; i++)
        {
            if (!Equals(Columns[i].ModelValue(record), snapshot[i])) changed |= 1UL << i;
        }
        return changed;
    }

    /// <summary>The bit of the version column in <see cref="Changes"/>.</summary>
    public ulong VersionBit => Version is null ? 0 : 1UL << Array.IndexOf(Columns, Version);

    /// <summary>The version the record had when it was read (its concurrency token's original value).</summary>
    public long OriginalVersion(object?[] snapshot) => (long)snapshot[Array.IndexOf(Columns, Version)]!;
}

/// <summary>The engine's tables by record type, built once per store from the EF model.</summary>
internal sealed class TableMaps
{
    private readonly Dictionary<Type, TableMap> _byType;

    public TableMaps(EngineDbContext db)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        // CaseCounters (a composite key) is written only by its own upsert, never through a session.
        _byType = db.Model.GetEntityTypes().Where(e => e.FindPrimaryKey()?.Properties.Count == 1)
            .ToDictionary(e => e.ClrType, e => new TableMap(e, sql));
        Candidates = _byType[typeof(TaskCandidateRecord)];

        var counters = db.Model.FindEntityType(typeof(CaseCounterRecord))!;
        var table = StoreObjectIdentifier.Table(counters.GetTableName()!, counters.GetSchema());
        var name = sql.DelimitIdentifier(table.Name, table.Schema);
        Column Counter(string property) => new(counters.FindProperty(property)!, table, sql);
        var (office, year, next) = (Counter(nameof(CaseCounterRecord.OfficeCode)), Counter(nameof(CaseCounterRecord.Year)), Counter(nameof(CaseCounterRecord.Next)));
        // One atomic statement (SQLite >= 3.35 and PostgreSQL): no two cases get one number, whatever the concurrency.
        NextCaseSequence = new SqlStatement(
            $"INSERT INTO {name} ({office.Name}, {year.Name}, {next.Name}) VALUES (@office, @year, 1) " +
            $"ON CONFLICT ({office.Name}, {year.Name}) DO UPDATE SET {next.Name} = {name}.{next.Name} + 1 RETURNING {next.Name}",
            [("@office", office), ("@year", year)]);
    }

    /// <summary>Allocates the next case sequence number of an office and year (parameters: office, year; returns the number).</summary>
    public SqlStatement NextCaseSequence { get; }

    public TableMap For(Type type) => _byType.TryGetValue(type, out var map) ? map : throw new ArgumentException($"{type.Name} is not an engine table.");

    public TableMap For<T>() => For(typeof(T));

    public TableMap Candidates { get; }
}
