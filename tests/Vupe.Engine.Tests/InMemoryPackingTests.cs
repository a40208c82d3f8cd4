using Vupe.Engine.Persistence;

namespace Vupe.Engine.Tests;

/// <summary>
/// The in-memory store packs an ended instance (its history into one byte array, its state into
/// JSON): whatever was readable before the instance ended must read back the same afterwards.
/// </summary>
public sealed class InMemoryPackingTests : EngineTestBase
{
    protected override ProcessEngineBuilder CreateBuilder() => new ProcessEngineBuilder().UseInMemoryStore();

    [Test]
    public async Task An_ended_instance_reads_back_as_it_did_while_it_ran()
    {
        await DeployAsync("Sequence.UserTask.bpmn");
        var instance = await StartAsync("seq", new { nombre = "José Ñahui", monto = 1025.75m, nacimiento = new DateOnly(1988, 2, 29) });
        var other = await StartAsync("seq", new { nombre = "Rosa" }, office: "CUS");
        var whileRunning = await Engine.History.ForInstanceAsync(instance.Id);

        Clock.Advance(TimeSpan.FromMinutes(3));
        var task = await SingleTaskAsync(instance.Id, "review");
        await Engine.Tasks.CompleteAsync(task.Id, new Dictionary<string, object?> { ["resultado"] = "apto — señal ✓" }, userId: "ana.quispe");
        await AssertCompletedAsync(instance.Id);

        var ended = await Engine.History.ForInstanceAsync(instance.Id);
        Assert.That(ended.Take(whileRunning.Count), Is.EqualTo(whileRunning), "the rows written while it ran, unchanged by packing");
        Assert.That(ended.Select(h => h.Id), Is.Ordered.And.Unique);
        Assert.That(ended.Select(h => h.Timestamp.Offset), Has.All.EqualTo(T0.Offset));
        Assert.That(ended.Skip(whileRunning.Count).Select(h => h.Timestamp), Has.All.EqualTo(T0.AddMinutes(3)));
        var completed = ended.Single(h => h.EventType == HistoryEventTypes.TaskCompleted);
        Assert.That(completed.UserId, Is.EqualTo("ana.quispe"));
        using (var details = System.Text.Json.JsonDocument.Parse(completed.Details!))
            Assert.That(details.RootElement.GetProperty("variables").GetProperty("resultado").GetString(), Is.EqualTo("apto — señal ✓"));
        Assert.That(ended.Last().EventType, Is.EqualTo(HistoryEventTypes.CaseClosed));
        Assert.That(await Engine.History.ForCaseAsync(instance.CaseId), Is.EqualTo(ended), "by case as by instance");
        Assert.That(await Engine.History.ForCaseAsync(other.CaseId), Has.All.Matches<HistoryEntry>(h => h!.InstanceId == other.Id));

        var info = await InstanceAsync(instance.Id);
        Assert.That(info.ActiveElementIds, Is.Empty);
        Assert.That(info.EndedAt, Is.EqualTo(T0.AddMinutes(3)));
        var variables = await Engine.Runtime.GetVariablesAsync(instance.Id);
        Assert.That(variables["nombre"], Is.EqualTo("José Ñahui"));
        Assert.That(variables["monto"], Is.EqualTo(1025.75m));
        Assert.That(variables["nacimiento"], Is.EqualTo(new DateOnly(1988, 2, 29)));
        Assert.That(variables["resultado"], Is.EqualTo("apto — señal ✓"));
        Assert.That(await Engine.Cases.GetVariablesAsync(instance.CaseId), Is.EquivalentTo(variables));
        await Assert.ThrowsAsync<InvalidStateException>(() => Engine.Runtime.SetVariablesAsync(instance.Id, new Dictionary<string, object?> { ["nombre"] = "x" }));
    }

    [Test]
    public void Packed_rows_keep_every_field_their_time_offset_and_their_case()
    {
        var caseId = Guid.NewGuid();
        var otherCase = Guid.NewGuid();
        var lima = new DateTimeOffset(2026, 11, 25, 14, 30, 15, 123, TimeSpan.FromHours(-5)).AddTicks(4567);
        var instanceId = Guid.NewGuid();
        var otherInstance = Guid.NewGuid();
        void Write(InMemoryHistory history)
        {
            history.Append(instanceId, Row(caseId, lima, HistoryEventTypes.ProcessStarted, new { caseNumber = "LIM-2026-000001", office = "LIM", nombre = "Ñuñez — ✓" }), 2);
            history.Append(instanceId, Row(caseId, lima, HistoryEventTypes.ElementCompleted, null, elementId: "start"), 1);
            history.Append(otherInstance, Row(otherCase, lima, HistoryEventTypes.ProcessStarted, null), 1);
            history.Append(instanceId, Row(otherCase, lima.AddSeconds(1), HistoryEventTypes.ChildCaseOpened, "{\"x\":\"Ñ\"}", userId: "ana"), 1);
        }
        // Two stores given the same rows; one packs them without reading them first (so the packer writes the
        // details objects as JSON itself), the other never packs and writes them when read.
        var packed = new InMemoryHistory();
        var unpacked = new InMemoryHistory();
        Write(packed);
        Write(unpacked);

        packed.Archive(instanceId);
        var after = packed.ReadInstance(instanceId, int.MaxValue);

        Assert.That(after.Select(Fields), Is.EqualTo(unpacked.ReadInstance(instanceId, int.MaxValue).Select(Fields)));
        Assert.That(after.Select(h => h.Timestamp.Offset), Has.All.EqualTo(TimeSpan.FromHours(-5)));
        Assert.That(after[0].Details, Is.EqualTo(System.Text.Json.JsonSerializer.Serialize(new { caseNumber = "LIM-2026-000001", office = "LIM", nombre = "Ñuñez — ✓" }, Runtime.HistoryJson.Options)));
        Assert.That(packed.ReadInstance(instanceId, 2), Has.Count.EqualTo(2), "take");
        Assert.That(packed.Read(otherCase, int.MaxValue).Select(h => h.EventType),
            Is.EqualTo(new[] { HistoryEventTypes.ProcessStarted, HistoryEventTypes.ChildCaseOpened }), "a packed row of another case is found by that case, in id order with unpacked rows");
        Assert.That(packed.Read(caseId, int.MaxValue), Has.Count.EqualTo(2));
        Assert.That(packed.Read(null, 3).Select(h => h.Id), Is.EqualTo(new long[] { 1, 2, 3 }));
        Assert.That(packed.Read(null, int.MaxValue).Select(Fields), Is.EqualTo(unpacked.Read(null, int.MaxValue).Select(Fields)));
    }

    [Test]
    public void Rows_written_after_an_instance_was_packed_join_its_packed_rows_in_order()
    {
        var caseId = Guid.NewGuid();
        var history = new InMemoryHistory();
        var instanceId = Guid.NewGuid();
        history.Append(instanceId, Row(caseId, T0, HistoryEventTypes.ProcessCompleted, null), 1);
        history.Archive(instanceId);
        history.Append(instanceId, Row(caseId, T0.AddHours(1), HistoryEventTypes.CaseClosed, new { status = "Closed" }), 1);
        Assert.That(history.ReadInstance(instanceId, int.MaxValue).Select(h => h.EventType),
            Is.EqualTo(new[] { HistoryEventTypes.ProcessCompleted, HistoryEventTypes.CaseClosed }), "packed and unpacked");

        history.Archive(instanceId);
        var rows = history.ReadInstance(instanceId, int.MaxValue);
        Assert.That(rows.Select(h => (h.Id, h.EventType, h.Timestamp, h.Details)), Is.EqualTo(new[]
        {
            (1L, HistoryEventTypes.ProcessCompleted, T0, (string?)null),
            (2L, HistoryEventTypes.CaseClosed, T0.AddHours(1), "{\"status\":\"Closed\"}"),
        }));

        history.Forget(instanceId);
        Assert.That(history.ReadInstance(instanceId, int.MaxValue), Is.Empty);
    }

    private static HistoryRow Row(Guid caseId, DateTimeOffset at, string eventType, object? details, string? elementId = null, string? userId = null) => new()
    {
        CaseId = caseId, Timestamp = at, EventType = eventType, ElementId = elementId, ElementType = elementId is null ? null : "startEvent",
        ElementName = elementId is null ? null : "Inicio", ExecutionId = elementId is null ? null : "e1", UserId = userId, Details = details,
    };

    private static object Fields(HistoryEventRecord h) =>
        (h.Id, h.InstanceId, h.CaseId, h.Timestamp.UtcTicks, h.Timestamp.Offset, h.EventType, h.ElementId, h.ElementType, h.ElementName, h.ExecutionId, h.UserId, h.Details);
}
