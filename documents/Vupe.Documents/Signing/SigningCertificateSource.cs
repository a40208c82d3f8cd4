using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Vupe.Documents.Signing;

/// <summary>
/// Decides once, on first use, which certificate signs: the configured one, or (when none is configured and it
/// is allowed) the development CA's. Loading is deferred so a host that never signs never touches key material.
/// </summary>
public sealed partial class SigningCertificateSource
{
    private readonly Lazy<(ISignatureProvider Provider, X509Certificate2? DevelopmentRoot)> _resolved;

    public SigningCertificateSource(
        IOptions<SigningCertificateOptions> options,
        DevelopmentCertificateAuthority developmentAuthority,
        ILogger<SigningCertificateSource> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _resolved = new(() => Resolve(settings, developmentAuthority, logger));
    }

    public ISignatureProvider Provider => _resolved.Value.Provider;

    /// <summary>The development root when the development CA is in use; null with a real certificate.</summary>
    public X509Certificate2? DevelopmentRoot => _resolved.Value.DevelopmentRoot;

    private static (ISignatureProvider, X509Certificate2?) Resolve(SigningCertificateOptions options, DevelopmentCertificateAuthority authority, ILogger logger)
    {
        if (options.IsConfigured)
        {
            var (certificate, chain) = SigningCertificateLoader.Load(options);
            LogConfigured(logger, certificate.Subject, certificate.Thumbprint);
            return (new CmsSignatureProvider(certificate, chain), null);
        }
        if (!options.AllowDevelopmentCertificate)
        {
            throw new InvalidOperationException(
                "No signing certificate is configured (Vupe:Documents:Signing:PfxPath or Thumbprint) and the development certificate is not allowed.");
        }
        var development = authority.GetOrCreate(options.DevelopmentCertificateDirectory);
        return (new CmsSignatureProvider(development.Signing), development.Root);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Signing documents with {Subject} ({Thumbprint})")]
    private static partial void LogConfigured(ILogger logger, string subject, string thumbprint);
}
