using System.Net.Mail;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vupe.Connectors;
using Vupe.Server.Audit;
using Vupe.Server.Auth;
using Vupe.Server.Data;
using Vupe.Server.Hosting;
using Vupe.Server.Parties;
using Vupe.Server.Problems;
using Vupe.Server.Trust;

namespace Vupe.Server.Portal;

/// <param name="CheckCharacter">The character printed after the DNI number on the card.</param>
/// <param name="Contact">An email address or a mobile phone (9 digits) the code goes to.</param>
public sealed record SignUpRequest(string? Dni, string? CheckCharacter, DateOnly? BirthDate, string? Contact);

public sealed record SignUpCompletion(string? Dni, string? CheckCharacter, DateOnly? BirthDate, string? Contact, string? Code, string? Password, string? PasswordAgain);

/// <summary>What the citizen reads on Mi VUPE's home: their ficha's name, the DNI masked, the contacts and whether each is verified.</summary>
public sealed record PortalFicha(string Name, string MaskedDni, string? Email, bool EmailVerified, string? Phone, bool PhoneVerified);

/// <summary>
/// Citizens' accounts of the virtual window: sign-up (DNI data checked against RENIEC, a one-time code to the email or
/// phone given), sign-in with lockout, sign-out everywhere, the session check and the change of a contact. Every step is
/// written in the ficha's audit trail (before the ficha exists, in <see cref="AuditTrails.PortalSignUps"/>); neither codes
/// nor passwords are written anywhere but as hashes.
/// </summary>
public sealed class CitizenAccounts(
    IIdentityRegistry reniec, IDbContextFactory<VupeDbContext> contexts, PartyDirectory parties, ContactVerification contacts, OneTimeCodes codes,
    AttemptGuard attempts, AuditLog audit, TimeProvider time, IOptions<PortalOptions> portal, IOptions<ServerOptions> server, ILogger<CitizenAccounts> logger)
    : IPortalSessions
{
    public const string SignUpPurpose = "portal-registro";
    public const string ContactChangePurpose = "portal-contacto";

    public const string Mismatch = "Los datos no coinciden con los de RENIEC. Revise el número, el carácter de verificación y la fecha de nacimiento.";
    public const string AlreadyHasAccount =
        "Este DNI ya tiene una cuenta de Mi VUPE. Ingrese con su contraseña; si no la recuerda, acérquese a una oficina de la VUPE con su DNI.";
    public const string SignInFailed =
        "No pudimos ingresar con esos datos. Revise su DNI y su contraseña. Tras 5 intentos fallidos seguidos, el ingreso se bloquea 15 minutos.";
    public const string TooManyForDni =
        "Demasiados intentos para este DNI en la última hora. Por su seguridad, espere antes de volver a intentarlo o acérquese a una oficina de la VUPE.";

    private readonly PortalAccountSecurity _security = new("portal", PortalAuthentication.Cookie, audit, time, portal);

    /// <summary>Step 1 of the sign-up: checks the DNI data with RENIEC and sends a code to the contact given.</summary>
    public async Task<SentCode> StartSignUpAsync(SignUpRequest r, CancellationToken ct)
    {
        var (dni, channel, contact, citizen) = await IdentifyAsync(r.Dni, r.CheckCharacter, r.BirthDate, r.Contact, new FieldErrors(), ct);
        var party = await PartyOfAsync(dni, ct);
        await EnsureContactMayBeUsedAsync(party, channel, contact, ct);
        var sent = await codes.SendAsync(SignUpPurpose, dni, channel, contact, citizen.GivenNames, "crear su cuenta de Mi VUPE", ct);
        await audit.AppendAsync(TrailOf(party), "portal.signup.codeSent",
            new { dni = party is null ? dni : null, channel = ContactVerification.NameOf(channel), sentTo = sent.MaskedDestination }, ct);
        return sent;
    }

    /// <summary>Step 2: the same data, the code and a password. The account is created and linked to the ficha (found or registered).</summary>
    public async Task<CitizenAccount> CompleteSignUpAsync(SignUpCompletion r, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(r.Code)) errors.Add("code", "Escriba el código de 6 dígitos que le enviamos.");
        if (PortalPasswords.Message(r.Password, portal.Value.Password) is { } weak) errors.Add("password", weak);
        if (!string.Equals(r.Password, r.PasswordAgain, StringComparison.Ordinal)) errors.Add("passwordAgain", "Las dos contraseñas no son iguales.");
        var (dni, channel, contact, _) = await IdentifyAsync(r.Dni, r.CheckCharacter, r.BirthDate, r.Contact, errors, ct);
        var party = await PartyOfAsync(dni, ct);
        var check = await codes.VerifyAsync(SignUpPurpose, dni, contact, r.Code, ct);
        if (!check.Accepted)
        {
            await audit.AppendAsync(TrailOf(party), "portal.signup.refused", new { dni = party is null ? dni : null, verdict = check.Verdict.ToString() }, ct);
            throw new FieldValidationException(new Dictionary<string, string[]> { ["code"] = [check.Message] }, check.Message);
        }

        var partyId = await FichaForDniAsync(dni, new CreatePersonRequest(DocumentType.Dni, dni, r.CheckCharacter, null, null, null, r.BirthDate, null, null,
            channel == ContactChannel.Phone ? contact : null, channel == ContactChannel.Email ? contact : null, null, null, null), ct);
        await contacts.RecordProvedAsync(partyId, channel, contact, "ciudadano", ct);

        var now = time.GetUtcNow();
        var account = new CitizenAccount
        {
            Dni = dni, PartyId = partyId, PasswordHash = "", SecurityStamp = PortalAccountSecurity.NewStamp(), CreatedAt = now,
            Email = channel == ContactChannel.Email ? contact : null, EmailVerifiedAt = channel == ContactChannel.Email ? now : null,
            Phone = channel == ContactChannel.Phone ? contact : null, PhoneVerifiedAt = channel == ContactChannel.Phone ? now : null,
        };
        account.PasswordHash = PortalAccountSecurity.HashPassword(account, r.Password!);
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            db.CitizenAccounts.Add(account);
            audit.Stage(db, AuditTrails.ForParty(partyId), "portal.account.created",
                new { account = account.Id, channel = ContactVerification.NameOf(channel), contact = ContactMask.Of(channel, contact) });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Two sign-ups of the same DNI at once: the unique index keeps one.
                throw Refusal("cuenta", AlreadyHasAccount);
            }
        }
        return account;
    }

    /// <summary>
    /// The account of <paramref name="dniText"/> when <paramref name="password"/> is its password and it is not locked out;
    /// otherwise null, and the caller says <see cref="SignInFailed"/> whatever the reason, so that nobody learns which DNIs have an account.
    /// </summary>
    public async Task<CitizenAccount?> SignInAsync(string? dniText, string? password, CancellationToken ct)
    {
        var (dni, _) = DocumentNumbers.Normalise(DocumentType.Dni, dniText);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var account = dni is null || string.IsNullOrEmpty(password) ? null : await db.CitizenAccounts.FirstOrDefaultAsync(a => a.Dni == dni, ct);
        return await _security.SignInAsync(db, account, password, ct);
    }

    /// <summary>
    /// The account of the DNI the national identity provider vouched for (<see cref="PortalIdentityProvider"/>), created
    /// and linked to the ficha (found, or registered from RENIEC) on the first sign-in. The provider proved who the citizen
    /// is, so no password, code or lockout applies; an account created here has no password until the citizen sets one.
    /// </summary>
    public async Task<CitizenAccount> SignInWithIdentityProviderAsync(string? dniText, string issuer, string subject, CancellationToken ct)
    {
        var (dni, error) = DocumentNumbers.Normalise(DocumentType.Dni, dniText);
        if (dni is null || error is not null)
        {
            await audit.AppendAsync(AuditTrails.PortalSignUps, "portal.signin.provider.refused", new { issuer, subject, reason = "sin DNI válido" }, ct);
            throw new AccessDeniedException("El proveedor de identidad no envió un DNI válido. Ingrese con su DNI y contraseña o acérquese a una oficina de la VUPE.");
        }
        await using (var db = await contexts.CreateDbContextAsync(ct))
            if (await db.CitizenAccounts.FirstOrDefaultAsync(a => a.Dni == dni, ct) is { } existing)
            {
                audit.Stage(db, AuditTrails.ForParty(existing.PartyId), "portal.signin", new { account = existing.Id, via = "proveedor de identidad", issuer, subject });
                await db.SaveChangesAsync(ct);
                return existing;
            }

        var partyId = await FichaForDniAsync(dni, new CreatePersonRequest(DocumentType.Dni, dni, null, null, null, null, null, null, null, null, null, null, null, null), ct);
        var account = new CitizenAccount { Dni = dni, PartyId = partyId, PasswordHash = "", SecurityStamp = PortalAccountSecurity.NewStamp(), CreatedAt = time.GetUtcNow() };
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            db.CitizenAccounts.Add(account);
            audit.Stage(db, AuditTrails.ForParty(partyId), "portal.account.created", new { account = account.Id, via = "proveedor de identidad", issuer, subject });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // The same citizen's first sign-in in two tabs at once: the unique index kept the other one.
                db.ChangeTracker.Clear();
                return await db.CitizenAccounts.AsNoTracking().FirstAsync(a => a.Dni == dni, ct);
            }
        }
        return account;
    }

    /// <summary>Ends every session of the account: a new security stamp, so every cookie issued before fails its next check.</summary>
    public async Task SignOutEverywhereAsync(Guid accountId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await _security.SignOutEverywhereAsync(db, await db.CitizenAccounts.FirstOrDefaultAsync(a => a.Id == accountId, ct), ct);
    }

    /// <summary>A citizen's cookie is good while its account exists and keeps the stamp it was issued with. One read by key per request.</summary>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await _security.IsCurrentAsync(db.CitizenAccounts, principal, ct);
    }

    /// <summary>The account of a signed-in citizen (the portal's pages are only reached with one).</summary>
    public async Task<CitizenAccount> AccountAsync(Guid accountId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.CitizenAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == accountId, ct)
            ?? throw new AccessDeniedException("La cuenta ya no existe.");
    }

    /// <summary>The ficha as the citizen sees it; the read is written in the ficha's trail.</summary>
    public async Task<PortalFicha> FichaAsync(Guid accountId, CancellationToken ct)
    {
        var account = await AccountAsync(accountId, ct);
        Party party;
        await using (var db = await contexts.CreateDbContextAsync(ct))
            party = await db.Parties.AsNoTracking().FirstAsync(p => p.Id == account.PartyId, ct);
        var person = party.Person!;
        await audit.AppendAsync(AuditTrails.ForParty(party.Id), "portal.ficha.read", new { account = accountId }, ct);
        return new PortalFicha(party.DisplayName, MaskDni(party.DocumentNumber), person.Email, person.EmailVerifiedAt is not null && !string.IsNullOrWhiteSpace(person.Email),
            person.Phone, person.PhoneVerifiedAt is not null && !string.IsNullOrWhiteSpace(person.Phone));
    }

    /// <summary>Correcting a contact, step 1: a code to the new email or phone; nothing changes until it is typed back.</summary>
    public async Task<SentCode> StartContactChangeAsync(Guid accountId, string? contactText, CancellationToken ct)
    {
        var account = await AccountAsync(accountId, ct);
        var errors = new FieldErrors();
        var parsed = ParseContact(contactText, errors);
        errors.ThrowIfAny();
        var (channel, contact) = parsed!.Value;
        await attempts.CountAsync($"portal:contacto:{accountId}", server.Value.CitizenRequestsPerDniPerHour, TimeSpan.FromHours(1), TooManyForDni, ct);
        var sent = await codes.SendAsync(ContactChangePurpose, accountId.ToString(), channel, contact, "ciudadano",
            channel == ContactChannel.Email ? "confirmar su nuevo correo electrónico" : "confirmar su nuevo teléfono", ct);
        await audit.AppendAsync(AuditTrails.ForParty(account.PartyId), "portal.contact.codeSent",
            new { account = accountId, channel = ContactVerification.NameOf(channel), sentTo = sent.MaskedDestination }, ct);
        return sent;
    }

    /// <summary>Step 2: the right code saves the contact, verified, on the ficha and the account.</summary>
    public async Task CompleteContactChangeAsync(Guid accountId, string? contactText, string? code, CancellationToken ct)
    {
        var account = await AccountAsync(accountId, ct);
        var errors = new FieldErrors();
        var parsed = ParseContact(contactText, errors);
        if (string.IsNullOrWhiteSpace(code)) errors.Add("code", "Escriba el código de 6 dígitos que le enviamos.");
        errors.ThrowIfAny();
        var (channel, contact) = parsed!.Value;
        var check = await codes.VerifyAsync(ContactChangePurpose, accountId.ToString(), contact, code, ct);
        if (!check.Accepted)
        {
            await audit.AppendAsync(AuditTrails.ForParty(account.PartyId), "portal.contact.refused", new { account = accountId, verdict = check.Verdict.ToString() }, ct);
            throw new FieldValidationException(new Dictionary<string, string[]> { ["code"] = [check.Message] }, check.Message);
        }
        await contacts.RecordProvedAsync(account.PartyId, channel, contact, "ciudadano", ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var tracked = await db.CitizenAccounts.FirstAsync(a => a.Id == accountId, ct);
        var now = time.GetUtcNow();
        if (channel == ContactChannel.Email)
        {
            tracked.Email = contact;
            tracked.EmailVerifiedAt = now;
        }
        else
        {
            tracked.Phone = contact;
            tracked.PhoneVerifiedAt = now;
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>"12345678" → "*****678".</summary>
    public static string MaskDni(string dni) => dni.Length <= 3 ? dni : new string('*', dni.Length - 3) + dni[^3..];

    /// <summary>An email address, or a Peruvian mobile (9 digits starting with 9; a +51 in front is dropped).</summary>
    public static (ContactChannel Channel, string Contact)? ParseContact(string? text, FieldErrors errors)
    {
        var value = text?.Trim() ?? "";
        if (value.Length == 0)
        {
            errors.Add("contact", "Escriba su correo electrónico o su número de celular.");
            return null;
        }
        if (value.Contains('@', StringComparison.Ordinal))
        {
            if (value.Length <= 254 && MailAddress.TryCreate(value, out var address) && address.Address == value && address.Host.Contains('.', StringComparison.Ordinal))
                return (ContactChannel.Email, value);
            errors.Add("contact", "El correo electrónico no es válido (por ejemplo: nombre@correo.pe).");
            return null;
        }
        var digits = new string([.. value.Where(c => !char.IsWhiteSpace(c) && c != '-')]);
        if (digits.StartsWith("+51", StringComparison.Ordinal)) digits = digits[3..];
        if (digits.Length == 9 && digits[0] == '9' && digits.All(char.IsAsciiDigit)) return (ContactChannel.Phone, digits);
        errors.Add("contact", "El celular tiene 9 dígitos y empieza con 9 (por ejemplo: 987654321).");
        return null;
    }

    /// <summary>
    /// The DNI, the contact and RENIEC's citizen, once the number, its check character and the birth date agree with
    /// RENIEC and the DNI is within its hourly limit. Every mismatch gets one message that does not say which datum was wrong.
    /// </summary>
    private async Task<(string Dni, ContactChannel Channel, string Contact, CitizenIdentity Citizen)> IdentifyAsync(
        string? dniText, string? checkCharacter, DateOnly? birthDate, string? contactText, FieldErrors errors, CancellationToken ct)
    {
        var (dni, error) = DocumentNumbers.Normalise(DocumentType.Dni, dniText, checkCharacter);
        if (error is not null) errors.Add("dni", error);
        if (string.IsNullOrWhiteSpace(checkCharacter)) errors.Add("checkCharacter", "Escriba el carácter de verificación impreso junto al número de su DNI.");
        if (birthDate is null) errors.Add("birthDate", "Indique su fecha de nacimiento.");
        var contact = ParseContact(contactText, errors);
        // A well-formed number counts even when the rest is wrong: guessing the birth date is what the limit is for.
        if (DocumentNumbers.Normalise(DocumentType.Dni, dniText).Number is { Length: 8 } number)
            await attempts.CountAsync($"portal:dni:{number}", server.Value.CitizenRequestsPerDniPerHour, TimeSpan.FromHours(1), TooManyForDni, ct);
        errors.ThrowIfAny();

        ConnectorResult<IdentityLookup> answer;
        try
        {
            answer = await reniec.LookUpAsync(new ConnectorRequest(dni!, $"portal-{Guid.NewGuid():N}"), ct);
        }
        catch (ConnectorException e)
        {
            logger.LogWarning(e, "RENIEC could not be consulted for a Mi VUPE sign-up ({Connector})", e.Connector);
            throw Refusal("identidad", "No pudimos consultar RENIEC en este momento. Intente de nuevo en unos minutos.");
        }
        if (!answer.Value.Valid || answer.Value.Citizen is not { } citizen || citizen.BirthDate != birthDate) throw Refusal("identidad", Mismatch);
        await using (var db = await contexts.CreateDbContextAsync(ct))
            if (await db.CitizenAccounts.AnyAsync(a => a.Dni == dni, ct)) throw Refusal("cuenta", AlreadyHasAccount);
        return (dni!, contact!.Value.Channel, contact.Value.Contact, citizen);
    }

    /// <summary>
    /// A ficha that already holds a verified email or phone is protected by it: the code must go there, so that someone who
    /// knows the DNI's data cannot open an account on another person's ficha with an address of their own.
    /// </summary>
    private async Task EnsureContactMayBeUsedAsync(Party? party, ContactChannel channel, string contact, CancellationToken ct)
    {
        if (party?.Person is not { } person) return;
        var verified = new List<(ContactChannel Channel, string Value)>();
        if (person.EmailVerifiedAt is not null && !string.IsNullOrWhiteSpace(person.Email)) verified.Add((ContactChannel.Email, person.Email.Trim()));
        if (person.PhoneVerifiedAt is not null && !string.IsNullOrWhiteSpace(person.Phone)) verified.Add((ContactChannel.Phone, person.Phone.Trim()));
        if (verified.Count == 0 || verified.Any(v => v.Channel == channel && string.Equals(v.Value, contact, StringComparison.OrdinalIgnoreCase))) return;
        await audit.AppendAsync(AuditTrails.ForParty(party.Id), "portal.signup.refused", new { reason = "contacto distinto del verificado", channel = ContactVerification.NameOf(channel) }, ct);
        var masked = string.Join(" o ", verified.Select(v => ContactMask.Of(v.Channel, v.Value)));
        throw Refusal("contact",
            $"Su ficha en la VUPE ya tiene un contacto verificado ({masked}). Para proteger sus datos, use ese mismo contacto; si ya no lo tiene, acérquese a una oficina de la VUPE con su DNI.");
    }

    private async Task<Party?> PartyOfAsync(string dni, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Parties.AsNoTracking().FirstOrDefaultAsync(p => p.DocumentType == DocumentType.Dni && p.DocumentNumber == dni && p.Kind == PartyKind.Person, ct);
    }

    /// <summary>
    /// The ficha of the DNI: found, or registered from RENIEC with <paramref name="registration"/>. A ficha registered at an
    /// office meanwhile (the document number is unique, so the second registration is refused) is the one used.
    /// </summary>
    private async Task<Guid> FichaForDniAsync(string dni, CreatePersonRequest registration, CancellationToken ct)
    {
        if (await PartyOfAsync(dni, ct) is { } party) return party.Id;
        try
        {
            return (await parties.CreatePersonAsync(registration, UserScope.Citizen(), ct)).Id;
        }
        catch (DuplicatePartyException e)
        {
            return e.ExistingId;
        }
    }

    private static string TrailOf(Party? party) => party is null ? AuditTrails.PortalSignUps : AuditTrails.ForParty(party.Id);

    private static FieldValidationException Refusal(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] }, message);
}
