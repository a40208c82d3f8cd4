using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Vupe.Server.Audit;

namespace Vupe.Server.Tests;

/// <summary>
/// The signed checkpoints over every trail's head: what someone with write access to the database can do to a trail
/// (shorten it, delete it, rewrite it and rehash the rest, forge the checkpoint) is reported, and entries newer than
/// the checkpoint are "aún no anclado". With the anchor file (read first) and with the database's copy alone.
/// </summary>
[TestFixture(TestStore.Sqlite, true)]
[TestFixture(TestStore.Postgres, true)]
[TestFixture(TestStore.Sqlite, false)]
[TestFixture(TestStore.Postgres, false)]
public sealed class AuditAnchorTests(TestStore store, bool anchorFile) : ServerTestBase(store)
{
    private string? _anchorPath;

    protected override void Configure(Dictionary<string, string?> settings)
    {
        // The tests write the checkpoints themselves: the recurring job would only add more.
        settings["Vupe:Audit:Cron"] = Hangfire.Cron.Never();
        if (anchorFile) settings["Vupe:Audit:AnchorPath"] = _anchorPath = Path.Combine(Path.GetTempPath(), $"vupe-anchor-{Guid.NewGuid():N}", "anclaje.jsonl");
    }

    [OneTimeTearDown]
    public void DeleteAnchorFile()
    {
        if (_anchorPath is not null && Path.GetDirectoryName(_anchorPath) is { } directory && Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }

    private async Task<JsonElement> VerifyAsync(Guid caseId) =>
        await (await As("auditor")).GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/audit/verify");

    /// <summary>A case whose trail has four entries: opened and read three times.</summary>
    private async Task<Guid> CaseWithFourEntriesAsync()
    {
        var caseId = (await OpenCaseAsync()).GetProperty("id").GetGuid();
        for (var i = 0; i < 3; i++) await FirstTaskOfCaseAsync(caseId);
        return caseId;
    }

    private static void AssertBroken(JsonElement verdict, string problem)
    {
        Assert.That(verdict.GetProperty("valid").GetBoolean(), Is.False, verdict.ToString());
        Assert.That(verdict.GetProperty("status").GetString(), Is.EqualTo("roto"), verdict.ToString());
        Assert.That(verdict.GetProperty("problem").GetString(), Does.Contain(problem));
    }

    [Test]
    public async Task Entries_newer_than_the_checkpoint_are_not_yet_anchored_never_valid()
    {
        var caseId = await CaseWithFourEntriesAsync();
        await AnchorAuditAsync();
        var verdict = await VerifyAsync(caseId);
        Assert.That(verdict.GetProperty("valid").GetBoolean(), Is.True, verdict.ToString());
        Assert.That(verdict.GetProperty("status").GetString(), Is.EqualTo("válido"));

        await FirstTaskOfCaseAsync(caseId); // one more entry, after the checkpoint
        verdict = await VerifyAsync(caseId);
        Assert.That(verdict.GetProperty("valid").GetBoolean(), Is.False);
        Assert.That(verdict.GetProperty("status").GetString(), Is.EqualTo("aún no anclado"));
        Assert.That(verdict.GetProperty("unanchored").GetInt32(), Is.EqualTo(1));

        var fresh = (await OpenCaseAsync()).GetProperty("id").GetGuid(); // a trail the checkpoint does not know
        verdict = await VerifyAsync(fresh);
        Assert.That(verdict.GetProperty("status").GetString(), Is.EqualTo("aún no anclado"));
        Assert.That(verdict.GetProperty("unanchored").GetInt32(), Is.EqualTo(1));
    }

    [Test]
    public async Task Deleting_the_last_entry_of_a_trail_is_detected_and_stays_detected_after_the_next_checkpoint()
    {
        var caseId = await CaseWithFourEntriesAsync();
        await AnchorAuditAsync();
        Assert.That(await Factory.ExecuteSqlAsync("""DELETE FROM "AuditEntries" WHERE "Trail" = @trail AND "Sequence" = 4""", ("trail", $"case:{caseId}")), Is.EqualTo(1));
        AssertBroken(await VerifyAsync(caseId), "faltan las últimas entradas");
        await AnchorAuditAsync();
        AssertBroken(await VerifyAsync(caseId), "faltan las últimas entradas");
    }

    [Test]
    public async Task Deleting_a_whole_trail_is_detected()
    {
        var caseId = await CaseWithFourEntriesAsync();
        await AnchorAuditAsync();
        Assert.That(await Factory.ExecuteSqlAsync("""DELETE FROM "AuditEntries" WHERE "Trail" = @trail""", ("trail", $"case:{caseId}")), Is.EqualTo(4));
        AssertBroken(await VerifyAsync(caseId), "el historial fue eliminado");
        await AnchorAuditAsync();
        AssertBroken(await VerifyAsync(caseId), "el historial fue eliminado");
    }

    [Test]
    public async Task Editing_an_entry_and_recomputing_the_later_hashes_is_detected()
    {
        var caseId = await CaseWithFourEntriesAsync();
        await AnchorAuditAsync();
        var trail = $"case:{caseId}";
        var entries = await Factory.Services.GetRequiredService<AuditLog>().ReadAsync(trail, CancellationToken.None);
        var previous = entries[0].Hash;
        foreach (var entry in entries.Skip(1))
        {
            // A forger who knows the hashing rewrites who read the case and recomputes every hash after it.
            var forged = new AuditEntry
            {
                Trail = entry.Trail, Sequence = entry.Sequence, At = entry.At, ActorId = entry.ActorId, ActorName = entry.Sequence == 2 ? "otro" : entry.ActorName,
                ActorRoles = entry.ActorRoles, ActorOffice = entry.ActorOffice, RemoteAddress = entry.RemoteAddress, Action = entry.Action, Data = entry.Data,
                PreviousHash = previous, Hash = "",
            };
            forged.Hash = AuditLog.ComputeHash(forged);
            Assert.That(await Factory.ExecuteSqlAsync("""UPDATE "AuditEntries" SET "ActorName" = @name, "PreviousHash" = @previous, "Hash" = @hash WHERE "Id" = @id""",
                ("name", forged.ActorName), ("previous", forged.PreviousHash), ("hash", forged.Hash), ("id", entry.Id)), Is.EqualTo(1));
            previous = forged.Hash;
        }
        Assert.That(AuditLog.Verify(await Factory.Services.GetRequiredService<AuditLog>().ReadAsync(trail, CancellationToken.None)).Valid, Is.True,
            "the chain alone holds: only the checkpoint shows the rewrite");
        AssertBroken(await VerifyAsync(caseId), "reescritas");
        await AnchorAuditAsync();
        AssertBroken(await VerifyAsync(caseId), "reescritas");
    }

    [Test]
    public async Task A_checkpoint_whose_signature_fails_is_itself_a_violation()
    {
        var caseId = await CaseWithFourEntriesAsync();
        await AnchorAuditAsync();
        if (_anchorPath is not null)
        {
            // A line appended with a content it was not signed for.
            var last = File.ReadLines(_anchorPath).Last();
            var line = JsonSerializer.Deserialize<AnchorLine>(last)!;
            await File.AppendAllTextAsync(_anchorPath, JsonSerializer.Serialize(line with { Content = line.Content.Replace("\"entries\":4", "\"entries\":5", StringComparison.Ordinal) }) + "\n");
        }
        else
        {
            // A checkpoint added with a content it was not signed for (one edited in place is caught alike, but then no
            // valid one is left to carry forward: the anchor file is what protects against that).
            Assert.That(await Factory.ExecuteSqlAsync("""
                INSERT INTO "AuditCheckpoints" ("At", "Content", "Signature")
                SELECT "At", REPLACE("Content", '"sequence":4', '"sequence":3'), "Signature" FROM "AuditCheckpoints" WHERE "Id" = (SELECT MAX("Id") FROM "AuditCheckpoints")
                """), Is.EqualTo(1));
        }
        AssertBroken(await VerifyAsync(caseId), "la firma del último punto de control");

        // The next checkpoint is signed again, and carried forward from the last valid one: a trail shortened meanwhile is not anchored as it is now.
        Assert.That(await Factory.ExecuteSqlAsync("""DELETE FROM "AuditEntries" WHERE "Trail" = @trail AND "Sequence" = 4""", ("trail", $"case:{caseId}")), Is.EqualTo(1));
        await AnchorAuditAsync();
        AssertBroken(await VerifyAsync(caseId), "faltan las últimas entradas");
    }

    [Test]
    public async Task A_checkpoint_lists_only_the_trails_that_changed_since_the_one_before()
    {
        var untouched = await CaseWithFourEntriesAsync();
        var touched = await CaseWithFourEntriesAsync();
        await AnchorAuditAsync();
        await FirstTaskOfCaseAsync(touched);
        var checkpoint = await Factory.Services.GetRequiredService<AuditAnchor>().WriteCheckpointAsync(CancellationToken.None);

        Assert.That(checkpoint, Is.Not.Null, "a trail changed: a checkpoint is written");
        var content = CheckpointContent.Parse(checkpoint!.Content)!;
        var trails = content.Heads.Select(h => h.Trail).ToList();
        Assert.That(trails, Does.Contain($"case:{touched}"));
        Assert.That(trails, Does.Not.Contain($"case:{untouched}"), "an unchanged trail is not signed again");
        Assert.That(content.Trails, Is.GreaterThan(content.Heads.Count), "the totals count every anchored trail");
        Assert.That(content.UpTo, Is.GreaterThan(0));
        foreach (var caseId in new[] { untouched, touched })
            Assert.That((await VerifyAsync(caseId)).GetProperty("status").GetString(), Is.AnyOf("válido", "aún no anclado"), "each anchored, by one checkpoint or the other");
        await AnchorAuditAsync(); // the verifications' own reads
        Assert.That((await VerifyAsync(untouched)).GetProperty("valid").GetBoolean(), Is.True);
    }

    [Test]
    public async Task A_checkpoint_torn_by_a_crash_spoils_neither_the_next_one_nor_a_restart()
    {
        if (_anchorPath is null) Assert.Ignore("the anchor file's own failure mode");
        var caseId = await CaseWithFourEntriesAsync();
        await AnchorAuditAsync();
        var line = File.ReadLines(_anchorPath).Last();
        await File.AppendAllTextAsync(_anchorPath, line[..(line.Length / 2)]); // killed in the middle of the write: no newline

        await FirstTaskOfCaseAsync(caseId);
        await AnchorAuditAsync();
        var verdict = await VerifyAsync(caseId);
        Assert.That(verdict.GetProperty("status").GetString(), Is.AnyOf("válido", "aún no anclado"), verdict.ToString());
        await AnchorAuditAsync();
        Assert.That((await VerifyAsync(caseId)).GetProperty("valid").GetBoolean(), Is.True);

        // A node started now reads the whole file, torn line included, to the same heads.
        using var restarted = ActivatorUtilities.CreateInstance<AuditAnchor>(Factory.Services);
        var trail = $"case:{caseId}";
        var anchored = await restarted.ForTrailAsync(trail, CancellationToken.None);
        var entries = await Factory.Services.GetRequiredService<AuditLog>().ReadAsync(trail, CancellationToken.None);
        Assert.That(anchored?.SignatureValid, Is.True);
        Assert.That(anchored!.Head?.Sequence, Is.GreaterThanOrEqualTo(5));
        Assert.That(entries.First(e => e.Sequence == anchored.Head!.Sequence).Hash, Is.EqualTo(anchored.Head!.Hash));
    }
}
