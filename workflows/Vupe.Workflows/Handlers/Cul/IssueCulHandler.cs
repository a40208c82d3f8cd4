using Vupe.Connectors;
using Vupe.Engine;
using Vupe.Workflows.Cul;

namespace Vupe.Workflows.Handlers.Cul;

/// <summary>
/// Consolidates the six answers into the certificate, renders and signs it, and archives it (task type
/// <c>vupe.cul.emitir</c>). A missing section stops the step with an incident instead of issuing an incomplete
/// certificate. The archive keeps the first certificate issued for this step: a retry after a crash returns it
/// instead of issuing a second one.
/// </summary>
internal sealed class IssueCulHandler(ICulArchive archive, ICulPdfIssuer issuer, TimeProvider time) : IServiceTaskHandler
{
    public async ValueTask<IReadOnlyDictionary<string, object?>?> ExecuteAsync(ServiceTaskContext context, CancellationToken ct)
    {
        var answers = (await archive.ReadAnswersAsync(context.CaseId, ct)).ToDictionary(a => a.Section, StringComparer.Ordinal);
        var missing = CulSections.All.Where(s => !answers.ContainsKey(s)).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException($"The CUL of case {context.CaseNumber} cannot be issued without the sections {string.Join(", ", missing)}.");
        var identity = CulJson.Deserialize<IdentityLookup>(answers[CulSections.Identity].ValueJson, CulSections.Identity);
        // The flow reaches this step only past a validated identity; checked again here because a signed certificate cannot be taken back.
        if (context.Variables.GetValueOrDefault(CulVariables.IdentityValidated) is not true || !identity.Valid || identity.Citizen is not { } citizen)
            throw new InvalidOperationException($"RENIEC did not validate the identity of case {context.CaseNumber}'s citizen against the ficha: no CUL can be issued.");

        var certificate = CulCertificateAssembler.Assemble(answers, citizen, $"CUL-{context.CaseNumber}", context.OfficeCode, time.GetUtcNow());
        var signed = await issuer.RenderAndSignAsync(certificate, ct);
        var receipt = await archive.ArchiveAsync(new IssuedCul(
            context.IdempotencyKey, context.CaseId, context.CaseNumber, context.OfficeCode, TaskVariables.RequiredString(context, CulVariables.PartyId),
            certificate.CertificateNumber, certificate.VerificationCode.ToString(), citizen.FullName, citizen.Dni, certificate.IssuedAt, certificate.ValidUntil,
            certificate.PoliceRecords.HasRecords || certificate.JudicialRecords.HasRecords || certificate.PenalRecords.HasRecords,
            signed.SignedBy, signed.Content), ct);
        return new Dictionary<string, object?>
        {
            ["cul"] = new Dictionary<string, object?>
            {
                ["numero"] = receipt.CertificateNumber,
                ["codigoVerificacion"] = receipt.VerificationCode,
                ["emitidoEn"] = receipt.IssuedAt,
                ["validoHasta"] = receipt.ValidUntil,
                ["documentoId"] = receipt.DocumentId.ToString(),
                ["sha256"] = receipt.Sha256,
            },
        };
    }
}
