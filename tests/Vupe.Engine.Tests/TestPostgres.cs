using Npgsql;

namespace Vupe.Engine.Tests;

/// <summary>
/// Throwaway databases on the PostgreSQL server test.sh starts (VUPE_TEST_POSTGRES holds its connection string); a bare
/// `dotnet test` ignores the tests that need one, with the reason.
/// </summary>
public static class TestPostgres
{
    public static string ServerConnectionString
    {
        get
        {
            var value = Environment.GetEnvironmentVariable("VUPE_TEST_POSTGRES");
            if (string.IsNullOrEmpty(value)) Assert.Ignore("VUPE_TEST_POSTGRES is not set: run the suite with ./test.sh, which starts PostgreSQL.");
            return value!;
        }
    }

    /// <summary>Creates an empty database with a new name; returns its name and connection string.</summary>
    public static (string Name, string ConnectionString) CreateDatabase()
    {
        var name = "vupe_" + Guid.NewGuid().ToString("N");
        using (var admin = new NpgsqlConnection(ServerConnectionString))
        {
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            create.ExecuteNonQuery();
        }
        return (name, new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString);
    }

    public static void DropDatabase(string name)
    {
        NpgsqlConnection.ClearAllPools();
        using var admin = new NpgsqlConnection(ServerConnectionString);
        admin.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
        drop.ExecuteNonQuery();
    }
}
