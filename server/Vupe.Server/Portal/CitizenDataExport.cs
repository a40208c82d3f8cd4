using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Vupe.Documents.Pdf;
using Vupe.Documents.Signing;
using Vupe.Server.Audit;
using Vupe.Server.Data;
using Vupe.Server.JobBank;
using Vupe.Server.Parties;

namespace Vupe.Server.Portal;

/// <summary>A document of one of the citizen's cases, without its content.</summary>
public sealed record ExportedDocument(string CaseNumber, string Kind, string Title, int Versions, DateTimeOffset CreatedAt, string? IssuedBy, DateTimeOffset? ValidUntil, bool ContentDeleted);

/// <summary>A certificate issued to the citizen.</summary>
public sealed record ExportedCertificate(string CertificateNumber, string Kind, string CaseNumber, string VerificationCode, DateTimeOffset IssuedAt, DateTimeOffset ValidUntil, DateTimeOffset? RevokedAt);

/// <summary>A line of the ficha's employability history written by a process step (a diagnosis, a referral's outcome).</summary>
public sealed record ExportedHistoryLine(string CaseNumber, string Office, string Kind, string? Service, string? Summary, DateTimeOffset RecordedAt);

/// <summary>A referral to a vacancy and the company's answer.</summary>
public sealed record ExportedReferral(string Vacancy, string Company, string Status, DateTimeOffset ReferredAt, DateTimeOffset? AnsweredAt);

/// <summary>Who read or changed the ficha: one entry of its audit trail, without the data it carried.</summary>
public sealed record ExportedAccess(DateTimeOffset At, string Actor, string? Office, string Action);

/// <summary>Everything "Descargar mis datos" gives the citizen (Ley 29733, right of access).</summary>
public sealed record MyData(
    DateTimeOffset ExportedAt, PartyDto Ficha, IReadOnlyList<PortalConsent> Consents, IReadOnlyList<PortalCase> Cases,
    IReadOnlyList<ExportedHistoryLine> EmployabilityHistory, IReadOnlyList<ExportedDocument> Documents, IReadOnlyList<ExportedCertificate> Certificates,
    SeekerDto? JobSeeker, IReadOnlyList<ExportedReferral> Referrals, IReadOnlyList<ExportedAccess> Accesses);

/// <summary>
/// "Descargar mis datos": all the VUPE holds about the signed-in citizen — always the account's own ficha — as JSON or
/// as a signed PDF. Each download is a read of personal data: one entry in the ficha's trail naming the format.
/// </summary>
public sealed class CitizenDataExport(
    CitizenAccounts accounts, CitizenCases cases, SeekerService seekers, IDbContextFactory<VupeDbContext> contexts, AuditLog audit,
    PersonalDataRenderer renderer, PdfDocumentSigner signer, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };
    private static readonly CultureInfo Peru = CultureInfo.GetCultureInfo("es-PE");

    public async Task<byte[]> JsonAsync(Guid accountId, CancellationToken ct) =>
        JsonSerializer.SerializeToUtf8Bytes(await CollectAsync(accountId, "json", ct), Json);

    public async Task<byte[]> PdfAsync(Guid accountId, CancellationToken ct)
    {
        var data = await CollectAsync(accountId, "pdf", ct);
        var pdf = renderer.Render(Report(data), data.ExportedAt);
        return await signer.SignAsync(pdf, $"Datos personales de {data.Ficha.DisplayName}", ct);
    }

    /// <summary>The file name offered: the date, never the DNI (downloads land in shared folders).</summary>
    public string FileName(string extension) => $"mis-datos-vupe-{time.GetUtcNow():yyyy-MM-dd}.{extension}";

    private async Task<MyData> CollectAsync(Guid accountId, string format, CancellationToken ct)
    {
        var account = await accounts.AccountAsync(accountId, ct);
        var partyId = account.PartyId;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var party = await db.Parties.AsNoTracking().Include(p => p.Consents).FirstAsync(p => p.Id == partyId, ct);
        var history = await db.EmployabilityEntries.AsNoTracking().Where(e => e.PartyId == partyId).OrderBy(e => e.RecordedAt).ToListAsync(ct);
        var documents = await db.Documents.AsNoTracking().Include(d => d.Versions).Where(d => d.PartyId == partyId).OrderBy(d => d.CreatedAt).ToListAsync(ct);
        var certificates = await db.Certificates.AsNoTracking().Where(c => c.PartyId == partyId).OrderBy(c => c.IssuedAt).ToListAsync(ct);
        var seeker = await db.JobSeekers.AsNoTracking().FirstOrDefaultAsync(s => s.PartyId == partyId, ct);
        var referrals = await (from r in db.JobReferrals.AsNoTracking()
                               join v in db.Vacancies.AsNoTracking() on r.VacancyId equals v.Id
                               where r.SeekerPartyId == partyId
                               orderby r.ReferredAt
                               select new { r.Status, v.Title, v.CompanyName, r.ReferredAt, r.AnsweredAt }).ToListAsync(ct);
        var trail = await audit.ReadAsync(AuditTrails.ForParty(partyId), ct);
        var myCases = await cases.ForPartyAsync(partyId, ct);
        var data = new MyData(
            time.GetUtcNow(), PartyDto.From(party), CitizenFicha.ConsentsOf(party.Consents), myCases,
            [.. history.Select(e => new ExportedHistoryLine(e.CaseNumber, e.OfficeCode, e.Kind == EmployabilityEntryKind.Diagnosis ? "Diagnóstico" : "Resultado de derivación", e.ServiceCode, e.Summary, e.RecordedAt))],
            [.. documents.Select(d => new ExportedDocument(d.CaseNumber, d.Kind, d.Title, d.Versions.Count, d.CreatedAt, d.IssuedBy, d.ValidUntil, d.ContentDeletedAt is not null))],
            [.. certificates.Select(c => new ExportedCertificate(c.CertificateNumber, c.Kind, c.CaseNumber, c.VerificationCode, c.IssuedAt, c.ValidUntil, c.RevokedAt))],
            seeker is null ? null : seekers.ToDto(seeker),
            [.. referrals.Select(r => new ExportedReferral(r.Title, r.CompanyName, JobBankTexts.Of(r.Status), r.ReferredAt, r.AnsweredAt))],
            [.. trail.Select(a => new ExportedAccess(a.At, ActorOf(a), a.ActorOffice, a.Action))]);
        await audit.AppendAsync(AuditTrails.ForParty(partyId), "portal.data.exported",
            new { account = accountId, format, cases = myCases.Count, documents = documents.Count, certificates = certificates.Count }, ct);
        return data;
    }

    /// <summary>A citizen reads "usted" for their own acts; staff by user name and role, the system as such.</summary>
    private static string ActorOf(AuditEntry a) =>
        a.ActorId.StartsWith("ciudadano:", StringComparison.Ordinal) ? "Usted (Mi VUPE)"
        : a.ActorId == "system" ? "Sistema"
        : string.IsNullOrEmpty(a.ActorRoles) ? a.ActorName : $"{a.ActorName} ({a.ActorRoles})";

    private static string Date(DateTimeOffset? at) => at is { } t ? Pages.LimaTime.Format(t) : "—";

    private static string Date(DateOnly? date) => date is { } d ? d.ToString("dd/MM/yyyy", Peru) : "—";

    private static string DocumentName(DocumentType type) => type switch
    {
        DocumentType.Dni => "DNI",
        DocumentType.CarneExtranjeria => "Carné de extranjería",
        DocumentType.Pasaporte => "Pasaporte",
        _ => "RUC",
    };

    private static KeyValuePair<string, string> F(string label, string? value) => new(label, string.IsNullOrWhiteSpace(value) ? "—" : value);

    private static PersonalDataReport Report(MyData d)
    {
        var person = d.Ficha.Person!;
        var sections = new List<PersonalDataSection>
        {
            PersonalDataSection.OfFields("Ficha única",
                F("Nombre", d.Ficha.DisplayName), F("Documento", $"{DocumentName(d.Ficha.DocumentType)} {d.Ficha.DocumentNumber}"),
                F("Fecha de nacimiento", Date(person.BirthDate)), F("Sexo", person.Sex), F("Nacionalidad", person.Nationality),
                F("Correo electrónico", person.Email), F("Celular", person.Phone), F("Dirección", person.Address), F("Ubigeo", person.Ubigeo),
                F("Identidad verificada con RENIEC", person.IdentityVerifiedAt is null ? "No" : Date(person.IdentityVerifiedAt)),
                F("Discapacidad", person.Disability.HasDisability ? person.Disability.Kind ?? "Sí" : "No"),
                F("Migrante", person.Migrant.IsMigrant ? person.Migrant.CountryOfOrigin ?? "Sí" : "No"),
                F("Registrada en la oficina", d.Ficha.RegisteredAtOffice), F("Registrada el", Date(d.Ficha.CreatedAt))),
            PersonalDataSection.OfTable("Estudios", ["Nivel", "Institución", "Carrera o especialidad", "Concluido", "Año"],
                person.Education.Select(e => (IReadOnlyList<string>)[CitizenFicha.EducationLevels.GetValueOrDefault(e.Level, e.Level), e.Institution ?? "—", e.Field ?? "—",
                    e.Completed ? "Sí" : "No", e.Year?.ToString(CultureInfo.InvariantCulture) ?? "—"])),
            PersonalDataSection.OfTable("Experiencia laboral", ["Empleador", "Cargo", "Desde", "Hasta", "Certificada"],
                person.WorkExperience.Select(w => (IReadOnlyList<string>)[w.Employer, w.Position ?? "—", Date(w.From), w.To is null ? "A la fecha" : Date(w.To), w.Certified ? "Sí" : "No"])),
            PersonalDataSection.OfTable("Habilidades", ["Habilidad"], person.Skills.Select(s => (IReadOnlyList<string>)[s])),
            PersonalDataSection.OfTable("Consentimientos (Ley 29733), con su historial", ["Finalidad", "Decisión", "Fecha", "Registrado por"],
                d.Consents.SelectMany(c => c.History.Select(h => (IReadOnlyList<string>)[c.Name, h.Granted ? "Otorgado" : "Retirado", Date(h.At), h.By])),
                "No hay consentimientos registrados."),
            PersonalDataSection.OfTable("Expedientes", ["Expediente", "Procedimiento", "Estado", "Oficina", "Abierto el"],
                d.Cases.Select(c => (IReadOnlyList<string>)[c.CaseNumber, c.Procedure, c.Status, c.Office, Date(c.OpenedAt)])),
            PersonalDataSection.OfTable("Historial de empleabilidad", ["Expediente", "Oficina", "Registro", "Resultado", "Fecha"],
                d.EmployabilityHistory.Select(h => (IReadOnlyList<string>)[h.CaseNumber, h.Office, h.Kind, h.Summary ?? "—", Date(h.RecordedAt)])),
            PersonalDataSection.OfTable("Documentos (sin su contenido)", ["Expediente", "Documento", "Tipo", "Versiones", "Fecha"],
                d.Documents.Select(x => (IReadOnlyList<string>)[x.CaseNumber, x.Title, x.Kind, x.Versions.ToString(CultureInfo.InvariantCulture), Date(x.CreatedAt)])),
            PersonalDataSection.OfTable("Certificados emitidos", ["Número", "Tipo", "Expediente", "Emitido el", "Estado"],
                d.Certificates.Select(c => (IReadOnlyList<string>)[c.CertificateNumber, c.Kind, c.CaseNumber, Date(c.IssuedAt), c.RevokedAt is null ? "Vigente" : "Revocado"])),
            PersonalDataSection.OfTable("Bolsa de trabajo: derivaciones", ["Vacante", "Empresa", "Estado", "Derivado el"],
                d.Referrals.Select(r => (IReadOnlyList<string>)[r.Vacancy, r.Company, r.Status, Date(r.ReferredAt)])),
            PersonalDataSection.OfTable("Quién leyó o cambió sus datos", ["Fecha", "Quién", "Oficina", "Acción"],
                d.Accesses.Select(a => (IReadOnlyList<string>)[Date(a.At), a.Actor, a.Office ?? "—", a.Action])),
        };
        if (d.JobSeeker is { } s)
            sections.Insert(5, PersonalDataSection.OfFields("Bolsa de trabajo: perfil",
                F("Ocupaciones buscadas", string.Join(", ", s.OccupationNames)), F("Movilidad", JobBankTexts.Of(s.Mobility)),
                F("Certificaciones", string.Join(", ", s.Certifications)), F("Perfil compartido con empresas", s.SharesProfile ? "Sí" : "No"),
                F("Buscando empleo", s.Active ? "Sí" : "No")));
        return new PersonalDataReport(d.Ficha.DisplayName, IssuedCertificateMask(d.Ficha.DocumentNumber), sections);
    }

    private static string IssuedCertificateMask(string document) => Certificates.IssuedCertificate.Mask(document);
}
