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
using Vupe.Server.Trust;
using Vupe.Workflows;

namespace Vupe.Server.Certificates;

/// <param name="CheckCharacter">The character printed after the DNI number on the card (digit or letter).</param>
/// <param name="Code">The one-time code sent to the ficha's verified email or phone (<c>POST /api/public/cul-requests/code</c>).</param>
public sealed record CitizenCulRequest(string? Dni, string? CheckCharacter, DateOnly? BirthDate, string? Code = null);

/// <param name="Channel">"email" or "phone"; by default the verified email, else the verified phone.</param>
public sealed record CitizenCodeRequest(string? Dni, string? CheckCharacter, DateOnly? BirthDate, string? Channel = null);

/// <param name="SentTo">The masked address, e.g. "a***@correo.pe".</param>
public sealed record CitizenCodeSent(string Channel, string SentTo, DateTimeOffset ExpiresAt, string Message);

/// <param name="Pdf">The signed certificate (base64) when it was issued during the request; null while the case waits (a back office down).</param>
public sealed record CitizenCulResponse(string CaseNumber, bool Issued, string Message, string? CertificateNumber, string? VerificationCode,
    DateTimeOffset? ValidUntil, string? Pdf);

/// <summary>
/// A citizen asks for their own CUL without an account: they prove who they are with what is printed on their DNI
/// (number and check character) and what RENIEC knows (birth date) — all of which others may know — and with a
/// one-time code sent to the email or phone their ficha holds as verified (something only they receive). Without a
/// ficha with a verified contact they are told to verify one at an office. Every step counts against the DNI's
/// hourly limit (<see cref="AttemptGuard"/>), whatever address it comes from. The procedure is the same as at an office;
/// the case is registered at <see cref="ServerOptions.CitizenChannelOffice"/> with <c>canal = en-linea</c>, and the
/// signed PDF goes back only in the answer to that request. Any mismatch gets one message that does not say which
/// datum was wrong.
/// </summary>
public sealed class CitizenCulChannel(
    IIdentityRegistry reniec, VupeDbContext db, CaseOpener opener, ProcessEngine engine, IBlobStore blobs, AuditLog audit, OneTimeCodes codes,
    AttemptGuard attempts, IOptions<ServerOptions> options)
{
    private const string Mismatch = "Los datos no coinciden con los de RENIEC. Revise el número, el carácter de verificación y la fecha de nacimiento.";
    public const string NoVerifiedContact =
        "Su ficha en la VUPE no tiene un correo electrónico ni un teléfono verificado, y sin uno no podemos confirmar en línea que es usted. "
        + "Acérquese a cualquier oficina de la VUPE con su DNI para verificar su correo o su teléfono; después podrá solicitar su CUL aquí.";
    public const string TooManyForDni =
        "Demasiados intentos para este DNI en la última hora. Por su seguridad, espere antes de volver a intentarlo o acérquese a una oficina de la VUPE.";

    /// <summary>Step 1: checks the DNI's data and sends a one-time code to the ficha's verified email or phone.</summary>
    public async Task<CitizenCodeSent> SendCodeAsync(CitizenCodeRequest request, CancellationToken ct)
    {
        var party = await IdentifyAsync(request.Dni, request.CheckCharacter, request.BirthDate, ct);
        var person = party.Person!;
        ContactChannel? wanted = request.Channel is null ? null : Parties.ContactVerification.ParseChannel(request.Channel)
            ?? throw new FieldValidationException(new Dictionary<string, string[]> { ["channel"] = ["Indique «email» o «phone»."] });
        var emailOk = person.EmailVerifiedAt is not null && !string.IsNullOrWhiteSpace(person.Email);
        var phoneOk = person.PhoneVerifiedAt is not null && !string.IsNullOrWhiteSpace(person.Phone);
        ContactChannel? channel = wanted switch
        {
            ContactChannel.Email => emailOk ? ContactChannel.Email : null,
            ContactChannel.Phone => phoneOk ? ContactChannel.Phone : null,
            _ => emailOk ? ContactChannel.Email : phoneOk ? ContactChannel.Phone : null,
        };
        if (channel is null)
        {
            await audit.AppendAsync(AuditTrails.ForParty(party.Id), "cul.code.refused", new { reason = "sin contacto verificado", channel = request.Channel }, ct);
            throw new FieldValidationException(new Dictionary<string, string[]> { ["contacto"] = [NoVerifiedContact] }, NoVerifiedContact);
        }
        var destination = (channel == ContactChannel.Email ? person.Email : person.Phone)!.Trim();
        var sent = await codes.SendAsync(CodePurposes.CitizenCulRequest, party.Id.ToString(), channel.Value, destination, party.DisplayName,
            "solicitar su Certificado Único Laboral", ct);
        await audit.AppendAsync(AuditTrails.ForParty(party.Id), "cul.code.sent",
            new { channel = Parties.ContactVerification.NameOf(channel.Value), sentTo = sent.MaskedDestination }, ct);
        return new CitizenCodeSent(Parties.ContactVerification.NameOf(channel.Value), sent.MaskedDestination, sent.ExpiresAt,
            $"Enviamos un código de 6 dígitos a {sent.MaskedDestination}. Escríbalo para solicitar su CUL; vence en 10 minutos.");
    }

    /// <summary>Step 2: the same data with the code; a right code opens the CUL procedure for the ficha.</summary>
    public async Task<CitizenCulResponse> RequestAsync(CitizenCulRequest request, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Code))
            throw new FieldValidationException(new Dictionary<string, string[]>
            {
                ["code"] = ["Indique el código de 6 dígitos que le enviamos a su correo o teléfono verificado (pídalo primero)."],
            });
        var party = await IdentifyAsync(request.Dni, request.CheckCharacter, request.BirthDate, ct);
        var check = await codes.VerifyAsync(CodePurposes.CitizenCulRequest, party.Id.ToString(), destination: null, request.Code, ct);
        if (!check.Accepted)
        {
            await audit.AppendAsync(AuditTrails.ForParty(party.Id), "cul.code.refused", new { verdict = check.Verdict.ToString() }, ct);
            throw new FieldValidationException(new Dictionary<string, string[]> { ["code"] = [check.Message] }, check.Message);
        }
        return await AnswerAsync(await OpenAsync(party, UserScope.Citizen().UserName, ct), ct);
    }

    /// <summary>
    /// A citizen signed in to Mi VUPE asks for their CUL: the account already proved who they are (RENIEC data and a
    /// one-time code at sign-up, a password now), so no DNI data are asked again; the DNI's hourly limit still counts.
    /// The engine command acts for the citizen (<paramref name="actor"/>), so the case's trail names them. The PDF is
    /// not returned here: the citizen downloads it from the case (<see cref="Portal.CitizenCases.DownloadAsync"/>).
    /// </summary>
    /// <returns>The case and whether its certificate was issued during the request.</returns>
    public async Task<(CaseFileInfo Case, bool Issued)> RequestSignedInAsync(Guid partyId, CommandActor actor, CancellationToken ct)
    {
        var party = await db.Parties.AsNoTracking().FirstOrDefaultAsync(p => p.Id == partyId, ct) is { Person: not null } found
            ? found : throw new InvalidOperationException($"Party {partyId} is not a person.");
        await attempts.CountAsync($"cul:dni:{party.DocumentNumber}", options.Value.CitizenRequestsPerDniPerHour, TimeSpan.FromHours(1), TooManyForDni, ct);
        CaseFileInfo opened;
        using (ProcessEngine.ActAs(actor))
            opened = await OpenAsync(party, actor.Id, ct);
        var issued = await db.Certificates.AsNoTracking().AnyAsync(c => c.CaseId == opened.Id, ct);
        return (opened, issued);
    }

    private async Task<CaseFileInfo> OpenAsync(Party party, string userName, CancellationToken ct)
    {
        var procedure = await engine.Repository.FindLatestDefinitionAsync(VupeProcesses.Cul, ct)
            ?? throw new InvalidOperationException($"The procedure {VupeProcesses.Cul} is not deployed.");
        return await opener.OpenAsync(party, procedure, options.Value.CitizenChannelOffice,
            new Dictionary<string, object?> { ["canal"] = "en-linea" }, userName, ct);
    }

    /// <summary>
    /// The answer to a request that opened <paramref name="caseId"/>, again: for a keyed request whose process died after
    /// opening the case, before keeping its answer (<see cref="Idempotency.IdempotentWork"/>).
    /// </summary>
    public async Task<CitizenCulResponse> AnswerAgainAsync(Guid caseId, CancellationToken ct) => await AnswerAsync(await engine.Cases.GetAsync(caseId, ct), ct);

    private async Task<CitizenCulResponse> AnswerAsync(CaseFileInfo opened, CancellationToken ct)
    {
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

    /// <summary>
    /// The ficha of the DNI, once its number, check character and birth date agree with RENIEC's and the DNI is within
    /// its hourly limit. A citizen without a ficha (or with one that names no verified contact) is sent to an office:
    /// online, nobody could confirm an address is theirs.
    /// </summary>
    private async Task<Party> IdentifyAsync(string? dniText, string? checkCharacter, DateOnly? birthDate, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var (dni, error) = DocumentNumbers.Normalise(DocumentType.Dni, dniText, checkCharacter);
        if (error is not null) errors.Add("dni", error);
        if (string.IsNullOrWhiteSpace(checkCharacter)) errors.Add("checkCharacter", "Indique el carácter de verificación impreso junto al número de su DNI.");
        if (birthDate is null) errors.Add("birthDate", "Indique su fecha de nacimiento.");
        // A well-formed number counts even when the rest is wrong: guessing the birth date is what the limit is for.
        if (DocumentNumbers.Normalise(DocumentType.Dni, dniText).Number is { Length: 8 } number)
            await attempts.CountAsync($"cul:dni:{number}", options.Value.CitizenRequestsPerDniPerHour, TimeSpan.FromHours(1), TooManyForDni, ct);
        errors.ThrowIfAny();

        var answer = await reniec.LookUpAsync(new ConnectorRequest(dni!, $"ciudadano-{Guid.NewGuid():N}"), ct);
        if (!answer.Value.Valid || answer.Value.Citizen is not { } citizen || citizen.BirthDate != birthDate)
            throw new FieldValidationException(new Dictionary<string, string[]> { ["identidad"] = [Mismatch] });
        return await db.Parties.AsNoTracking().FirstOrDefaultAsync(p => p.DocumentType == DocumentType.Dni && p.DocumentNumber == dni, ct) is { Person: not null } party
            ? party
            : throw new FieldValidationException(new Dictionary<string, string[]> { ["contacto"] = [NoVerifiedContact] }, NoVerifiedContact);
    }
}
