using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using Vupe.Engine;
using Vupe.Engine.Persistence;
using Vupe.Server.Audit;
using Vupe.Server.Auth;
using Vupe.Server.Data;
using Vupe.Server.Problems;

namespace Vupe.Server.Parties;

/// <summary>
/// The national register of parties (fichas únicas). Every read of personal data and every change
/// lands in the party's audit trail; changes commit together with their audit entry.
/// </summary>
public sealed class PartyDirectory(VupeDbContext db, AuditLog audit, ProcessEngine engine, ReniecRegistration reniec, TimeProvider time, IEnumerable<IFichaObserver> observers)
{
    public const int MaxSearchResults = 50;

    /// <summary>Who read or changed this ficha, when and from where.</summary>
    public Task<List<AuditEntry>> TrailAsync(Guid id, CancellationToken ct) => audit.ReadAsync(AuditTrails.ForParty(id), ct);

    public Task<ChainVerdict> VerifyTrailAsync(Guid id, CancellationToken ct) => audit.VerifyAsync(AuditTrails.ForParty(id), ct);

    /// <summary>
    /// Registers a citizen. A DNI is checked against RENIEC (<see cref="ReniecRegistration"/>): names and birth date may be
    /// left out and are then RENIEC's; given, they must agree with RENIEC's. Other documents take what is typed.
    /// </summary>
    public async Task<PartyDto> CreatePersonAsync(CreatePersonRequest r, UserScope user, CancellationToken ct)
    {
        var errors = new FieldErrors();
        string? number = null;
        if (r.DocumentType == DocumentType.Ruc) errors.Add("documentType", "Una persona se identifica con DNI, carné de extranjería o pasaporte.");
        else
        {
            var (normalised, error) = DocumentNumbers.Normalise(r.DocumentType, r.DocumentNumber, r.CheckCharacter);
            if (error is not null) errors.Add("documentNumber", error);
            number = normalised;
        }
        // With a DNI, RENIEC supplies what is left out; only what is typed is checked here.
        var byDni = r.DocumentType == DocumentType.Dni;
        errors.Name("givenNames", r.GivenNames, 100, required: !byDni);
        errors.Name("paternalSurname", r.PaternalSurname, 100, required: !byDni);
        errors.Name("maternalSurname", r.MaternalSurname, 100, required: false);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (r.BirthDate is not { } birth) { if (!byDni) errors.Add("birthDate", "Este campo es obligatorio."); }
        else if (birth > today) errors.Add("birthDate", "La fecha de nacimiento no puede ser futura.");
        else if (birth < today.AddYears(-120)) errors.Add("birthDate", "La fecha de nacimiento no es verosímil.");
        CheckContact(errors, r.Phone, r.Email, r.Ubigeo);
        errors.Text("address", r.Address, 300, required: false);
        if (r.Sex is not (null or "F" or "M" or "X")) errors.Add("sex", "Use F, M o X.");
        if (r.Consent is { } consent) CheckConsent(errors, consent, "consent.");
        errors.ThrowIfAny();

        await EnsureUniqueAsync(r.DocumentType, number!, ct);
        var identity = byDni
            ? await reniec.ResolveAsync(number!, r, ct)
            : new RegisteredIdentity(r.GivenNames!.Trim(), r.PaternalSurname!.Trim(), Trimmed(r.MaternalSurname), r.BirthDate!.Value, Trimmed(r.Address), null, null);
        var now = time.GetUtcNow();
        var party = new Party
        {
            Kind = PartyKind.Person, DocumentType = r.DocumentType, DocumentNumber = number!,
            DisplayName = string.Join(' ', new[] { identity.GivenNames, identity.PaternalSurname, identity.MaternalSurname }.Where(s => !string.IsNullOrEmpty(s))),
            SearchName = "", RegisteredAtOffice = user.OfficeCode ?? "NAC", CreatedAt = now, UpdatedAt = now, CreatedBy = user.UserName,
            Person = new PersonProfile
            {
                GivenNames = identity.GivenNames, PaternalSurname = identity.PaternalSurname, MaternalSurname = identity.MaternalSurname,
                BirthDate = identity.BirthDate, Sex = r.Sex, Nationality = r.Nationality?.Trim(), Phone = r.Phone?.Trim(), Email = r.Email?.Trim(),
                Address = identity.Address, Ubigeo = r.Ubigeo?.Trim(),
                IdentityVerifiedAt = identity.VerifiedAt, IdentityReference = identity.Reference,
            },
        };
        party.SearchName = TextFolding.Fold(party.DisplayName);
        if (r.Consent is { } c) party.Consents.Add(NewConsent(party.Id, c, user, now));
        db.Parties.Add(party);
        audit.Stage(db, AuditTrails.ForParty(party.Id), "party.created", new { after = PartyDto.From(party) });
        await SaveAsync(ct);
        return PartyDto.From(party);
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public async Task<PartyDto> CreateCompanyAsync(CreateCompanyRequest r, UserScope user, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var (ruc, rucError) = DocumentNumbers.Normalise(DocumentType.Ruc, r.Ruc);
        if (rucError is not null) errors.Add("ruc", rucError);
        var legalName = errors.Name("legalName", r.LegalName, 200);
        errors.Name("tradeName", r.TradeName, 200, required: false);
        errors.Text("sector", r.Sector, 100, required: false);
        if (r.Employees is < 0 or > 1_000_000) errors.Add("employees", "Número de trabajadores no válido.");
        CheckContact(errors, r.ContactPhone, r.ContactEmail, r.Ubigeo, "contactPhone", "contactEmail");
        errors.ThrowIfAny();

        await EnsureUniqueAsync(DocumentType.Ruc, ruc!, ct);
        var now = time.GetUtcNow();
        var party = new Party
        {
            Kind = PartyKind.Company, DocumentType = DocumentType.Ruc, DocumentNumber = ruc!, DisplayName = legalName!,
            SearchName = TextFolding.Fold(legalName!), RegisteredAtOffice = user.OfficeCode ?? "NAC", CreatedAt = now, UpdatedAt = now, CreatedBy = user.UserName,
            Company = new CompanyProfile
            {
                LegalName = legalName!, TradeName = r.TradeName?.Trim(), Sector = r.Sector?.Trim(), Employees = r.Employees, Address = r.Address?.Trim(),
                Ubigeo = r.Ubigeo?.Trim(), ContactName = r.ContactName?.Trim(), ContactPhone = r.ContactPhone?.Trim(), ContactEmail = r.ContactEmail?.Trim(),
            },
        };
        db.Parties.Add(party);
        audit.Stage(db, AuditTrails.ForParty(party.Id), "party.created", new { after = PartyDto.From(party) });
        await SaveAsync(ct);
        return PartyDto.From(party);
    }

    public const string SensitivePurpose = "datos-sensibles";

    public const string SensitiveWithheldNotice =
        "La persona retiró su consentimiento para el uso de sus datos sensibles (Ley 29733): su discapacidad y su condición migratoria solo las ven la oficina que la registró y las que la atienden en un expediente.";

    /// <summary>
    /// The ficha, nationally readable; the read is logged in the party's trail. When the person has withdrawn the
    /// datos-sensibles consent, a <paramref name="reader"/> of another office — not the one that registered the ficha, and
    /// with no case of the person — gets it without disability and migratory status (<see cref="PartyDto.SensitiveNotice"/>).
    /// </summary>
    public async Task<PartyDto> ReadAsync(Guid id, CancellationToken ct, UserScope? reader = null)
    {
        var party = await db.Parties.AsNoTracking().Include(p => p.Consents).FirstOrDefaultAsync(p => p.Id == id, ct)
            ?? throw new NotFoundException($"Party {id} does not exist.");
        var withheld = reader is not null && party.Person is { } person && SensitiveWithdrawn(party) && !await ServesAsync(reader, party, ct);
        if (withheld)
        {
            party.Person!.Disability = new DisabilityInfo();
            party.Person.Migrant = new MigrantInfo();
        }
        await audit.AppendAsync(AuditTrails.ForParty(id), "party.read", new { fields = withheld ? "ficha sin datos sensibles" : "ficha" }, ct);
        return PartyDto.From(party) with { SensitiveNotice = withheld ? SensitiveWithheldNotice : null };
    }

    /// <summary>The latest datos-sensibles record is a withdrawal (no record is the consent taken at registration, not a withdrawal).</summary>
    private static bool SensitiveWithdrawn(Party party) =>
        party.Consents.Where(c => c.Purpose == SensitivePurpose).OrderBy(c => c.RecordedAt).LastOrDefault() is { Granted: false };

    /// <summary>The reader's office registered the person or serves them in a case: its own legal duty, which the law keeps.</summary>
    private async Task<bool> ServesAsync(UserScope reader, Party party, CancellationToken ct) =>
        reader.CanSeeOffice(party.RegisteredAtOffice)
        || (await engine.Cases.QueryAsync(new CaseFilter { SubjectId = party.Id.ToString(), OfficeCodes = reader.Offices, Take = 1 }, ct)).Count > 0;

    public async Task<Party?> FindAsync(Guid id, CancellationToken ct) => await db.Parties.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);

    /// <summary>By exact document number, or by name words (accent- and case-insensitive); the search and the fichas it listed are logged once.</summary>
    public async Task<List<PartySummaryDto>> SearchAsync(string? document, string? name, CancellationToken ct)
    {
        IQueryable<Party> q = db.Parties.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(document))
        {
            var normalised = document.Trim().ToUpperInvariant().Replace("-", "", StringComparison.Ordinal);
            if (normalised.Length == 9 && normalised[..8].All(char.IsAsciiDigit)) normalised = normalised[..8]; // DNI typed with its check character
            q = q.Where(p => p.DocumentNumber == normalised);
        }
        else if (!string.IsNullOrWhiteSpace(name))
        {
            q = PartyNameQuery.Matching(db, [.. TextFolding.Fold(name).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(6)]);
        }
        else
        {
            new FieldErrors().Add("q", "Busque por número de documento o por nombre.").ThrowIfAny();
        }
        var found = await q.OrderBy(p => p.SearchName).Take(MaxSearchResults)
            .Select(p => new PartySummaryDto(p.Id, p.Kind, p.DocumentType, p.DocumentNumber, p.DisplayName, p.RegisteredAtOffice)).ToListAsync(ct);
        // One entry per search, naming the fichas it showed: a search listing 50 people is one act of the user, and 50
        // writes per search made a broad name search the slowest request of the front desk.
        await audit.AppendAsync(AuditTrails.PartySearches, "party.searched", new { document, name, results = found.Count, parties = found.Select(p => p.Id) }, ct);
        return found;
    }

    public async Task<PartyDto> UpdateFichaAsync(Guid id, UpdateFichaRequest r, UserScope user, CancellationToken ct)
    {
        var party = await db.Parties.Include(p => p.Consents).FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException($"Party {id} does not exist.");
        if (party.Person is not { } person)
            throw new FieldValidationException(new Dictionary<string, string[]> { ["kind"] = ["La ficha de una empresa se actualiza con sus propios datos."] });
        var errors = new FieldErrors();
        CheckContact(errors, r.Phone, r.Email, r.Ubigeo);
        errors.Text("address", r.Address, 300, required: false);
        for (var i = 0; i < (r.Education?.Count ?? 0); i++)
        {
            var e = r.Education![i];
            if (e.Level is not ("sin-estudios" or "primaria" or "secundaria" or "tecnica" or "universitaria" or "posgrado"))
                errors.Add($"education[{i}].level", "Nivel educativo desconocido.");
            if (e.Year is < 1900 or > 2100) errors.Add($"education[{i}].year", "Año no válido.");
        }
        for (var i = 0; i < (r.WorkExperience?.Count ?? 0); i++)
        {
            var w = r.WorkExperience![i];
            errors.Text($"workExperience[{i}].employer", w.Employer, 200);
            if (w.From is { } from && w.To is { } to && to < from) errors.Add($"workExperience[{i}].to", "La fecha de fin es anterior a la de inicio.");
        }
        if (r.Skills is { Count: > 50 }) errors.Add("skills", "Máximo 50 habilidades.");
        errors.ThrowIfAny();
        if (party.Version != r.Version)
            throw new ConflictException($"Party {id} is at version {party.Version}, the update read {r.Version}.");

        var before = PartyDto.From(party);
        var phone = r.Phone?.Trim();
        var email = r.Email?.Trim();
        // A verification proves one address: a changed address has to be proved again.
        if (!string.Equals(person.Phone, phone, StringComparison.Ordinal)) person.PhoneVerifiedAt = null;
        if (!string.Equals(person.Email, email, StringComparison.OrdinalIgnoreCase)) person.EmailVerifiedAt = null;
        person.Phone = phone;
        person.Email = email;
        person.Address = r.Address?.Trim();
        person.Ubigeo = r.Ubigeo?.Trim();
        if (r.Education is not null) person.Education = r.Education;
        if (r.WorkExperience is not null) person.WorkExperience = r.WorkExperience;
        if (r.Skills is not null) person.Skills = [.. r.Skills.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct()];
        if (r.Disability is not null) person.Disability = r.Disability;
        if (r.Migrant is not null) person.Migrant = r.Migrant;
        party.UpdatedAt = time.GetUtcNow();
        party.Version++;
        // The owned JSON document is replaced wholesale; tell EF so it writes it.
        db.Entry(party).Reference(p => p.Person).TargetEntry!.State = EntityState.Modified;
        audit.Stage(db, AuditTrails.ForParty(id), "party.updated", new { before, after = PartyDto.From(party), by = user.UserName });
        await SaveWithObserversAsync(party, ct);
        return PartyDto.From(party);
    }

    /// <summary>
    /// Checks a DNI ficha against RENIEC now (one registered while RENIEC was down, or after a CUL's identity observation):
    /// agreeing names and birth date mark it verified; disagreeing ones are refused naming the fields, unless the consultant
    /// asks to adopt RENIEC's data, which replaces them (before and after audited). The CUL compares with the ficha as it is
    /// when a CUL case opens.
    /// </summary>
    public async Task<PartyDto> VerifyIdentityAsync(Guid id, bool adoptReniec, long version, UserScope user, CancellationToken ct)
    {
        var party = await db.Parties.Include(p => p.Consents).FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException($"Party {id} does not exist.");
        if (party.Person is not { } person || party.DocumentType != DocumentType.Dni)
            throw new FieldValidationException(new Dictionary<string, string[]> { ["documentType"] = ["Solo una ficha con DNI se verifica con RENIEC."] });
        if (party.Version != version) throw new ConflictException($"Party {id} is at version {party.Version}, the request read {version}.");
        var (citizen, reference) = await reniec.LookUpAsync(party.DocumentNumber, ct);
        var differences = Vupe.Connectors.IdentityComparison.Compare(citizen, person.GivenNames, person.PaternalSurname, person.MaternalSurname, person.BirthDate);
        if (differences.Count > 0 && !adoptReniec)
            throw new FieldValidationException(
                differences.ToDictionary(d => d.Field, d => new[] { $"No coincide con RENIEC para este DNI: RENIEC registra «{d.Reniec}»." }),
                $"Los datos no coinciden con RENIEC: {string.Join(", ", differences.Select(d => d.Label))}.");
        var before = PartyDto.From(party);
        if (differences.Count > 0)
        {
            person.GivenNames = citizen.GivenNames;
            person.PaternalSurname = citizen.PaternalSurname;
            person.MaternalSurname = string.IsNullOrEmpty(citizen.MaternalSurname) ? null : citizen.MaternalSurname;
            person.BirthDate = citizen.BirthDate;
            party.DisplayName = string.Join(' ', new[] { person.GivenNames, person.PaternalSurname, person.MaternalSurname }.Where(n => !string.IsNullOrEmpty(n)));
            party.SearchName = TextFolding.Fold(party.DisplayName);
        }
        person.IdentityVerifiedAt = time.GetUtcNow();
        person.IdentityReference = reference;
        party.UpdatedAt = time.GetUtcNow();
        party.Version++;
        db.Entry(party).Reference(p => p.Person).TargetEntry!.State = EntityState.Modified;
        audit.Stage(db, AuditTrails.ForParty(id), "party.identity.verified",
            new { adopted = differences.Count > 0, fields = differences.Select(d => d.Field), before = before.DisplayName, after = party.DisplayName, reference, by = user.UserName });
        await SaveWithObserversAsync(party, ct);
        return PartyDto.From(party);
    }

    public async Task<ConsentRecord> AddConsentAsync(Guid id, ConsentInput input, UserScope user, CancellationToken ct)
    {
        var errors = new FieldErrors();
        CheckConsent(errors, input, "");
        errors.ThrowIfAny();
        var party = await db.Parties.Include(p => p.Consents).FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException($"Party {id} does not exist.");
        var consent = NewConsent(id, input, user, time.GetUtcNow());
        // Added explicitly: a new record with its id already set, reached through the navigation, would be taken for an existing one.
        db.Consents.Add(consent);
        if (!party.Consents.Contains(consent)) party.Consents.Add(consent);
        audit.Stage(db, AuditTrails.ForParty(id), consent.Granted ? "consent.granted" : "consent.withdrawn", consent);
        await SaveWithObserversAsync(party, ct);
        return consent;
    }

    /// <summary>Every case whose subject is the party, in every office, oldest first, with its outcome when the process recorded one.</summary>
    public async Task<List<HistoryItemDto>> EmployabilityHistoryAsync(Guid id, CancellationToken ct)
    {
        if (!await db.Parties.AnyAsync(p => p.Id == id, ct)) throw new NotFoundException($"Party {id} does not exist.");
        var cases = await engine.Cases.QueryAsync(new CaseFilter { SubjectId = id.ToString(), Take = 1000 }, ct);
        var entries = (await db.EmployabilityEntries.AsNoTracking().Where(e => e.PartyId == id).ToListAsync(ct)).ToLookup(e => e.CaseId);
        var items = cases.OrderBy(c => c.OpenedAt).ThenBy(c => c.CaseNumber, StringComparer.Ordinal).Select(c =>
        {
            var diagnosis = entries[c.Id].LastOrDefault(e => e.Kind == EmployabilityEntryKind.Diagnosis);
            var outcome = entries[c.Id].Where(e => e.Kind == EmployabilityEntryKind.ReferralOutcome).OrderBy(e => e.RecordedAt).LastOrDefault();
            return new HistoryItemDto(c.Id, c.CaseNumber, c.OfficeCode, c.ProcessKey, c.Title, c.Status.ToString(), c.OpenedAt, c.ClosedAt, c.ParentCaseId,
                diagnosis?.Summary?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [], outcome?.ServiceCode, outcome?.Summary,
                OutcomeDetails.From(entries[c.Id].Where(e => e.Kind == EmployabilityEntryKind.ReferralOutcome).OrderBy(e => e.RecordedAt).Select(e => e.Data)));
        }).ToList();
        await audit.AppendAsync(AuditTrails.ForParty(id), "party.history.read", new { cases = items.Count }, ct);
        return items;
    }

    private async Task EnsureUniqueAsync(DocumentType type, string number, CancellationToken ct)
    {
        var existing = await db.Parties.AsNoTracking().Where(p => p.DocumentType == type && p.DocumentNumber == number).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
        if (existing is { } id) throw new DuplicatePartyException(id);
    }

    /// <summary>Saves a ficha's change with what its observers (the job bank's snapshot) stage, then lets them act.</summary>
    private async Task SaveWithObserversAsync(Party party, CancellationToken ct)
    {
        var after = new List<Action>();
        foreach (var observer in observers)
            if (await observer.StageAsync(party, ct) is { } action) after.Add(action);
        await SaveAsync(ct);
        foreach (var action in after) action();
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            // A unique index said no: the same document registered, or the audit trail appended to, by a concurrent request.
            throw new ConflictException("A concurrent request changed the same data.", e);
        }
    }

    private static ConsentRecord NewConsent(Guid partyId, ConsentInput c, UserScope user, DateTimeOffset now) => new()
    {
        PartyId = partyId, Purpose = c.Purpose!.Trim(), Granted = c.Granted, Channel = c.Channel!.Trim(), TextVersion = c.TextVersion?.Trim(),
        RecordedAt = now, RecordedBy = user.UserName, OfficeCode = user.OfficeCode ?? "NAC",
    };

    private static void CheckConsent(FieldErrors errors, ConsentInput c, string prefix)
    {
        if (c.Purpose?.Trim() is not ("tratamiento-datos" or "datos-sensibles" or "intermediacion-laboral" or "comunicaciones"))
            errors.Add(prefix + "purpose", "Finalidad desconocida: tratamiento-datos, datos-sensibles, intermediacion-laboral o comunicaciones.");
        if (c.Channel?.Trim() is not ("escrito" or "digital")) errors.Add(prefix + "channel", "El consentimiento se registra por escrito o digital.");
        errors.Text(prefix + "textVersion", c.TextVersion, 50, required: false);
    }

    private static void CheckContact(FieldErrors errors, string? phone, string? email, string? ubigeo, string phoneField = "phone", string emailField = "email")
    {
        if (!string.IsNullOrWhiteSpace(phone))
        {
            var digits = phone.Trim().TrimStart('+').Replace(" ", "", StringComparison.Ordinal);
            if (digits.Length is < 6 or > 15 || !digits.All(char.IsAsciiDigit)) errors.Add(phoneField, "Teléfono no válido: de 6 a 15 dígitos.");
        }
        if (!string.IsNullOrWhiteSpace(email) && (email.Length > 254 || !MailAddress.TryCreate(email.Trim(), out _)))
            errors.Add(emailField, "Correo electrónico no válido.");
        if (!string.IsNullOrWhiteSpace(ubigeo) && (ubigeo.Trim().Length != 6 || !ubigeo.Trim().All(char.IsAsciiDigit)))
            errors.Add("ubigeo", "El ubigeo tiene 6 dígitos.");
    }
}

/// <summary>A ficha already exists for the document: the answer is 409 with the existing party's id.</summary>
public sealed class DuplicatePartyException(Guid existingId) : Exception($"A party with this document already exists: {existingId}")
{
    public Guid ExistingId { get; } = existingId;
}
