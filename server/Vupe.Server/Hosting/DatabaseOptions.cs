namespace Vupe.Server.Hosting;

/// <summary>Where the server keeps its data.</summary>
public enum DatabaseProvider
{
    /// <summary>SQLite files in <see cref="ServerOptions.DataDirectory"/> (vupe.db, hangfire.db): the embedded default of ./run.sh.</summary>
    Sqlite,
    /// <summary>One PostgreSQL database for the server's tables, the engine's and Hangfire's (schema "hangfire").</summary>
    PostgreSql,
}

/// <summary>The server's database (section "Vupe:Database").</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Vupe:Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>The PostgreSQL connection string (Npgsql's format: Host=…;Port=…;Database=…;Username=…;Password=…). Unused with SQLite.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The PostgreSQL schema of Hangfire's tables, apart from the server's and the engine's.</summary>
    public string HangfireSchema { get; set; } = "hangfire";

    /// <summary>True when other server processes may write to the same database: in-process caches must follow their writes.</summary>
    public bool SharedByNodes => Provider == DatabaseProvider.PostgreSql;

    /// <summary>What is wrong with these settings, or null; checked before the server composes itself.</summary>
    public string? Problem()
    {
        if (Provider != DatabaseProvider.PostgreSql) return null;
        if (string.IsNullOrWhiteSpace(ConnectionString))
            return "Vupe:Database:Provider is PostgreSql but Vupe:Database:ConnectionString is empty: set it (e.g. Host=db;Database=vupe;Username=vupe;Password=…).";
        try
        {
            var parsed = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
            if (string.IsNullOrWhiteSpace(parsed.Host)) return "Vupe:Database:ConnectionString names no Host.";
        }
        catch (ArgumentException e)
        {
            return $"Vupe:Database:ConnectionString is not a valid PostgreSQL connection string: {e.Message}";
        }
        if (string.IsNullOrWhiteSpace(HangfireSchema)) return "Vupe:Database:HangfireSchema must not be empty.";
        return null;
    }
}
