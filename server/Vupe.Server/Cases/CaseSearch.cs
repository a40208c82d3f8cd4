using Microsoft.EntityFrameworkCore;
using Vupe.Engine;
using Vupe.Engine.Persistence;
using Vupe.Server.Audit;
using Vupe.Server.Data;
using Vupe.Server.Parties;
using Vupe.Server.Problems;

namespace Vupe.Server.Cases;

/// <summary>
/// What a case search asks for; every criterion given must hold. <see cref="Document"/> is a DNI, RUC or other document
/// number (exact); <see cref="Name"/> words of the citizen's or company's name (each anywhere in it, accents and case
/// ignored); <see cref="To"/> is exclusive.
/// </summary>
public sealed record CaseSearchRequest(
    string? Document = null, string? Name = null, string? Office = null, string? Procedure = null, CaseStatus? Status = null,
    DateTimeOffset? From = null, DateTimeOffset? To = null, Guid? PartyId = null, bool OldestFirst = false, int Page = 1, int PageSize = CaseSearch.PageSize);

/// <summary>The order of a case search's results, by the day they were opened.</summary>
public enum CaseSort { Newest, Oldest }

/// <summary>A page of a party's cases: who they are and their cases in the reader's scope.</summary>
public sealed record PartyCasesDto(PartySummaryDto Party, CasePageDto Cases);

/// <summary>
/// Finds cases for the case search page and <c>GET /api/cases</c>: nationally for auditors (and national users), within
/// their offices for everyone else — the scope is applied here, whatever the request names. A search by document or
/// name finds the fichas first (by the parties' indexes: the document's, the name's trigrams — <see cref="PartyNameQuery"/>) and then their cases (by the cases' subject index). Each
/// search is one entry in the <see cref="AuditTrails.CaseSearches"/> trail with its criteria and the cases it showed:
/// the results carry citizens' names and documents.
/// </summary>
public sealed class CaseSearch(CaseAccess access, ProcessEngine engine, IDbContextFactory<VupeDbContext> contexts, AuditLog audit)
{
    public const int PageSize = 25;

    /// <summary>
    /// At most this many fichas match a name; a broader name is refused with a request to narrow it, rather than
    /// answering cases of an arbitrary part of them (and an IN list of thousands of subjects).
    /// </summary>
    public const int MaxPartiesPerName = 500;

    private const int MaxNameWords = 6;

    public async Task<CasePageDto> SearchAsync(CaseSearchRequest request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var document = NormaliseDocument(request.Document, errors);
        var words = NameWords(request.Name, errors);
        if (request.From is { } f && request.To is { } t && t < f) errors.Add("to", "El fin del periodo es anterior a su inicio.");
        errors.ThrowIfAny();

        await using var db = await contexts.CreateDbContextAsync(ct);
        IReadOnlyCollection<string>? subjects = null;
        if (document is not null || words.Count > 0)
        {
            var parties = words.Count > 0 ? PartyNameQuery.Matching(db, words) : db.Parties.AsNoTracking();
            // Every document type listed, so the unique (type, number) index serves an equality on the number alone.
            if (document is not null) parties = parties.Where(p => AllDocumentTypes.Contains(p.DocumentType) && p.DocumentNumber == document);
            var ids = await parties.Select(p => p.Id).Take(MaxPartiesPerName + 1).ToListAsync(ct);
            if (ids.Count > MaxPartiesPerName)
                new FieldErrors().Add("name", $"Más de {MaxPartiesPerName} fichas tienen ese nombre; añada otra palabra, el documento o la oficina.").ThrowIfAny();
            subjects = [.. ids.Select(SubjectOf)];
        }
        if (request.PartyId is { } partyId) subjects = subjects is null ? [SubjectOf(partyId)] : [.. subjects.Where(s => s == SubjectOf(partyId))];

        var page = await PageAsync(db, request, subjects, ct);
        await audit.AppendAsync(AuditTrails.CaseSearches, "case.searched", new
        {
            document, name = request.Name?.Trim(), office = request.Office, procedure = request.Procedure, status = request.Status?.ToString(),
            from = request.From, to = request.To, partyId = request.PartyId, page = request.Page, total = page.Total, cases = page.Items.Select(c => c.Id),
        }, ct);
        return page;
    }

    /// <summary>A citizen's (or company's) cases across every office the reader sees, newest first; the read is one entry in the party's trail.</summary>
    public async Task<PartyCasesDto> PartyHistoryAsync(Guid partyId, int page, int pageSize, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var party = await db.Parties.AsNoTracking().Where(p => p.Id == partyId)
            .Select(p => new PartySummaryDto(p.Id, p.Kind, p.DocumentType, p.DocumentNumber, p.DisplayName, p.RegisteredAtOffice)).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException($"Party {partyId} does not exist.");
        var cases = await PageAsync(db, new CaseSearchRequest(Page: page, PageSize: pageSize), [SubjectOf(partyId)], ct);
        await audit.AppendAsync(AuditTrails.ForParty(partyId), "party.cases.read", new { page, total = cases.Total, cases = cases.Items.Select(c => c.Id) }, ct);
        return new PartyCasesDto(party, cases);
    }

    private async Task<CasePageDto> PageAsync(VupeDbContext db, CaseSearchRequest request, IReadOnlyCollection<string>? subjects, CancellationToken ct)
    {
        if (subjects is { Count: 0 }) return new CasePageDto([], 0, request.Page, request.PageSize);
        var user = access.Scope;
        var offices = user.Offices;
        if (!string.IsNullOrWhiteSpace(request.Office))
        {
            var code = request.Office.Trim().ToUpperInvariant();
            // Another region's office yields nothing rather than an error: its cases do not exist for this user.
            offices = user.CanSeeOffice(code) ? [code] : [];
        }
        if (offices is { Count: 0 }) return new CasePageDto([], 0, request.Page, request.PageSize);
        var filter = new CaseFilter
        {
            OfficeCodes = offices, ProcessKey = string.IsNullOrWhiteSpace(request.Procedure) ? null : request.Procedure.Trim(), Status = request.Status,
            OpenedFrom = request.From, OpenedBefore = request.To, SubjectId = subjects is { Count: 1 } ? subjects.First() : null,
            SubjectIds = subjects is { Count: > 1 } ? subjects : null, OldestFirst = request.OldestFirst,
            Skip = (request.Page - 1) * request.PageSize, Take = request.PageSize,
        };
        var items = await engine.Cases.QueryAsync(filter, ct);
        var total = items.Count < request.PageSize && (request.Page == 1 || items.Count > 0)
            ? filter.Skip + items.Count
            : await engine.Cases.CountAsync(filter, ct);
        var partyIds = items.Select(c => Guid.TryParse(c.SubjectId, out var id) ? id : (Guid?)null).OfType<Guid>().Distinct().ToList();
        var parties = await db.Parties.AsNoTracking().Where(p => partyIds.Contains(p.Id))
            .Select(p => new { p.Id, p.DisplayName, p.DocumentNumber }).ToDictionaryAsync(p => p.Id, ct);
        return new CasePageDto([.. items.Select(c =>
        {
            var summary = CaseSummaryDto.From(c);
            return Guid.TryParse(c.SubjectId, out var id) && parties.TryGetValue(id, out var p)
                ? summary with { PartyName = p.DisplayName, PartyDocument = p.DocumentNumber }
                : summary;
        })], total, request.Page, request.PageSize);
    }

    /// <summary>The case's subject as the engine stores it: the party id as <see cref="Guid.ToString()"/> writes it (lower case).</summary>
    private static string SubjectOf(Guid partyId) => partyId.ToString();

    private static readonly DocumentType[] AllDocumentTypes = Enum.GetValues<DocumentType>();

    private static string? NormaliseDocument(string? document, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(document)) return null;
        var normalised = document.Trim().ToUpperInvariant().Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        if (normalised.Length == 9 && normalised[..8].All(char.IsAsciiDigit)) normalised = normalised[..8]; // DNI typed with its check character
        if (normalised.Length is < 6 or > 12 || !normalised.All(char.IsAsciiLetterOrDigit))
            errors.Add("document", "Escriba el número de DNI, RUC o carné: de 6 a 12 letras o cifras.");
        return normalised;
    }

    private static List<string> NameWords(string? name, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(name)) return [];
        if (name.Length > 100) errors.Add("name", "Máximo 100 caracteres.");
        var words = TextFolding.Fold(name).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(MaxNameWords).ToList();
        if (words.Sum(w => w.Length) < 3) errors.Add("name", "Escriba al menos tres letras del nombre.");
        return words;
    }
}
