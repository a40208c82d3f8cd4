namespace Vupe.Engine.Tests;

public sealed class MessageTests : EngineTestBase
{
    [Test]
    public async Task Receive_task_continues_when_its_message_arrives_with_the_right_key()
    {
        await DeployAsync("Message.ReceiveTask.bpmn");
        var a = await StartAsync("awaitDocs", new { caseRef = "A" });
        var b = await StartAsync("awaitDocs", new { caseRef = "B" });

        var result = await Engine.Runtime.CorrelateMessageAsync("documentsReceived", "B", new Dictionary<string, object?> { ["pages"] = 3 });

        Assert.That(result.DeliveredTo, Is.EqualTo(new[] { b.Id }));
        await AssertActiveAtAsync(a.Id, "receive");
        await AssertCompletedAsync(b.Id);
        Assert.That((await Engine.Runtime.GetVariablesAsync(b.Id))["pages"], Is.EqualTo(3m));
    }

    [Test]
    public async Task A_message_for_a_suspended_instance_only_is_refused_and_delivered_after_the_resume_when_sent_again()
    {
        await DeployAsync("Message.ReceiveTask.bpmn");
        var instance = await StartAsync("awaitDocs", new { caseRef = "PAUSA" });
        await Engine.Runtime.SuspendAsync(instance.Id, "revisión");

        var refused = await Assert.ThrowsAsync<InvalidStateException>(() => Engine.Runtime.CorrelateMessageAsync("documentsReceived", "PAUSA",
            new Dictionary<string, object?> { ["pages"] = 2 }));
        Assert.That(refused!.Message, Does.Contain("suspended").Or.Contain("suspendido"));
        Assert.That(refused.Message, Does.Contain(instance.Id.ToString()));
        await AssertActiveAtAsync(instance.Id, "receive");

        await Engine.Runtime.ResumeAsync(instance.Id, "revisado");
        await AssertActiveAtAsync(instance.Id, "receive"); // nothing was buffered for it to read on resume
        var result = await Engine.Runtime.CorrelateMessageAsync("documentsReceived", "PAUSA", new Dictionary<string, object?> { ["pages"] = 2 });

        Assert.That(result.DeliveredTo, Is.EqualTo(new[] { instance.Id }));
        await AssertCompletedAsync(instance.Id);
    }

    [Test]
    public async Task A_message_that_arrives_early_is_buffered_and_delivered_when_the_receive_task_is_reached()
    {
        await DeployAsync("Message.ReceiveTask.bpmn");
        var early = await Engine.Runtime.CorrelateMessageAsync("documentsReceived", "EARLY", new Dictionary<string, object?> { ["pages"] = 7 });
        Assert.That(early.Buffered, Is.True);
        Assert.That(early.DeliveredTo, Is.Empty);

        var instance = await StartAsync("awaitDocs", new { caseRef = "EARLY" });

        await AssertCompletedAsync(instance.Id);
        Assert.That((await Engine.Runtime.GetVariablesAsync(instance.Id))["pages"], Is.EqualTo(7m));
    }

    [Test]
    public async Task A_buffered_message_expires_after_its_time_to_live()
    {
        await DeployAsync("Message.ReceiveTask.bpmn");
        await Engine.Runtime.CorrelateMessageAsync("documentsReceived", "LATE", timeToLive: TimeSpan.FromMinutes(5));
        Clock.Advance(TimeSpan.FromMinutes(6));
        var instance = await StartAsync("awaitDocs", new { caseRef = "LATE" });
        await AssertActiveAtAsync(instance.Id, "receive");
    }

    [Test]
    public async Task A_message_with_zero_time_to_live_and_no_receiver_is_rejected()
    {
        var e = await Assert.ThrowsAsync<MessageNotCorrelatedException>(() =>
            Engine.Runtime.CorrelateMessageAsync("documentsReceived", "NOBODY", timeToLive: TimeSpan.Zero));
        Assert.That(e!.Message, Does.Contain("documentsReceived").And.Contain("NOBODY"));
    }

    [Test]
    public async Task Interrupting_message_boundary_cancels_the_task()
    {
        await DeployAsync("Message.Boundary.bpmn");
        var instance = await StartAsync("cancellable", new { caseRef = "X1" });
        await Engine.Runtime.CorrelateMessageAsync("withdrawn", "X1");
        await AssertCompletedAsync(instance.Id);
        Assert.That(await TasksAsync(instance.Id), Is.Empty);
        Assert.That(await CompletedElementsAsync(instance.Id), Does.Contain("closed"));
    }

    [Test]
    public async Task Message_start_event_opens_a_case_at_the_office_in_the_message()
    {
        await DeployAsync("Message.Start.bpmn");
        var result = await Engine.Runtime.CorrelateMessageAsync("requestFiled", null, new Dictionary<string, object?> { ["officeCode"] = "CUS", ["dni"] = "12345678" });
        var instance = await InstanceAsync(result.Started.Single());
        Assert.That(instance.CaseNumber, Is.EqualTo("CUS-2026-000001"));
        await AssertActiveAtAsync(instance.Id, "triage");
    }

    [Test]
    public async Task Message_throw_event_delivers_to_another_instance_with_its_input_variables()
    {
        await DeployAsync("Message.ReceiveTask.bpmn", "Message.Throw.bpmn");
        var waiting = await StartAsync("awaitDocs", new { caseRef = "K" });
        var sender = await StartAsync("notifier", new { caseRef = "K" });
        await AssertCompletedAsync(sender.Id);
        await AssertCompletedAsync(waiting.Id);
        Assert.That((await Engine.Runtime.GetVariablesAsync(waiting.Id))["verdict"], Is.EqualTo("ok"));
    }
}

public sealed class SignalTests : EngineTestBase
{
    [Test]
    public async Task A_thrown_signal_reaches_every_waiting_instance()
    {
        await DeployAsync("Signal.CatchAndThrow.bpmn");
        var w1 = await StartAsync("waiter");
        var w2 = await StartAsync("waiter");
        await StartAsync("closer");
        await AssertCompletedAsync(w1.Id);
        await AssertCompletedAsync(w2.Id);
    }

    [Test]
    public async Task The_api_broadcasts_signals_too()
    {
        await DeployAsync("Signal.CatchAndThrow.bpmn");
        var w = await StartAsync("waiter");
        Assert.That(await Engine.Runtime.SignalAsync("officeClosed"), Is.EqualTo(1));
        await AssertCompletedAsync(w.Id);
    }
}
