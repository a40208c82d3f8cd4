using System.Diagnostics;

namespace Vupe.Server.Tests;

/// <summary>Runs poppler's pdfsig and pdftotext on a file (installed by scripts/install-prerequisites.sh).</summary>
internal static class PdfTools
{
    public static Task<(int ExitCode, string Output)> PdfSigAsync(byte[] pdf) => RunAsync("pdfsig", pdf);

    /// <summary>The PDF's text as poppler's pdftotext reads it.</summary>
    public static async Task<string> TextAsync(byte[] pdf) => (await RunAsync("pdftotext", pdf, "-")).Output;

    private static async Task<(int ExitCode, string Output)> RunAsync(string tool, byte[] pdf, params string[] after)
    {
        var path = Path.Combine(Path.GetTempPath(), "vupe-tests", Guid.NewGuid().ToString("N") + ".pdf");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo(tool, [path, .. after]) { RedirectStandardOutput = true, RedirectStandardError = true })
                ?? throw new InvalidOperationException($"{tool} could not be started; run scripts/install-prerequisites.sh (poppler-utils).");
            var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, output);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
