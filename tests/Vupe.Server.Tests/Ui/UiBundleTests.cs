using System.Diagnostics;

namespace Vupe.Server.Tests.Ui;

/// <summary>
/// The browser bundles the server serves are committed (so the README's commands need no npm); this checks they are
/// exactly what designer/ builds from its sources and lock file, so a source change without a rebuild fails here.
/// </summary>
public sealed class UiBundleTests
{
    [Test]
    public async Task The_committed_bundles_are_what_the_designer_sources_build()
    {
        var script = Path.Combine(BrowserTestBase.RepositoryRoot(), "scripts", "check-ui-bundles.sh");
        using var process = Process.Start(new ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.That(process.ExitCode, Is.Zero, $"{await output}\n{await errors}");
        Assert.That(await output, Does.Contain("bundles up to date"));
    }
}
