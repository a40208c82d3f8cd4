using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Vupe.Server.Trust;

/// <summary>
/// The server-held secret that keys the one-time codes' HMAC, kept out of the database: whoever reads the database
/// (a backup, a replica, an injection) finds only HMACs they cannot recompute, so a live six-digit code cannot be
/// brute-forced from them. <see cref="OneTimeCodeOptions.Pepper"/> when configured (required in Production); otherwise
/// a random one made once and kept in <see cref="OneTimeCodeOptions.PepperFile"/> (by default in the data folder, which
/// nodes on one database share for the document blobs too).
/// </summary>
public sealed class CodePepper(IOptions<OneTimeCodeOptions> options, ILogger<CodePepper> logger)
{
    private readonly Lazy<byte[]> _key = new(() => Load(options.Value, logger));

    public byte[] Key => _key.Value;

    private static byte[] Load(OneTimeCodeOptions o, ILogger logger)
    {
        if (!string.IsNullOrWhiteSpace(o.Pepper)) return Encoding.UTF8.GetBytes(o.Pepper);
        var path = o.PepperFile ?? throw new InvalidOperationException($"{OneTimeCodeOptions.Section}:Pepper or PepperFile must be set.");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        try
        {
            // Made once; of two nodes starting together on one data folder, one creates it and the other reads it.
            var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            using (var writer = new StreamWriter(file, new UTF8Encoding(false)))
                writer.Write(secret);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            logger.LogWarning("One-time codes are keyed with a pepper generated in {Path}; in production configure {Setting}", path, $"{OneTimeCodeOptions.Section}:Pepper");
            return Encoding.UTF8.GetBytes(secret);
        }
        catch (IOException) when (File.Exists(path))
        {
            for (var attempt = 0; ; attempt++)
            {
                var text = File.ReadAllText(path).Trim();
                if (text.Length > 0 || attempt >= 50) return text.Length >= OneTimeCodeOptions.MinPepperLength
                    ? Encoding.UTF8.GetBytes(text)
                    : throw new InvalidOperationException($"The one-time codes' pepper file {path} is empty or too short.");
                Thread.Sleep(20); // the other node is still writing it
            }
        }
    }
}

/// <summary>Production keeps the pepper in configuration (a secret store), never a file a node made up.</summary>
internal sealed class PepperCheck(IHostEnvironment environment) : IValidateOptions<OneTimeCodeOptions>
{
    public ValidateOptionsResult Validate(string? name, OneTimeCodeOptions options)
    {
        if (!string.IsNullOrEmpty(options.Pepper) && options.Pepper.Trim().Length < OneTimeCodeOptions.MinPepperLength)
            return ValidateOptionsResult.Fail($"{OneTimeCodeOptions.Section}:Pepper debe tener al menos {OneTimeCodeOptions.MinPepperLength} caracteres. "
                + $"/ The pepper must be at least {OneTimeCodeOptions.MinPepperLength} characters.");
        if (environment.IsProduction() && string.IsNullOrWhiteSpace(options.Pepper))
            return ValidateOptionsResult.Fail($"En producción configure {OneTimeCodeOptions.Section}:Pepper: un secreto aleatorio de al menos "
                + $"{OneTimeCodeOptions.MinPepperLength} caracteres, igual en todos los nodos y guardado fuera de la base de datos, con el que se firman los "
                + "códigos de un solo uso (docs/deployment.md). / In Production Vupe:OneTimeCodes:Pepper is required (a secret kept outside the database).");
        return ValidateOptionsResult.Success;
    }
}
