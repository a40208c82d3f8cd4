using Npgsql;
using Vupe.Server.Data.Postgres;

namespace Vupe.Server.Tests.Nodes;

public sealed class PostgresConnectionTuningTests
{
    [Test]
    public void Prepares_statements_and_skips_the_reset_unless_the_operator_says_otherwise()
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnectionTuning.Tuned("Host=db;Database=vupe;Username=vupe"));

        Assert.That(tuned.Host, Is.EqualTo("db"));
        Assert.That(tuned.MaxAutoPrepare, Is.EqualTo(128));
        Assert.That(tuned.AutoPrepareMinUsages, Is.EqualTo(2));
        Assert.That(tuned.NoResetOnClose, Is.True);
    }

    [Test]
    public void Keeps_the_operators_own_settings()
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnectionTuning.Tuned("Host=db;Database=vupe;max auto prepare=0;NoResetOnClose=false"));

        Assert.That(tuned.MaxAutoPrepare, Is.EqualTo(0));
        Assert.That(tuned.NoResetOnClose, Is.False);
    }

    [Test]
    public void The_start_up_lock_takes_a_connection_outside_the_pool()
    {
        // A session lock on a pooled connection would outlive its disposal when connections are not reset.
        var unpooled = new NpgsqlConnectionStringBuilder(PostgresConnectionTuning.Unpooled(PostgresConnectionTuning.Tuned("Host=db;Database=vupe")));

        Assert.That(unpooled.Pooling, Is.False);
        Assert.That(unpooled.Database, Is.EqualTo("vupe"));
    }
}
