using System.Security.Cryptography.X509Certificates;

namespace Vupe.Documents.Signing;

/// <summary>Loads the configured signing certificate (PFX file or certificate store), with its chain.</summary>
public static class SigningCertificateLoader
{
    /// <returns>The certificate with its private key, and the other certificates found with it (intermediates, root).</returns>
    public static (X509Certificate2 Certificate, IReadOnlyList<X509Certificate2> Chain) Load(SigningCertificateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.PfxPath))
        {
            if (!File.Exists(options.PfxPath))
            {
                throw new InvalidOperationException($"The signing certificate file {options.PfxPath} does not exist.");
            }
            var all = X509CertificateLoader.LoadPkcs12CollectionFromFile(options.PfxPath, options.PfxPassword);
            var certificate = all.FirstOrDefault(c => c.HasPrivateKey)
                ?? throw new InvalidOperationException($"The file {options.PfxPath} holds no certificate with a private key.");
            return (certificate, [.. all.Where(c => c != certificate)]);
        }
        if (!string.IsNullOrWhiteSpace(options.Thumbprint))
        {
            using var store = new X509Store(options.StoreName, options.StoreLocation);
            store.Open(OpenFlags.ReadOnly);
            var found = store.Certificates.Find(X509FindType.FindByThumbprint, options.Thumbprint, validOnly: false);
            var certificate = found.FirstOrDefault(c => c.HasPrivateKey)
                ?? throw new InvalidOperationException($"No certificate with a private key and thumbprint {options.Thumbprint} in {options.StoreLocation}/{options.StoreName}.");
            return (certificate, []);
        }
        throw new InvalidOperationException("No signing certificate is configured (Vupe:Documents:Signing:PfxPath or Thumbprint).");
    }
}
