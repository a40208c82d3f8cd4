using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Vupe.Documents.Pdf;
using Vupe.Documents.Signing;
using Vupe.Documents.Storage;
using Vupe.Documents.Verification;

namespace Vupe.Documents;

/// <summary>Configuration sections read by <see cref="DocumentsServiceCollectionExtensions.AddVupeDocuments"/>.</summary>
public static class VupeDocumentsConfiguration
{
    public const string SectionName = "Vupe:Documents";
    public const string Storage = "Storage";       // FileSystemBlobStoreOptions
    public const string Rendering = "Rendering";   // PdfRenderingOptions
    public const string Signing = "Signing";       // SigningCertificateOptions and PdfSigningOptions
    public const string Verification = "Verification"; // PdfVerificationOptions
}

public static class DocumentsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the blob store, renderers, signer and verifier. With <paramref name="configuration"/> the options
    /// are bound from its "Vupe:Documents" section; hosts may also configure them with <c>services.Configure</c>.
    /// A signature provider registered before this call (an HSM, FIRMA PERÚ) is kept.
    /// </summary>
    public static IServiceCollection AddVupeDocuments(this IServiceCollection services, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var storage = services.AddOptions<FileSystemBlobStoreOptions>();
        var rendering = services.AddOptions<PdfRenderingOptions>();
        var certificate = services.AddOptions<SigningCertificateOptions>();
        var signing = services.AddOptions<PdfSigningOptions>();
        var verification = services.AddOptions<PdfVerificationOptions>();
        if (configuration is not null)
        {
            var section = configuration.GetSection(VupeDocumentsConfiguration.SectionName);
            storage.Bind(section.GetSection(VupeDocumentsConfiguration.Storage));
            rendering.Bind(section.GetSection(VupeDocumentsConfiguration.Rendering));
            certificate.Bind(section.GetSection(VupeDocumentsConfiguration.Signing));
            signing.Bind(section.GetSection(VupeDocumentsConfiguration.Signing));
            verification.Bind(section.GetSection(VupeDocumentsConfiguration.Verification));
        }
        rendering.Validate(o => o.VerificationUrlTemplate.Contains("{code}", StringComparison.Ordinal),
            "Vupe:Documents:Rendering:VerificationUrlTemplate must contain {code}.");

        services.TryAddSingleton<IBlobStore, FileSystemBlobStore>();
        services.TryAddSingleton<CulRenderer>();
        services.TryAddSingleton<ServiceCertificateRenderer>();
        services.TryAddSingleton<CaseSummaryRenderer>();
        services.TryAddSingleton<PersonalDataRenderer>();
        services.TryAddSingleton<DevelopmentCertificateAuthority>();
        services.TryAddSingleton<SigningCertificateSource>();
        services.TryAddSingleton(sp => sp.GetRequiredService<SigningCertificateSource>().Provider);
        services.TryAddSingleton<PdfDocumentSigner>();
        services.TryAddSingleton(sp => new PdfSignatureVerifier(TrustedRoots(sp)));
        return services;
    }

    private static List<X509Certificate2> TrustedRoots(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<PdfVerificationOptions>>().Value;
        var roots = options.TrustedRootCertificatePaths.Select(X509CertificateLoader.LoadCertificateFromFile).ToList();
        // Only when this installation signs with the development CA does its root mean anything here.
        var signingOptions = services.GetRequiredService<IOptions<SigningCertificateOptions>>().Value;
        if (options.TrustDevelopmentRoot && !signingOptions.IsConfigured && signingOptions.AllowDevelopmentCertificate
            && services.GetRequiredService<SigningCertificateSource>().DevelopmentRoot is { } developmentRoot)
        {
            roots.Add(developmentRoot);
        }
        return roots;
    }
}
