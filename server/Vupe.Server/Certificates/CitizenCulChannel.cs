using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vupe.Connectors;
using Vupe.Documents.Storage;
using Vupe.Engine;
using Vupe.Server.Audit;
using Vupe.Server.Auth;
using Vupe.Server.Cases;
using Vupe.Server.Data;
using Vupe.Server.Hosting;
using Vupe.Server.Parties;
using Vupe.Server.Problems;
using Vupe.Workflows;

namespace Vupe.Server.Certificates;

/// <param name="CheckCharacter">The character printed after the DNI number on the card (digit or letter).</param>
public sealed record CitizenCulRequest(string? Dni, string? CheckCharacter, DateOnly? BirthDate);

/// <param name="Pdf">The signed certificate (base64) when it was issued during the request; null while the case waits (a back office down).</param>
public sealed record CitizenCulResponse(string CaseNumber, bool Issued, string Message, string? CertificateNumber, string? VerificationCode,
    DateTimeOffset? ValidUntil, string? Pdf);

/// <summary>
/// A citizen asks for their own CUL without an account: they prove who they are with what is printed on their DNI
/// (number and check character) and what RENIEC knows (birth date). The procedure is the same as at an office;
/// the case is registered at <see cref="ServerOptions.CitizenChannelOffice"/> with <c>canal = en-linea</c>, and the
/// signed PDF goes back only in the answer to that request. Any mismatch gets one message that does not say which
/// datum was wrong.
/// </summary>
public sealed class CitizenCulChannel(
    IIdentityRegistry reniec, VupeDbContext db, PartyDirectory parties, CaseOpener opener, ProcessEngine engine, IBlobStore blobs, AuditLog audit,
    IOptions<ServerOptions> options)
{
    private const string Mismatch = "Los datos no coinciden con los de RENIEC. Revise el número, el carácter de verificación y la fecha de nacimiento.";

    public async Task<CitizenCulResponse> RequestAsync(CitizenCulRequest request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var (dni, error) = DocumentNumbers.Normalise(DocumentType.Dni, request.Dni, request.CheckCharacter);
        if (error is not null) errors.Add("dni", error);
        if (string.IsNullOrWhiteSpace(request.CheckCharacter)) errors.Add("checkCharacter", "Indique el carácter de verificación impreso junto al número de su DNI.");
        if (request.BirthDate is null) errors.Add("birthDate", "Indique su fecha de nacimiento.");
        errors.ThrowIfAny();

        var answer = await reniec.LookUpAsync(new ConnectorRequest(dni!, $"ciudadano-{Guid.NewGuid():N}"), ct);
        if (!answer.Value.Valid || answer.Value.Citizen is not { } citizen || citizen.BirthDate != request.BirthDate)
            throw new FieldValidationException(new Dictionary<string, string[]> { ["identidad"] = [Mismatch] });

        var party = await db.Parties.AsNoTracking().FirstOrDefaultAsync(p => p.DocumentType == DocumentType.Dni && p.DocumentNumber == dni, ct)
            ?? await RegisterAsync(citizen, request.CheckCharacter!, ct);
        var procedure = (await engine.Repository.ListDefinitionsAsync(VupeProcesses.Cul, ct)).MaxBy(d => d.Version)
            ?? throw new InvalidOperationException($"The procedure {VupeProcesses.Cul} is not deployed.");
        var opened = await opener.OpenAsync(party, procedure, options.Value.CitizenChannelOffice,
            new Dictionary<string, object?> { ["canal"] = "en-linea" }, UserScope.Citizen().UserName, ct);

        var certificate = await db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.CaseId == opened.Id, ct);
        // A ficha made before identities were checked may name someone else than RENIEC: the office reviews it, nothing is issued meanwhile.
        if (certificate is null && (await engine.Cases.GetVariablesAsync(opened.Id, ct)).GetValueOrDefault("resultadoIdentidad") is "no-coincide")
            return new CitizenCulResponse(opened.CaseNumber, false,
                $"Su solicitud quedó registrada con el expediente {opened.CaseNumber}, pero los datos de su ficha en la VUPE no coinciden con los de RENIEC. "
                + "La oficina revisará su ficha; no se emitió ningún certificado.", null, null, null, null);
        if (certificate is null)
            return new CitizenCulResponse(opened.CaseNumber, false,
                $"Su solicitud quedó registrada con el expediente {opened.CaseNumber}. Una de las entidades consultadas no respondió; "
                + "la oficina la atenderá y podrá recoger su certificado o volver a solicitarlo más tarde.", null, null, null, null);
        await using var content = await blobs.OpenReadAsync(certificate.Sha256, ct);
        using var pdf = new MemoryStream();
        await content.CopyToAsync(pdf, ct);
        await audit.AppendAsync(AuditTrails.ForCase(opened.Id), "cul.delivered", new { certificate.CertificateNumber, channel = "en-linea" }, ct);
        return new CitizenCulResponse(opened.CaseNumber, true, "Su Certificado Único Laboral fue emitido y firmado digitalmente.",
            certificate.CertificateNumber, Vupe.Documents.Pdf.VerificationCode.Parse(certificate.VerificationCode).ToString(), certificate.ValidUntil,
            Convert.ToBase64String(pdf.ToArray()));
    }

    /// <summary>A first-time citizen gets a ficha from RENIEC's data, with the consent their request gives.</summary>
    private async Task<Party> RegisterAsync(CitizenIdentity citizen, string checkCharacter, CancellationToken ct)
    {
        var created = await parties.CreatePersonAsync(new CreatePersonRequest(
            DocumentType.Dni, citizen.Dni, checkCharacter, citizen.GivenNames, citizen.PaternalSurname, citizen.MaternalSurname, citizen.BirthDate,
            Sex: null, Nationality: "PE", Phone: null, Email: null, Address: citizen.Address, Ubigeo: null,
            Consent: new ConsentInput("tratamiento-datos", true, "digital", "solicitud-cul-en-linea")), UserScope.Citizen(), ct);
        return await db.Parties.AsNoTracking().FirstAsync(p => p.Id == created.Id, ct);
    }
}
