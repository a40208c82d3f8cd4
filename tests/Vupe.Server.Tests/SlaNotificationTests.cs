using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using netDumbster.smtp;
using Vupe.Engine;
using Vupe.Engine.Persistence;
using Vupe.Server.Notifications;
using Vupe.Workflows;

namespace Vupe.Server.Tests;

/// <summary>
/// SLA notices on a controlled clock, mailed through MailKit to a real SMTP server in the test process (netDumbster):
/// one warning before the due date to the task's holder, one escalation after it (a case in the supervisors' inbox and
/// a mail to the office's supervisor), nothing twice when the scan runs again, nothing for a completed task.
/// </summary>
public sealed class SlaNotificationTests : ServerTestBase
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    // A real SMTP server on a free port of this machine, for the fixture's server (stopped in StopSmtp).
    private readonly SimpleSmtpServer _smtp = Configuration.Configure().WithRandomPort().Build();

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Vupe:Mail:SmtpHost"] = "127.0.0.1";
        settings["Vupe:Mail:SmtpPort"] = _smtp.Configuration.Port.ToString(CultureInfo.InvariantCulture);
        settings["Vupe:Mail:Security"] = "None";
        settings["Vupe:PublicBaseUrl"] = "https://vupe.test";
        // Pages of two, so that a scan crosses pages (and due dates shared across a page's end) in every test here.
        settings["Vupe:Sla:BatchSize"] = "2";
        // The scan is off in test servers (VupeServerFactory): this test runs it itself, at the fake clock's time.
    }

    protected override void ConfigureServices(VupeServerFactory factory) =>
        factory.ServiceChanges = services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(_clock));

    [OneTimeTearDown]
    public void StopSmtp() => _smtp.Dispose();

    private async Task<SlaScanResult> ScanAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SlaScan>().RunAsync(CancellationToken.None);
    }

    /// <summary>The mails received that name this case, parsed (subjects and bodies decoded).</summary>
    private List<MimeMessage> MailsAbout(string caseNumber) =>
        [.. _smtp.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data ?? "")))).Where(m => m.Subject?.Contains(caseNumber, StringComparison.Ordinal) == true)];

    private static string To(MimeMessage message) => message.To.Mailboxes.Single().Address;

    private async Task<(Guid CaseId, string CaseNumber, Guid TaskId)> OpenOrientationAsync(HttpClient client, string user = "consultor.lim")
    {
        var opened = await OpenCaseAsync(user);
        var caseId = opened.GetProperty("id").GetGuid();
        var task = await FirstTaskOfCaseAsync(caseId, user);
        Assert.That(task.GetProperty("elementId").GetString(), Is.EqualTo("entrevista"), "due in two days (P2D)");
        (await client.PostAsync($"/api/tasks/{task.GetProperty("id").GetGuid()}/claim", null)).EnsureSuccessStatusCode();
        return (caseId, opened.GetProperty("caseNumber").GetString()!, task.GetProperty("id").GetGuid());
    }

    [Test]
    public async Task A_due_task_is_warned_once_before_and_escalated_once_after_and_a_completed_task_gets_neither()
    {
        var lima = await As("consultor.lim");
        var (caseId, caseNumber, taskId) = await OpenOrientationAsync(lima);
        // A second case whose interview is done at once: it must never be warned about or escalated.
        var (doneCaseId, doneCaseNumber, doneTaskId) = await OpenOrientationAsync(lima);
        var completed = await lima.PostAsJsonAsync($"/api/tasks/{doneTaskId}/complete", new { data = new { interes = "Logística" } });
        Assert.That(completed.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await completed.Content.ReadAsStringAsync());

        await ScanAsync();
        Assert.That(MailsAbout(caseNumber), Is.Empty, "two days ahead: too early to warn");

        // Lead: the smaller of 24 h and a quarter of the task's two days, i.e. 12 h before the due date.
        _clock.Advance(TimeSpan.FromHours(36) + TimeSpan.FromMinutes(1));
        await ScanAsync();
        var warnings = MailsAbout(caseNumber);
        Assert.That(warnings, Has.Count.EqualTo(1));
        var warning = warnings[0];
        Assert.That(To(warning), Is.EqualTo("consultor.lim@vupe.example"), "the task's holder");
        Assert.That(warning.Subject, Does.StartWith("Tarea por vencer: «Entrevista de orientación» del expediente " + caseNumber));
        Assert.That(warning.TextBody, Does.Contain($"https://vupe.test/tareas/{taskId}").And.Contain("Usted la tiene asignada"));

        await ScanAsync();
        Assert.That(MailsAbout(caseNumber), Has.Count.EqualTo(1), "warned once only");

        _clock.Advance(TimeSpan.FromHours(12));
        await ScanAsync();
        var mails = MailsAbout(caseNumber);
        Assert.That(mails, Has.Count.EqualTo(2), "no second warning");
        var escalations = mails.Where(m => m.Subject!.StartsWith("Tarea vencida", StringComparison.Ordinal)).ToList();
        Assert.That(escalations, Has.Count.EqualTo(1), "one mail: Lima has one supervisor");
        var escalationMail = escalations[0];
        Assert.That(To(escalationMail), Is.EqualTo("supervisor.lim@vupe.example"));
        Assert.That(escalationMail.Subject, Is.EqualTo($"Tarea vencida: «Entrevista de orientación» del expediente {caseNumber}"));
        Assert.That(escalationMail.TextBody, Does.Contain($"https://vupe.test/tareas/{taskId}").And.Contain("Ana Quispe Mamani"));

        // The escalation is a case in the supervisors' inbox, a child of the overdue task's case.
        var engine = Factory.Services.GetRequiredService<ProcessEngine>();
        var escalationCase = (await engine.Cases.QueryAsync(new CaseFilter { ParentCaseId = caseId, ProcessKey = VupeProcesses.TaskEscalation })).Single();
        Assert.That(escalationMail.TextBody, Does.Contain(escalationCase.CaseNumber).And.Contain($"https://vupe.test/expedientes/{escalationCase.Id}"));
        var supervisor = await Factory.ClientForAsync("supervisor.lim"); // the clock moved past the earlier tokens' expiry
        var inbox = await supervisor.GetFromJsonAsync<JsonElement>("/api/tasks?view=Available&pageSize=100");
        var item = inbox.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("caseId").GetGuid() == escalationCase.Id);
        Assert.That(item.GetProperty("elementId").GetString(), Is.EqualTo("atenderEscalamiento"));
        Assert.That(item.GetProperty("candidateGroups").EnumerateArray().Select(g => g.GetString()), Is.EqualTo(new[] { "LIM-supervisor" }));
        var consultantInbox = await (await Factory.ClientForAsync("consultor2.lim")).GetFromJsonAsync<JsonElement>("/api/tasks?view=Available&pageSize=100");
        Assert.That(consultantInbox.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("caseId").GetGuid()), Does.Not.Contain(escalationCase.Id));

        await ScanAsync();
        Assert.That(MailsAbout(caseNumber), Has.Count.EqualTo(2), "nothing sent twice");
        Assert.That(await engine.Cases.CountAsync(new CaseFilter { ParentCaseId = caseId, ProcessKey = VupeProcesses.TaskEscalation }), Is.EqualTo(1));

        // Both notices are in the case's trail, once each, and the chain holds.
        var trail = await supervisor.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/audit");
        var actions = trail.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.That(actions.Count(a => a == "task.sla.warned"), Is.EqualTo(1));
        Assert.That(actions.Count(a => a == "task.sla.escalated"), Is.EqualTo(1));
        await AnchorAuditAsync();
        var verdict = await supervisor.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/audit/verify");
        Assert.That(verdict.GetProperty("valid").GetBoolean(), Is.True);

        // The completed interview got nothing (its case's next step has its own, shorter, due date).
        Assert.That(MailsAbout(doneCaseNumber).Where(m => m.Subject!.Contains("Entrevista", StringComparison.Ordinal)), Is.Empty);
        Assert.That(await engine.Cases.CountAsync(new CaseFilter { ParentCaseId = doneCaseId, ProcessKey = VupeProcesses.TaskEscalation }), Is.EqualTo(1),
            "only the follow-up step's escalation");
        var doneTrail = await supervisor.GetFromJsonAsync<JsonElement>($"/api/cases/{doneCaseId}/audit");
        Assert.That(doneTrail.EnumerateArray().Where(e => e.GetProperty("action").GetString()!.StartsWith("task.sla", StringComparison.Ordinal))
            .Select(e => e.GetProperty("data").GetString() ?? ""), Has.None.Contains(doneTaskId.ToString()));
    }

    [Test]
    public async Task A_scan_warns_every_due_task_of_every_office_across_pages_and_due_dates_shared_at_a_pages_end()
    {
        // Opened at one instant of the test's clock: five interviews in Lima and two in Cusco due at the same moment, read
        // in pages of two — each page ends on a due date the next one shares.
        SignOutAll(); // another test here may have moved the clock past the tokens' life
        var lima = await As("consultor.lim");
        var cusco = await As("consultor.cus");
        var cases = new List<string>();
        for (var i = 0; i < 5; i++) cases.Add((await OpenOrientationAsync(lima)).CaseNumber);
        for (var i = 0; i < 2; i++) cases.Add((await OpenOrientationAsync(cusco, "consultor.cus")).CaseNumber);

        _clock.Advance(TimeSpan.FromHours(36) + TimeSpan.FromMinutes(1));
        await ScanAsync();
        Assert.That(cases.Select(c => MailsAbout(c).Count), Is.All.EqualTo(1), "each interview warned, once");
        await ScanAsync();
        Assert.That(cases.Select(c => MailsAbout(c).Count), Is.All.EqualTo(1), "and not again");
    }

    [Test]
    public void The_warning_comes_within_the_smaller_of_the_window_and_the_fraction_of_the_tasks_time()
    {
        var options = new SlaOptions { WarningWindow = TimeSpan.FromHours(24), WarningFraction = 0.25 };
        var created = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        TaskInfo Task(TimeSpan duration, string process = "orientacion") => new(Guid.NewGuid(), "t", "t", Guid.NewGuid(), Guid.NewGuid(), "LIM-1", "LIM", process,
            null, [], [], created + duration, null, 50, null, created, null, 1);
        var twoHours = Task(TimeSpan.FromHours(2));
        Assert.That(SlaScan.KindFor(twoHours, created.AddMinutes(89), options), Is.Null);
        Assert.That(SlaScan.KindFor(twoHours, created.AddMinutes(90), options), Is.EqualTo(SlaNoticeKinds.Warning));
        var week = Task(TimeSpan.FromDays(7));
        Assert.That(SlaScan.KindFor(week, created.AddDays(6).AddMinutes(-1), options), Is.Null);
        Assert.That(SlaScan.KindFor(week, created.AddDays(6), options), Is.EqualTo(SlaNoticeKinds.Warning));
        Assert.That(SlaScan.KindFor(week, created.AddDays(7), options), Is.EqualTo(SlaNoticeKinds.Escalation));
        Assert.That(SlaScan.KindFor(Task(TimeSpan.FromHours(1), VupeProcesses.TaskEscalation), created.AddDays(1), options), Is.Null, "escalations are not escalated");
    }
}
