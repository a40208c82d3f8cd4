using System.Diagnostics;

namespace Vupe.Documents.Tests;

/// <summary>The outcome of running a command-line tool.</summary>
internal sealed record ToolResult(int ExitCode, string Output)
{
    public override string ToString() => $"exit {ExitCode}:\n{Output}";
}

/// <summary>
/// Runs the independent checkers (poppler's pdfsig, qpdf). A missing tool fails the test with the way to
/// install it instead of a bare "file not found".
/// </summary>
internal static class ExternalTool
{
    public static async Task<ToolResult> RunAsync(string tool, params string[] arguments)
    {
        var path = Find(tool) ?? throw new AssertionException(
            $"'{tool}' is not installed; these tests check PDFs with independent tools. Run scripts/install-prerequisites.sh " +
            "(Debian packages poppler-utils and qpdf).");
        var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new ToolResult(process.ExitCode, await stdout + await stderr);
    }

    public static Task<ToolResult> QpdfCheckAsync(string file) => RunAsync("qpdf", "--check", file);

    public static Task<ToolResult> PdfSigAsync(string file) => RunAsync("pdfsig", file);

    private static string? Find(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, tool))
            .FirstOrDefault(File.Exists);
}
