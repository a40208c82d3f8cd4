using System.Diagnostics;

namespace Vupe.Server.Tests;

/// <summary>Runs poppler's pdfsig on a file (installed by scripts/install-prerequisites.sh).</summary>
internal static class PdfTools
{
    public static async Task<(int ExitCode, string Output)> PdfSigAsync(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), "vupe-tests", Guid.NewGuid().ToString("N") + ".pdf");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdfsig", [path]) { RedirectStandardOutput = true, RedirectStandardError = true })
                ?? throw new InvalidOperationException("pdfsig could not be started; run scripts/install-prerequisites.sh (poppler-utils).");
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
