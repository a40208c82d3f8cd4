using Microsoft.EntityFrameworkCore;
using Vupe.Engine;
using Vupe.Server.Audit;
using Vupe.Server.Auth;
using Vupe.Server.Data;
using Vupe.Server.Parties;
using Vupe.Server.Problems;

namespace Vupe.Server.Portal;

/// <summary>Education as the citizen types it on Mi VUPE.</summary>
public sealed record EducationForm(string? Level, string? Institution, string? Field, bool Completed, int? Year);

/// <summary>A job as the citizen types it on Mi VUPE; an open end date is a job held today.</summary>
public sealed record ExperienceForm(string? Employer, string? Position, DateOnly? From, DateOnly? To);

/// <summary>One record of a consent's history: given or withdrawn, when, by whom and how.</summary>
public sealed record PortalConsentEvent(bool Granted, DateTimeOffset At, string By, string Channel);

/// <summary>A purpose of consent (Ley 29733) as the citizen reads it: what it is for, where it stands, and every record, newest first.</summary>
public sealed record PortalConsent(string Purpose, string Name, string WhatFor, bool Granted, PortalConsentEvent? Latest, IReadOnlyList<PortalConsentEvent> History);

/// <summary>The part of the ficha the citizen corrects on Mi VUPE, with the version it was read at.</summary>
public sealed record MyFicha(
    Guid PartyId, string Name, long Version, IReadOnlyList<EducationEntry> Education, IReadOnlyList<WorkExperienceEntry> WorkExperience,
    IReadOnlyList<string> Skills, IReadOnlyList<PortalConsent> Consents);

/// <summary>
/// "Mi ficha" on Mi VUPE: the citizen reads and corrects their education, work experience and skills, and gives or
/// withdraws each consent. The ficha is always the signed-in account's own (its linked party, never an id from the
/// request). Changes go through <see cref="PartyDirectory"/> like a consultant's, so the same rules, the same audit
/// entries (the actor is the citizen) and the same observers apply: the job bank's snapshot and matching follow at once.
/// </summary>
public sealed class CitizenFicha(CitizenAccounts accounts, PartyDirectory parties, IDbContextFactory<VupeDbContext> contexts, AuditLog audit, TimeProvider time)
{
    public const int MaxEntries = 30;
    public const int MaxSkills = 50;

    public static readonly IReadOnlyDictionary<string, string> EducationLevels = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["sin-estudios"] = "Sin estudios", ["primaria"] = "Primaria", ["secundaria"] = "Secundaria",
        ["tecnica"] = "Técnica", ["universitaria"] = "Universitaria", ["posgrado"] = "Posgrado",
    };

    /// <summary>The purposes a citizen decides on, in the order shown, with what each lets the VUPE do.</summary>
    public static readonly IReadOnlyList<(string Purpose, string Name, string WhatFor)> Purposes =
    [
        ("tratamiento-datos", "Tratamiento de mis datos personales",
            "Que la VUPE registre y use mis datos para darme sus servicios de empleo en cualquiera de sus oficinas. Si lo retira, la VUPE conserva lo que la ley le obliga a guardar (sus expedientes y certificados), pero deja de compartir su perfil con empresas."),
        ("intermediacion-laboral", "Bolsa de trabajo (intermediación laboral)",
            "Que la bolsa de trabajo muestre mi nombre, región, estudios, experiencia, habilidades y certificaciones a las empresas y a los consultores de todas las oficinas, y me derive a vacantes. Si lo retira, deja de mostrarse de inmediato."),
        ("datos-sensibles", "Datos sensibles",
            "Que la VUPE use mis datos sensibles (discapacidad, condición migratoria) para orientarme a programas para los que califico. Si lo retira, las demás oficinas dejan de verlos."),
        ("comunicaciones", "Comunicaciones",
            "Recibir por correo o celular información de vacantes, cursos y programas de empleo."),
    ];

    public const string Conflict = "Su ficha cambió mientras la editaba (quizá en una oficina de la VUPE). Revise los datos y vuelva a guardar.";

    public async Task<MyFicha> ReadAsync(Guid accountId, CancellationToken ct)
    {
        var party = await PartyAsync(accountId, ct);
        await audit.AppendAsync(AuditTrails.ForParty(party.Id), "portal.ficha.read", new { account = accountId, fields = "estudios, experiencia, habilidades, consentimientos" }, ct);
        return ToFicha(party);
    }

    /// <summary>Adds an education entry (<paramref name="index"/> null) or replaces the one at <paramref name="index"/>.</summary>
    public async Task SaveEducationAsync(Guid accountId, long version, int? index, EducationForm form, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (form.Level is null || !EducationLevels.ContainsKey(form.Level)) errors.Add("level", "Elija su nivel de estudios.");
        errors.Text("institution", form.Institution, 200, required: false);
        errors.Text("field", form.Field, 200, required: false);
        var thisYear = time.GetUtcNow().Year;
        if (form.Year is { } year && (year < 1930 || year > thisYear + 6)) errors.Add("year", $"Escriba un año entre 1930 y {thisYear + 6}.");
        errors.ThrowIfAny();
        var entry = new EducationEntry { Level = form.Level!, Institution = Trimmed(form.Institution), Field = Trimmed(form.Field), Completed = form.Completed, Year = form.Year };
        await ChangeAsync(accountId, version, person =>
        {
            var list = person.Education.ToList();
            Place(list, index, entry, "level");
            return person with { Education = list };
        }, ct);
    }

    public Task RemoveEducationAsync(Guid accountId, long version, int index, CancellationToken ct) =>
        ChangeAsync(accountId, version, person =>
        {
            var list = person.Education.ToList();
            RemoveAt(list, index);
            return person with { Education = list };
        }, ct);

    /// <summary>Adds a job or replaces one. A certified job the citizen rewrites is theirs now: it stops counting as certified.</summary>
    public async Task SaveExperienceAsync(Guid accountId, long version, int? index, ExperienceForm form, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Text("employer", form.Employer, 200);
        errors.Text("position", form.Position, 200, required: false);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (form.From is { } from && from > today) errors.Add("from", "La fecha de inicio no puede ser futura.");
        if (form.From is { } f && f.Year < 1930) errors.Add("from", "La fecha de inicio no es verosímil.");
        if (form.To is { } to && form.From is { } start && to < start) errors.Add("to", "La fecha de fin es anterior a la de inicio.");
        if (form.To is not null && form.From is null) errors.Add("from", "Indique también la fecha de inicio.");
        errors.ThrowIfAny();
        var entry = new WorkExperienceEntry { Employer = form.Employer!.Trim(), Position = Trimmed(form.Position), From = form.From, To = form.To, Certified = false };
        await ChangeAsync(accountId, version, person =>
        {
            var list = person.WorkExperience.ToList();
            Place(list, index, entry, "employer");
            return person with { WorkExperience = list };
        }, ct);
    }

    public Task RemoveExperienceAsync(Guid accountId, long version, int index, CancellationToken ct) =>
        ChangeAsync(accountId, version, person =>
        {
            var list = person.WorkExperience.ToList();
            RemoveAt(list, index);
            return person with { WorkExperience = list };
        }, ct);

    /// <summary>The skills, one per line (or separated by commas), replacing the list.</summary>
    public async Task SaveSkillsAsync(Guid accountId, long version, string? text, CancellationToken ct)
    {
        var skills = (text ?? "").Split(['\n', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var errors = new FieldErrors();
        if (skills.Count > MaxSkills) errors.Add("skills", $"Puede registrar hasta {MaxSkills} habilidades.");
        if (skills.FirstOrDefault(s => s.Length > 100) is { } tooLong) errors.Add("skills", $"Cada habilidad tiene como máximo 100 caracteres: «{tooLong[..30]}…» es más larga.");
        errors.ThrowIfAny();
        await ChangeAsync(accountId, version, person => person with { Skills = skills }, ct);
    }

    /// <summary>Gives or withdraws a consent: a new record (digital, by the citizen, now); the earlier ones stay as its history.</summary>
    public async Task SetConsentAsync(Guid accountId, string? purpose, bool grant, CancellationToken ct)
    {
        if (!Purposes.Any(p => p.Purpose == purpose))
            throw new FieldValidationException(new Dictionary<string, string[]> { [""] = ["Finalidad desconocida."] }, "Finalidad desconocida.");
        var account = await accounts.AccountAsync(accountId, ct);
        await parties.AddConsentAsync(account.PartyId, new ConsentInput(purpose, grant, "digital", ConsentTextVersion), UserScope.Citizen(), ct);
    }

    /// <summary>The version of the consent texts shown on Mi VUPE, recorded with every consent given or withdrawn there.</summary>
    public const string ConsentTextVersion = "mi-vupe-v1";

    internal static IReadOnlyList<PortalConsent> ConsentsOf(IEnumerable<ConsentRecord> records)
    {
        var byPurpose = records.ToLookup(c => c.Purpose, StringComparer.Ordinal);
        return [.. Purposes.Select(p =>
        {
            var history = byPurpose[p.Purpose].OrderByDescending(c => c.RecordedAt).Select(c => new PortalConsentEvent(c.Granted, c.RecordedAt, ByWhom(c), c.Channel)).ToList();
            return new PortalConsent(p.Purpose, p.Name, p.WhatFor, history.FirstOrDefault()?.Granted ?? false, history.FirstOrDefault(), history);
        })];
    }

    /// <summary>Who recorded a consent, in the citizen's words: themselves on Mi VUPE, or the staff of an office.</summary>
    internal static string ByWhom(ConsentRecord c) =>
        c.RecordedBy == UserScope.Citizen().UserName ? "Usted, en Mi VUPE" : $"Personal de la oficina {c.OfficeCode} ({c.RecordedBy}), por {(c.Channel == "escrito" ? "escrito" : "medio digital")}";

    private static MyFicha ToFicha(Party party) => new(party.Id, party.DisplayName, party.Version, party.Person!.Education, party.Person.WorkExperience,
        party.Person.Skills, ConsentsOf(party.Consents));

    private async Task<Party> PartyAsync(Guid accountId, CancellationToken ct)
    {
        var account = await accounts.AccountAsync(accountId, ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Parties.AsNoTracking().Include(p => p.Consents).FirstAsync(p => p.Id == account.PartyId, ct);
    }

    private sealed record Lists(List<EducationEntry> Education, List<WorkExperienceEntry> WorkExperience, List<string> Skills);

    /// <summary>Applies a change to the lists through the ficha's one update path, at the version the citizen read.</summary>
    private async Task ChangeAsync(Guid accountId, long version, Func<Lists, Lists> change, CancellationToken ct)
    {
        var party = await PartyAsync(accountId, ct);
        if (party.Version != version) throw new FieldValidationException(new Dictionary<string, string[]> { [""] = [Conflict] }, Conflict);
        var person = party.Person!;
        var after = change(new Lists(person.Education, person.WorkExperience, person.Skills));
        try
        {
            await parties.UpdateFichaAsync(party.Id, new UpdateFichaRequest(version, person.Phone, person.Email, person.Address, person.Ubigeo,
                after.Education, after.WorkExperience, after.Skills, null, null), UserScope.Citizen(), ct);
        }
        catch (ConflictException)
        {
            throw new FieldValidationException(new Dictionary<string, string[]> { [""] = [Conflict] }, Conflict);
        }
    }

    private static void Place<T>(List<T> list, int? index, T entry, string field)
    {
        if (index is null)
        {
            if (list.Count >= MaxEntries) throw new FieldValidationException(new Dictionary<string, string[]> { [field] = [$"Puede registrar hasta {MaxEntries}."] });
            list.Add(entry);
        }
        else if (index >= 0 && index < list.Count) list[index.Value] = entry;
        else throw new FieldValidationException(new Dictionary<string, string[]> { [""] = [Conflict] }, Conflict);
    }

    private static void RemoveAt<T>(List<T> list, int index)
    {
        if (index < 0 || index >= list.Count) throw new FieldValidationException(new Dictionary<string, string[]> { [""] = [Conflict] }, Conflict);
        list.RemoveAt(index);
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
