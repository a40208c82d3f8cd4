using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Vupe.Server.Tests;

/// <summary>The database a test server runs on: the embedded SQLite files, or a fresh database on the test PostgreSQL server.</summary>
public enum TestStore { Sqlite, Postgres }

/// <summary>
/// A fresh PostgreSQL database on the server test.sh starts (VUPE_TEST_POSTGRES holds its connection string), dropped
/// when the fixture ends. Without the variable the fixture is skipped with the reason, as the engine's store tests do.
/// </summary>
public sealed class TestPostgresDatabase : IDisposable
{
    private readonly string _server;
    private readonly string _name = "vupe_server_" + Guid.NewGuid().ToString("N");

    public TestPostgresDatabase()
    {
        var server = Environment.GetEnvironmentVariable("VUPE_TEST_POSTGRES");
        if (string.IsNullOrEmpty(server)) Assert.Ignore("VUPE_TEST_POSTGRES is not set: run the suite with ./test.sh, which starts PostgreSQL.");
        _server = server!;
        using var admin = new NpgsqlConnection(_server);
        admin.Open();
        using var create = new NpgsqlCommand($"CREATE DATABASE \"{_name}\"", admin);
        create.ExecuteNonQuery();
        ConnectionString = new NpgsqlConnectionStringBuilder(_server) { Database = _name }.ConnectionString;
    }

    public string ConnectionString { get; }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        using var admin = new NpgsqlConnection(_server);
        admin.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", admin);
        drop.ExecuteNonQuery();
    }
}

/// <summary>Raw SQL against a test server's database, as someone with database access would run it (tampering tests).</summary>
public static class TestDatabaseAccess
{
    /// <summary>Runs <paramref name="sql"/> (quoted identifiers and @name parameters read the same on both databases); returns the rows changed.</summary>
    public static async Task<int> ExecuteSqlAsync(this VupeServerFactory factory, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync(factory);
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>The first column of the first row of <paramref name="sql"/>.</summary>
    public static async Task<T> ExecuteScalarAsync<T>(this VupeServerFactory factory, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync(factory);
        await using var command = Command(connection, sql, parameters);
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<DbConnection> OpenAsync(VupeServerFactory factory)
    {
        DbConnection connection = factory.Postgres is { } postgres
            ? new NpgsqlConnection(postgres.ConnectionString)
            : new SqliteConnection($"Data Source={Path.Combine(factory.DataDirectory, "vupe.db")};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }

    private static DbCommand Command(DbConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return command;
    }
}
