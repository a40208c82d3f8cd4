using Vupe.Engine;
using Vupe.Engine.Persistence;
using Vupe.Server.Audit;
using Vupe.Server.Cases;
using Vupe.Server.Offices;
using Vupe.Server.Procedures;

namespace Vupe.Server.Portal;

/// <summary>One of the citizen's cases as Mi VUPE lists it, in Spanish.</summary>
public sealed record PortalCase(string CaseNumber, string Procedure, string Status, string Office, DateTimeOffset OpenedAt, string CurrentStep)
{
    public DateTimeOffset? ClosedAt { get; init; }
}

/// <summary>
/// "Mis expedientes": the cases whose subject is the signed-in citizen's ficha — never another's, because the only
/// criterion is the party the account is linked to, not anything the request names. Staff access (<see cref="CaseAccess"/>)
/// decides by role and office; a citizen has neither, so their rule lives here. The list is a read of personal data: audited.
/// </summary>
public sealed class CitizenCases(CitizenAccounts accounts, ProcessEngine engine, ProcedureCatalog procedures, OfficeDirectory offices, AuditLog audit)
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
        var officeNames = (await offices.ListAsync(ct)).ToDictionary(o => o.Code, o => o.Name, StringComparer.OrdinalIgnoreCase);
        var list = new List<PortalCase>(cases.Count);
        foreach (var c in cases.OrderByDescending(c => c.OpenedAt))
        {
            var step = c.Status == CaseStatus.Open ? await CurrentStepAsync(c.Id, ct) : CaseTexts.Status(c.Status);
            list.Add(new PortalCase(c.CaseNumber, names.Of(c.ProcessKey), CaseTexts.Status(c.Status), officeNames.GetValueOrDefault(c.OfficeCode, c.OfficeCode),
                c.OpenedAt, step) { ClosedAt = c.ClosedAt });
        }
        return list;
    }

    /// <summary>The names of the case's open tasks (what the office is doing now), or "En trámite" between steps.</summary>
    private async Task<string> CurrentStepAsync(Guid caseId, CancellationToken ct)
    {
        var tasks = await engine.Tasks.QueryAsync(new TaskFilter { CaseId = caseId, Take = 5 }, ct);
        var named = tasks.Select(t => t.Name ?? t.ElementId).Distinct(StringComparer.Ordinal).ToList();
        return named.Count == 0 ? "En trámite" : string.Join("; ", named);
    }
}
