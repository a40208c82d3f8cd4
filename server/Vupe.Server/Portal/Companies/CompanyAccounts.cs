using System.Net.Mail;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vupe.Server.Audit;
using Vupe.Server.Auth;
using Vupe.Server.Data;
using Vupe.Server.Hosting;
using Vupe.Server.Parties;
using Vupe.Server.Problems;
using Vupe.Server.Trust;

namespace Vupe.Server.Portal.Companies;

public sealed record CompanySignUpRequest(string? Ruc, string? Email);

public sealed record CompanySignUpCompletion(string? Ruc, string? Email, string? Code, string? Password, string? PasswordAgain);

/// <summary>Step 1's outcome: the code sent, the legal name SUNAT holds, and whether the account will start «En validación».</summary>
public sealed record CompanySignUpStarted(SentCode Code, string LegalName, bool NeedsValidation);

/// <summary>What the company's pages show about the signed-in company.</summary>
public sealed record CompanyProfileView(Guid AccountId, Guid PartyId, string Ruc, string Name, string Email,
    CompanyValidation Validation = CompanyValidation.Validated, string? ValidationReason = null)
{
    public bool Publishes => Validation == CompanyValidation.Validated;
}

/// <summary>
/// Companies' accounts of the virtual window, by self sign-up: a RUC (SUNAT check digit; a company's, prefix 20, or a
/// person with business, prefix 10) that SUNAT's padrón holds ACTIVO and HABIDO (<see cref="SunatCheck"/>; the legal
/// name is SUNAT's, not typed), and an email proved by a one-time code, then a password. The account is linked to the
/// company's ficha, found by the RUC or registered. When the ficha already has a contact email, the code goes only to
/// that one, so that whoever signs up for a RUC the VUPE knows is the one the company gave the VUPE, and the account
/// publishes at once. Otherwise nothing but the email vouches for the person, so the account starts «En validación»
/// (<see cref="CompanyValidation.Pending"/>) until a supervisor decides (<see cref="CompanyValidations"/>). One account per
/// RUC. Sign-in with lockout and sign-out everywhere work as the citizens' (<see cref="CitizenAccounts"/>).
/// </summary>
public sealed class CompanyAccounts(
    IDbContextFactory<VupeDbContext> contexts, PartyDirectory parties, OneTimeCodes codes, AttemptGuard attempts, AuditLog audit, TimeProvider time,
    SunatCheck sunat, IOptions<PortalOptions> portal, IOptions<ServerOptions> server) : IPortalSessions
{
    public const string SignUpPurpose = "empresa-registro";
    public const string SignInFailed =
        "No pudimos ingresar con esos datos. Revise el RUC y la contraseña. Tras 5 intentos fallidos seguidos, el ingreso se bloquea 15 minutos.";
    public const string AlreadyHasAccount = "Este RUC ya tiene una cuenta de empresa en la VUPE. Ingrese con su contraseña.";
    public const string TooManyForRuc = "Demasiados intentos para este RUC en la última hora. Espere antes de volver a intentarlo.";

    private readonly PortalAccountSecurity _security = new("empresa", CompanyAuthentication.Cookie, audit, time, portal);

    /// <summary>Step 1: checks the RUC with SUNAT and sends a code to the email (the ficha's, when it has one).</summary>
    public async Task<CompanySignUpStarted> StartSignUpAsync(CompanySignUpRequest r, CancellationToken ct)
    {
        var (ruc, email) = await CheckAsync(r.Ruc, r.Email, new FieldErrors(), ct);
        var party = await CompanyOfAsync(ruc, ct);
        await EnsureNoAccountAsync(ruc, ct);
        var taxpayer = await sunat.InGoodStandingAsync(ruc, TrailOf(party), ct);
        await EnsureEmailMayBeUsedAsync(party, email, ct);
        var name = party?.DisplayName ?? taxpayer.Taxpayer.LegalName;
        var sent = await codes.SendAsync(SignUpPurpose, ruc, ContactChannel.Email, email, name, "crear la cuenta de su empresa en la VUPE", ct);
        await audit.AppendAsync(TrailOf(party), "empresa.signup.codeSent", new { ruc, sentTo = sent.MaskedDestination }, ct);
        return new CompanySignUpStarted(sent, name, NeedsValidation(party));
    }

    /// <summary>Step 2: the same data, the code and a password; the account is created and linked to the company's ficha.</summary>
    public async Task<CompanyAccount> CompleteSignUpAsync(CompanySignUpCompletion r, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(r.Code)) errors.Add("code", "Escriba el código de 6 dígitos que le enviamos.");
        if (PortalPasswords.Message(r.Password, portal.Value.Password) is { } weak) errors.Add("password", weak);
        if (!string.Equals(r.Password, r.PasswordAgain, StringComparison.Ordinal)) errors.Add("passwordAgain", "Las dos contraseñas no son iguales.");
        var (ruc, email) = await CheckAsync(r.Ruc, r.Email, errors, ct);
        var party = await CompanyOfAsync(ruc, ct);
        var taxpayer = await sunat.InGoodStandingAsync(ruc, TrailOf(party), ct);
        var check = await codes.VerifyAsync(SignUpPurpose, ruc, email, r.Code, ct);
        if (!check.Accepted)
        {
            await audit.AppendAsync(TrailOf(party), "empresa.signup.refused", new { ruc, verdict = check.Verdict.ToString() }, ct);
            throw new FieldValidationException(new Dictionary<string, string[]> { ["code"] = [check.Message] }, check.Message);
        }
        Guid partyId;
        if (party is null)
        {
            try
            {
                partyId = (await parties.CreateCompanyAsync(new CreateCompanyRequest(ruc, taxpayer.Taxpayer.LegalName, null, null, null, null, null, null, null, email),
                    UserScope.Citizen(), ct)).Id;
            }
            catch (DuplicatePartyException e)
            {
                partyId = e.ExistingId;
            }
        }
        else partyId = party.Id;

        var now = time.GetUtcNow();
        var account = new CompanyAccount
        {
            Ruc = ruc, PartyId = partyId, Email = email, EmailVerifiedAt = now, PasswordHash = "", SecurityStamp = PortalAccountSecurity.NewStamp(), CreatedAt = now,
            Validation = NeedsValidation(party) ? CompanyValidation.Pending : CompanyValidation.Validated, SunatReference = taxpayer.Reference,
        };
        account.PasswordHash = PortalAccountSecurity.HashPassword(account, r.Password!);
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.CompanyAccounts.Add(account);
        audit.Stage(db, AuditTrails.ForParty(partyId), "empresa.account.created", new
        {
            account = account.Id, email = ContactMask.Of(ContactChannel.Email, email), validation = account.Validation.ToString(), sunat = taxpayer.Reference,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two sign-ups of the same RUC at once: the unique index keeps one.
            throw Refusal("ruc", AlreadyHasAccount);
        }
        return account;
    }

    /// <summary>The account when the password is right and it is not locked out; otherwise null, whatever the reason.</summary>
    public async Task<CompanyAccount?> SignInAsync(string? rucText, string? password, CancellationToken ct)
    {
        var (ruc, _) = DocumentNumbers.Normalise(DocumentType.Ruc, rucText);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var account = ruc is null || string.IsNullOrEmpty(password) ? null : await db.CompanyAccounts.FirstOrDefaultAsync(a => a.Ruc == ruc, ct);
        return await _security.SignInAsync(db, account, password, ct);
    }

    /// <summary>Ends every session of the account (a new security stamp).</summary>
    public async Task SignOutEverywhereAsync(Guid accountId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await _security.SignOutEverywhereAsync(db, await db.CompanyAccounts.FirstOrDefaultAsync(a => a.Id == accountId, ct), ct);
    }

    /// <summary>A company's cookie is good while its account exists and keeps the stamp it was issued with.</summary>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await _security.IsCurrentAsync(db.CompanyAccounts, principal, ct);
    }

    /// <summary>The signed-in company: its account and the name on its ficha.</summary>
    public async Task<CompanyProfileView> ProfileAsync(Guid accountId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var account = await db.CompanyAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == accountId, ct) ?? throw new AccessDeniedException("La cuenta ya no existe.");
        var name = await db.Parties.AsNoTracking().Where(p => p.Id == account.PartyId).Select(p => p.DisplayName).FirstAsync(ct);
        return new CompanyProfileView(account.Id, account.PartyId, account.Ruc, name, account.Email, account.Validation, account.ValidationReason);
    }

    /// <summary>Only an email the VUPE already held for the RUC vouches for whoever signs up; any other sign-up waits for a supervisor.</summary>
    private static bool NeedsValidation(Party? party) => string.IsNullOrWhiteSpace(party?.Company?.ContactEmail);

    private async Task<(string Ruc, string Email)> CheckAsync(string? rucText, string? emailText, FieldErrors errors, CancellationToken ct)
    {
        var (ruc, error) = DocumentNumbers.Normalise(DocumentType.Ruc, rucText);
        if (error is not null) errors.Add("ruc", error);
        else if (ruc is not null && !(ruc.StartsWith("20", StringComparison.Ordinal) || ruc.StartsWith("10", StringComparison.Ordinal)))
            errors.Add("ruc", "El RUC de una empresa empieza con 20 (persona jurídica) o 10 (persona natural con negocio).");
        var email = emailText?.Trim() ?? "";
        if (email.Length == 0 || email.Length > 254 || !MailAddress.TryCreate(email, out var address) || address.Address != email || !address.Host.Contains('.', StringComparison.Ordinal))
            errors.Add("email", "El correo electrónico no es válido (por ejemplo: rrhh@empresa.pe).");
        if (ruc is not null) await attempts.CountAsync($"empresa:ruc:{ruc}", server.Value.CitizenRequestsPerDniPerHour, TimeSpan.FromHours(1), TooManyForRuc, ct);
        errors.ThrowIfAny();
        return (ruc!, email);
    }

    private async Task<Party?> CompanyOfAsync(string ruc, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Parties.AsNoTracking().FirstOrDefaultAsync(p => p.DocumentType == DocumentType.Ruc && p.DocumentNumber == ruc, ct);
    }

    private async Task EnsureNoAccountAsync(string ruc, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.CompanyAccounts.AnyAsync(a => a.Ruc == ruc, ct)) throw Refusal("ruc", AlreadyHasAccount);
    }

    private async Task EnsureEmailMayBeUsedAsync(Party? party, string email, CancellationToken ct)
    {
        var known = party?.Company?.ContactEmail?.Trim();
        if (string.IsNullOrEmpty(known) || string.Equals(known, email, StringComparison.OrdinalIgnoreCase)) return;
        await audit.AppendAsync(AuditTrails.ForParty(party!.Id), "empresa.signup.refused", new { reason = "correo distinto del registrado" }, ct);
        throw Refusal("email", $"Use el correo que la empresa registró en la VUPE ({ContactMask.Of(ContactChannel.Email, known)}) o pida a una oficina que lo actualice.");
    }

    private static string TrailOf(Party? party) => party is null ? AuditTrails.CompanySignUps : AuditTrails.ForParty(party.Id);

    private static FieldValidationException Refusal(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] }, message);
}
