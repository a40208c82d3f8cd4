using System.Reflection;
using Vupe.Engine;
using Vupe.Server.Admin;
using Vupe.Server.Cases;

namespace Vupe.Server.Tests;

public sealed class CaseNarrativeTests
{
    private static IEnumerable<string> EventTypes() => typeof(HistoryEventTypes)
        .GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);

    [TestCaseSource(nameof(EventTypes))]
    public void Every_history_event_reads_as_a_Spanish_sentence(string eventType)
    {
        var sentence = CaseNarrative.Sentence(new HistoryEntry(1, DateTimeOffset.UnixEpoch, eventType, Guid.NewGuid(), Guid.NewGuid(),
            "Task_1", "userTask", "Diagnóstico de empleabilidad", null, "ana.quispe", null));
        Assert.That(sentence, Does.Not.Contain(eventType), "a new engine event needs its sentence in CaseNarrative");
    }

    [Test]
    public void A_claim_names_who_took_which_task()
    {
        var sentence = CaseNarrative.Sentence(new HistoryEntry(1, DateTimeOffset.UnixEpoch, HistoryEventTypes.TaskClaimed, Guid.NewGuid(),
            Guid.NewGuid(), "Task_1", "userTask", "Diagnóstico de empleabilidad", null, "ana.quispe", null));
        Assert.That(sentence, Is.EqualTo("ana.quispe tomó la tarea «Diagnóstico de empleabilidad»"));
    }

    [Test]
    public void People_are_named_by_their_full_name_with_their_user_name()
    {
        var people = new People(new Dictionary<string, string> { ["ana.quispe"] = "Ana Quispe Mamani" });
        var entry = new HistoryEntry(1, DateTimeOffset.UnixEpoch, HistoryEventTypes.TaskClaimed, Guid.NewGuid(),
            Guid.NewGuid(), "Task_1", "userTask", "Diagnóstico de empleabilidad", null, "ana.quispe", null);

        Assert.That(CaseNarrative.Sentence(entry, people), Is.EqualTo("Ana Quispe Mamani (ana.quispe) tomó la tarea «Diagnóstico de empleabilidad»"));
        Assert.That(people.Describe("usuario.borrado"), Is.EqualTo("usuario.borrado"), "someone no longer known keeps the stored name");
    }

    [Test]
    public void A_gateway_without_a_name_is_named_by_its_id()
    {
        var sentence = CaseNarrative.Sentence(new HistoryEntry(1, DateTimeOffset.UnixEpoch, HistoryEventTypes.ElementCompleted, Guid.NewGuid(),
            Guid.NewGuid(), "Gateway_3", "exclusiveGateway", null, null, null, null));
        Assert.That(sentence, Is.EqualTo("Terminó la bifurcación «Gateway_3»"));
    }
}
