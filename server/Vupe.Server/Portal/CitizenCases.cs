using Vupe.Documents.Content;
using Vupe.Engine;
using Vupe.Engine.Persistence;
using Vupe.Server.Audit;
using Vupe.Server.Cases;
using Vupe.Server.Documents;
using Vupe.Server.Offices;
using Vupe.Server.Procedures;

namespace Vupe.Server.Portal;

/// <summary>One of the citizen's cases as Mi VUPE lists it, in Spanish.</summary>
public sealed record PortalCase(string CaseNumber, string Procedure, string Status, string Office, DateTimeOffset OpenedAt, string CurrentStep)
{
    public DateTimeOffset? ClosedAt { get; init; }
}

/// <summary>A document the office waits for: the kind the open task needs and the task that needs it.</summary>
public sealed record PortalDocumentNeed(string KindCode, string KindName, string Task, IReadOnlyList<string> AllowedMediaTypes, long MaxBytes);

/// <summary>A document of the citizen's case they may download (issued certificates, their own uploads).</summary>
public sealed record PortalDocument(Guid Id, string Kind, string Title, DateTimeOffset CreatedAt, bool IsSigned);

/// <summary>One case of the citizen in full: status, the next step said in Spanish, the office, what it needs and the documents.</summary>
public sealed record PortalCaseDetail(PortalCase Case, bool IsOpen, string NextStep, IReadOnlyList<PortalDocumentNeed> Needs, IReadOnlyList<PortalDocument> Documents);

/// <summary>A document's bytes for download.</summary>
public sealed record PortalDownload(Stream Content, string MediaType, string FileName);

/// <summary>
/// "Mis expedientes": the cases whose subject is the signed-in citizen's ficha — never another's, because the only
/// criterion is the party the account is linked to, not anything the request names (a case number of someone else's
/// answers as if it did not exist). Staff access (<see cref="CaseAccess"/>) decides by role and office; a citizen has
/// neither, so their rule lives here. Every read of a case or document is personal data: audited; an upload goes
/// through <see cref="DocumentLibrary"/> with the same type and size checks and audit entry as a staff upload.
/// </summary>
public sealed class CitizenCases(
    CitizenAccounts accounts, ProcessEngine engine, ProcedureCatalog procedures, OfficeDirectory offices, DocumentLibrary documents,
    TaskDocumentRequirements requirements, AuditLog audit)
{
    public const int MaxCases = 200;

    public async Task<IReadOnlyList<PortalCase>> ListAsync(Guid accountId, CancellationToken ct)
    {
        var account = await accounts.AccountAsync(accountId, ct);
        var list = await ForPartyAsync(account.PartyId, ct);
        await audit.AppendAsync(AuditTrails.ForParty(account.PartyId), "portal.cases.read", new { account = accountId, cases = list.Count }, ct);
        return list;
    }

    /// <summary>The cases of a ficha, newest first, unaudited: the caller writes the read in the trail as the act it is part of.</summary>
    internal async Task<IReadOnlyList<PortalCase>> ForPartyAsync(Guid partyId, CancellationToken ct)
    {
        var cases = await engine.Cases.QueryAsync(new CaseFilter { SubjectId = partyId.ToString(), Take = MaxCases }, ct);
        var names = await procedures.NamesAsync(ct);
        var officeNames = await OfficeNamesAsync(ct);
        var list = new List<PortalCase>(cases.Count);
        foreach (var c in cases.OrderByDescending(c => c.OpenedAt))
        {
            var step = c.Status == CaseStatus.Open ? StepOf(await OpenTasksAsync(c.Id, ct)) : CaseTexts.Status(c.Status);
            list.Add(Describe(c, names, officeNames, step));
        }
        return list;
    }

    /// <summary>One of the citizen's own cases; <see cref="NotFoundException"/> for a number that is not theirs (or does not exist).</summary>
    public async Task<PortalCaseDetail> DetailAsync(Guid accountId, string caseNumber, CancellationToken ct)
    {
        var (_, caseFile) = await OwnCaseAsync(accountId, caseNumber, ct);
        var tasks = caseFile.Status == CaseStatus.Open ? await OpenTasksAsync(caseFile.Id, ct) : [];
        var needs = await NeedsAsync(caseFile, tasks, ct);
        var officeNames = await OfficeNamesAsync(ct);
        var office = officeNames.GetValueOrDefault(caseFile.OfficeCode, caseFile.OfficeCode);
        var step = caseFile.Status == CaseStatus.Open ? StepOf(tasks) : CaseTexts.Status(caseFile.Status);
        var next = caseFile.Status switch
        {
            CaseStatus.Closed => "Su trámite concluyó. Si se emitió un documento, puede descargarlo aquí.",
            CaseStatus.Cancelled => "El trámite fue anulado. Si tiene dudas, acérquese a la oficina.",
            _ when needs.Count > 0 => $"La oficina {office} necesita que suba: {string.Join(", ", needs.Select(n => n.KindName))}. Súbalo aquí; la oficina continuará al recibirlo.",
            _ when tasks.Count > 0 => $"La oficina {office} está atendiendo su trámite: {step}. Le avisaremos por correo cuando haya novedades.",
            _ => "Su trámite está en curso. Le avisaremos por correo cuando haya novedades.",
        };
        var list = (await documents.ListForCaseAsync(caseFile.Id, ct))
            .Where(d => d.ContentDeletedAt is null)
            .Select(d => new PortalDocument(d.Id, DocumentKinds.Find(d.Kind)?.Name ?? d.Kind, d.Title, d.CreatedAt, d.Versions.Any(v => v.Number == d.CurrentVersion && v.IsSigned)))
            .ToList();
        await audit.AppendAsync(AuditTrails.ForCase(caseFile.Id), "portal.case.read", new { account = accountId, documents = list.Count }, ct);
        return new PortalCaseDetail(Describe(caseFile, await procedures.NamesAsync(ct), officeNames, step), caseFile.Status == CaseStatus.Open, next, needs, list);
    }

    /// <summary>A document of the citizen's own case; the read is written in the case's trail like any other (<see cref="DocumentLibrary.OpenAsync"/>).</summary>
    public async Task<PortalDownload> DownloadAsync(Guid accountId, string caseNumber, Guid documentId, CancellationToken ct)
    {
        var (_, caseFile) = await OwnCaseAsync(accountId, caseNumber, ct);
        var document = await documents.GetAsync(caseFile.Id, documentId, ct);
        var (version, content) = await documents.OpenAsync(document, null, CitizenName(accountId), ct);
        return new PortalDownload(content, version.MediaType, version.FileName);
    }

    /// <summary>
    /// The citizen uploads a document their case waits for: only a kind an open task of the case requires and the case
    /// does not hold yet; the bytes are checked (type sniffed, size) and audited by <see cref="DocumentLibrary"/>.
    /// </summary>
    public async Task<PortalDocument> UploadAsync(Guid accountId, string caseNumber, string? kindCode, Stream content, long? length, string? mediaType,
        string? fileName, CancellationToken ct)
    {
        var (account, caseFile) = await OwnCaseAsync(accountId, caseNumber, ct);
        if (caseFile.Status != CaseStatus.Open) throw Refusal("El expediente ya no está abierto; no se pueden subir documentos.");
        var needs = await NeedsAsync(caseFile, await OpenTasksAsync(caseFile.Id, ct), ct);
        var need = needs.FirstOrDefault(n => string.Equals(n.KindCode, kindCode, StringComparison.Ordinal))
            ?? throw Refusal("La oficina no está esperando ese documento en este expediente.");
        var kind = DocumentKinds.Find(need.KindCode) ?? throw Refusal("Tipo de documento desconocido.");
        var added = await documents.AddAsync(caseFile, kind, kind.Name, account.PartyId, new DocumentUpload(content, length, mediaType, fileName, CitizenName(accountId)), ct);
        return new PortalDocument(added.Id, kind.Name, added.Title, added.CreatedAt, false);
    }

    private async Task<(CitizenAccount Account, CaseFileInfo Case)> OwnCaseAsync(Guid accountId, string caseNumber, CancellationToken ct)
    {
        var account = await accounts.AccountAsync(accountId, ct);
        CaseFileInfo caseFile;
        try
        {
            caseFile = await engine.Cases.GetByNumberAsync(caseNumber.Trim(), ct);
        }
        catch (NotFoundException)
        {
            throw new NotFoundException("El expediente no existe.");
        }
        if (!string.Equals(caseFile.SubjectId, account.PartyId.ToString(), StringComparison.OrdinalIgnoreCase))
        {
            // Somebody else's case: answered exactly like a missing one, and the attempt is kept in the asker's trail.
            await audit.AppendAsync(AuditTrails.ForParty(account.PartyId), "portal.case.refused", new { account = accountId, caseNumber }, ct);
            throw new NotFoundException("El expediente no existe.");
        }
        return (account, caseFile);
    }

    private async Task<List<PortalDocumentNeed>> NeedsAsync(CaseFileInfo caseFile, IReadOnlyList<TaskInfo> tasks, CancellationToken ct)
    {
        var needs = new List<PortalDocumentNeed>();
        HashSet<string>? present = null;
        foreach (var task in tasks)
            foreach (var kind in await requirements.ForTaskAsync(task, ct))
            {
                present ??= await documents.KindsPresentAsync(caseFile.Id, ct);
                if (present.Contains(kind.Code) || needs.Any(n => n.KindCode == kind.Code)) continue;
                needs.Add(new PortalDocumentNeed(kind.Code, kind.Name, task.Name ?? task.ElementId, kind.AllowedMediaTypes, kind.MaxBytes));
            }
        return needs;
    }

    private async Task<List<TaskInfo>> OpenTasksAsync(Guid caseId, CancellationToken ct) =>
        await engine.Tasks.QueryAsync(new TaskFilter { CaseId = caseId, Take = 5 }, ct);

    /// <summary>The names of the case's open tasks (what the office is doing now), or "En trámite" between steps.</summary>
    private static string StepOf(IReadOnlyList<TaskInfo> tasks)
    {
        var named = tasks.Select(t => t.Name ?? t.ElementId).Distinct(StringComparer.Ordinal).ToList();
        return named.Count == 0 ? "En trámite" : string.Join("; ", named);
    }

    private async Task<Dictionary<string, string>> OfficeNamesAsync(CancellationToken ct) =>
        (await offices.ListAsync(ct)).ToDictionary(o => o.Code, o => o.Name, StringComparer.OrdinalIgnoreCase);

    private static PortalCase Describe(CaseFileInfo c, ProcedureNames names, Dictionary<string, string> officeNames, string step) =>
        new(c.CaseNumber, names.Of(c.ProcessKey), CaseTexts.Status(c.Status), officeNames.GetValueOrDefault(c.OfficeCode, c.OfficeCode), c.OpenedAt, step)
        {
            ClosedAt = c.ClosedAt,
        };

    /// <summary>How a citizen is named where staff names the user (a document's uploader, a reader).</summary>
    public static string CitizenName(Guid accountId) => $"ciudadano:{accountId}";

    private static Problems.FieldValidationException Refusal(string message) =>
        new(new Dictionary<string, string[]> { ["archivo"] = [message] }, message);
}
