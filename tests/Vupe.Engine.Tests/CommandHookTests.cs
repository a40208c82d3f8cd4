using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Vupe.Engine.Tests;

/// <summary>
/// The host's rows commit with the engine's: an interceptor sees each command with its actor and changes and
/// enlists a row of its own table; a handler enlists from inside the command; the host writes alone through the
/// store's writer. Either everything of a command is stored or nothing is.
/// </summary>
public sealed class CommandHookTests : SqliteEngineTestBase
{
    private readonly RecordingInterceptor _interceptor = new();
    private bool _handlerEnlists;
    private bool _hostFails;

    protected override void Configure(ProcessEngineBuilder builder) => builder
        .AddCommandInterceptor(_interceptor)
        .AddTaskHandler("validate", _ =>
        {
            if (_handlerEnlists && !Engine.TryEnlist(new HostRow("from-handler", fail: false))) throw new InvalidOperationException("no command to enlist in");
            return new Dictionary<string, object?> { ["valid"] = true };
        });

    [SetUp]
    public async Task CreateHostTable()
    {
        _interceptor.Seen.Clear();
        _interceptor.Write = null;
        _interceptor.ReadDetails = true;
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE HostRows (Note TEXT NOT NULL PRIMARY KEY)";
        await command.ExecuteNonQueryAsync();
    }

    [Test]
    public async Task The_interceptor_sees_the_actor_and_the_changes_and_its_row_commits_with_them()
    {
        await DeployAsync("Sequence.UserTask.bpmn");
        var instance = await StartAsync("seq");
        var task = await SingleTaskAsync(instance.Id);
        _interceptor.Write = c => c.Changes.Any(x => x.EventType == HistoryEventTypes.TaskClaimed) ? new HostRow("claimed by " + c.Actor!.Name, _hostFails) : null;

        using (ProcessEngine.ActAs(new CommandActor("u-1", "ana", ["consultor"], "LIM", "10.0.0.7")))
            await Engine.Tasks.ClaimAsync(task.Id, "ana");

        var claim = _interceptor.Seen.Last();
        Assert.That(claim.Actor, Is.EqualTo(new CommandActor("u-1", "ana", ["consultor"], "LIM", "10.0.0.7")).Using<CommandActor>((a, b) => a.Id == b.Id && a.Name == b.Name && a.Roles.SequenceEqual(b.Roles) && a.OfficeCode == b.OfficeCode && a.Address == b.Address));
        Assert.That(claim.Changes, Is.EqualTo(new[] { HistoryEventTypes.TaskClaimed }));
        Assert.That(claim.Details.Single(), Does.Contain("\"assignee\":\"ana\""));
        Assert.That(await HostRowsAsync(), Is.EqualTo(new[] { "claimed by ana" }));
        Assert.That(_interceptor.Seen.First().Actor, Is.Null, "the start ran outside ActAs");
    }

    [Test]
    public async Task A_host_write_reads_a_changes_details_inside_the_transaction_after_the_history_was_flushed()
    {
        await DeployAsync("Sequence.UserTask.bpmn");
        var instance = await StartAsync("seq");
        var task = await SingleTaskAsync(instance.Id);
        _interceptor.ReadDetails = false; // first asked for inside WriteAsync, after the command's rows went to the session
        _interceptor.Write = c => c.Changes.FirstOrDefault(x => x.EventType == HistoryEventTypes.TaskClaimed) is { } claimed
            ? new HostRow(() => claimed.DetailsJson ?? "no details", fail: false) : null;

        await Engine.Tasks.ClaimAsync(task.Id, "ana");

        Assert.That((await HostRowsAsync()).Single(), Does.Contain("\"assignee\":\"ana\""));
    }

    [Test]
    public async Task A_host_write_that_fails_fails_the_command_and_nothing_of_it_is_stored()
    {
        await DeployAsync("Sequence.UserTask.bpmn");
        var instance = await StartAsync("seq");
        var task = await SingleTaskAsync(instance.Id);
        _hostFails = true;
        _interceptor.Write = _ => new HostRow("never", _hostFails);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Engine.Tasks.ClaimAsync(task.Id, "ana"));

        Assert.That((await Engine.Tasks.GetAsync(task.Id)).Assignee, Is.Null, "the claim was rolled back with the host's row");
        Assert.That(await HostRowsAsync(), Is.Empty);
        _hostFails = false;
        await Engine.Tasks.ClaimAsync(task.Id, "ana");
        Assert.That(await HostRowsAsync(), Is.EqualTo(new[] { "never" }));
    }

    [Test]
    public async Task A_command_that_conflicts_leaves_its_host_row_unwritten()
    {
        await DeployAsync("Sequence.UserTask.bpmn");
        var instance = await StartAsync("seq");
        var task = await SingleTaskAsync(instance.Id);
        await Engine.Tasks.ClaimAsync(task.Id, "ana");
        _interceptor.Write = _ => new HostRow("stale completion", fail: false);

        await Assert.ThrowsAsync<ConflictException>(() => Engine.Tasks.CompleteAsync(task.Id, null, "ana", expectedVersion: task.Version));

        Assert.That(await HostRowsAsync(), Is.Empty);
    }

    [Test]
    public async Task A_handler_enlists_in_the_command_that_runs_it_and_the_host_writes_alone_through_the_writer()
    {
        _handlerEnlists = true;
        await DeployAsync("ServiceTask.Validate.bpmn");
        await StartAsync("validated");
        Assert.That(await HostRowsAsync(), Is.EqualTo(new[] { "from-handler" }));
        Assert.That(Engine.TryEnlist(new HostRow("outside", fail: false)), Is.False, "no command runs on this flow");

        await Engine.WriteAsync(new HostRow("alone", fail: false));
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Engine.WriteAsync(new HostRow($"concurrent {i:D2}", fail: false))));

        Assert.That(await HostRowsAsync(), Has.Count.EqualTo(22).And.Contains("alone"));
        await Assert.ThrowsAsync<ConflictException>(() => Engine.WriteAsync(new HostRow("alone", fail: false)), "a duplicate key is a conflict");
    }

    private async Task<List<string>> HostRowsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Note FROM HostRows ORDER BY Note";
        var notes = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) notes.Add(reader.GetString(0));
        return notes;
    }

    private sealed record Seen(CommandActor? Actor, List<string> Changes, List<string?> Details);

    private sealed class RecordingInterceptor : ICommandInterceptor
    {
        public List<Seen> Seen { get; } = [];
        public Func<CommittingCommand, ITransactionalWrite?>? Write { get; set; }
        public bool ReadDetails { get; set; } = true;

        public ValueTask OnCommittingAsync(CommittingCommand command, CancellationToken ct)
        {
            Seen.Add(new Seen(command.Actor, [.. command.Changes.Select(c => c.EventType)], ReadDetails ? [.. command.Changes.Select(c => c.DetailsJson)] : []));
            if (Write?.Invoke(command) is { } write) command.Enlist(write);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class HostRow(Func<string> note, bool fail) : ITransactionalWrite
    {
        public HostRow(string note, bool fail) : this(() => note, fail) { }

        public async Task WriteAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO HostRows (Note) VALUES ($note)";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "$note";
            parameter.Value = note();
            command.Parameters.Add(parameter);
            await command.ExecuteNonQueryAsync(ct);
            if (fail) throw new InvalidOperationException("the host's write failed after its insert");
        }
    }
}
