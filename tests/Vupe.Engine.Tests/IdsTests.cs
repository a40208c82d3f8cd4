using Vupe.Engine.Runtime;

namespace Vupe.Engine.Tests;

public sealed class IdsTests
{
    [Test]
    public void New_ids_are_version_7_with_the_current_time_and_all_different()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        // More than one refill of the random bytes (64 ids each).
        var ids = Enumerable.Range(0, 1000).Select(_ => Ids.NewVersion7()).ToList();
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Assert.That(ids.Distinct().Count(), Is.EqualTo(ids.Count));
        foreach (var id in ids)
        {
            Assert.That(id.Version, Is.EqualTo(7));
            Assert.That(id.Variant >> 2, Is.EqualTo(0b10), "RFC 9562 variant");
            var bytes = id.ToByteArray(bigEndian: true);
            var ms = 0L;
            for (var i = 0; i < 6; i++) ms = (ms << 8) | bytes[i];
            Assert.That(ms, Is.InRange(before, after));
        }
        // The time read back the same way from the runtime's own version 7 id: the same layout.
        var runtime = Guid.CreateVersion7(DateTimeOffset.FromUnixTimeMilliseconds(after)).ToByteArray(bigEndian: true);
        var runtimeMs = 0L;
        for (var i = 0; i < 6; i++) runtimeMs = (runtimeMs << 8) | runtime[i];
        Assert.That(runtimeMs, Is.EqualTo(after));
    }
}
