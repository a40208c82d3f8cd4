using System.Security.Cryptography.X509Certificates;

namespace Vupe.Documents.Signing;

/// <summary>
/// Where the signing certificate comes from: a PFX file, or the machine's certificate store by thumbprint.
/// With neither configured, a development certificate authority is used (see <see cref="DevelopmentCertificateAuthority"/>).
/// </summary>
public sealed class SigningCertificateOptions
{
    public string? PfxPath { get; set; }

    public string? PfxPassword { get; set; }

    public string? Thumbprint { get; set; }

    public StoreLocation StoreLocation { get; set; } = StoreLocation.CurrentUser;

    public StoreName StoreName { get; set; } = StoreName.My;

    /// <summary>Allowed by default so a fresh checkout can issue documents; production hosts should set this to false.</summary>
    public bool AllowDevelopmentCertificate { get; set; } = true;

    /// <summary>Where the development CA and signing certificate are kept between runs.</summary>
    public string DevelopmentCertificateDirectory { get; set; } = "data/dev-signing";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(PfxPath) || !string.IsNullOrWhiteSpace(Thumbprint);
}
