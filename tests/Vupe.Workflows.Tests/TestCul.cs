using Microsoft.Extensions.Logging.Abstractions;
using Vupe.Connectors.Simulation;
using Vupe.Documents.Signing;
using Vupe.Documents.Verification;
using Vupe.Workflows.Cul;

namespace Vupe.Workflows.Tests;

/// <summary>The CUL's parts for tests: simulated back offices, an in-memory archive, and real rendering and signing with a development CA made once per run.</summary>
internal static class TestCul
{
    private static readonly Lazy<DevelopmentCertificates> Certificates = new(() =>
        new DevelopmentCertificateAuthority(NullLogger<DevelopmentCertificateAuthority>.Instance)
            .GetOrCreate(Path.Combine(Path.GetTempPath(), "vupe-tests", "dev-signing-" + Environment.ProcessId)));

    public static ISignatureProvider Signer => new CmsSignatureProvider(Certificates.Value.Signing, [Certificates.Value.Root]);

    public static PdfSignatureVerifier Verifier => new([Certificates.Value.Root]);

    public static CulServices Services(SimulatorControl? control = null, ICulArchive? archive = null, TimeProvider? time = null) =>
        CulServices.WithSimulators(control ?? new SimulatorControl(), archive ?? new InMemoryCulArchive(), DocumentsCulPdfIssuer.Create(Signer), time);
}
