using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vupe.Engine;
using Vupe.Engine.Persistence;
using Vupe.Server.Audit;
using Vupe.Server.Auth;
using Vupe.Server.Cases;
using Vupe.Server.Data;
using Vupe.Server.Hosting;
using Vupe.Server.Portal;
using Vupe.Server.Problems;
using Vupe.Workflows;
using Vupe.Workflows.Arco;

namespace Vupe.Server.Arco;

/// <summary>One of the citizen's ARCO requests as Mi VUPE shows it: what was asked, the deadline and, once answered, the answer.</summary>
public sealed record MyArcoRequest(string CaseNumber, string Right, DateTimeOffset FiledAt, string? Deadline, bool Answered, string? Decision, string? Answer);

/// <summary>
/// ARCO requests (Ley 29733) from Mi VUPE: the citizen files one for their own ficha — the party is the account's, never
/// one the request names — which opens the catalogue's <c>derechos-arco</c> procedure at the office of the data-protection
/// team (<see cref="ServerOptions.CitizenChannelOffice"/>); the citizen reads the answer here once the team gives it. Filing
/// and reading are audited in the ficha's trail.
/// </summary>
public sealed class ArcoRequests(CitizenAccounts accounts, IDbContextFactory<VupeDbContext> contexts, CaseOpener opener, ProcessEngine engine, AuditLog audit,
    IOptions<ServerOptions> options)
{
    public static string DecisionText(string? decision) => decision switch
    {
        "procedente" => "Procedente",
        "procedente-parcial" => "Procedente en parte",
        "improcedente" => "Improcedente",
        _ => "—",
    };

    public async Task<CaseFileInfo> FileAsync(Guid accountId, string? right, string? detail, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (ArcoRights.Find(right) is null) errors.Add("right", "Elija el derecho que quiere ejercer.");
        var text = errors.Text("detail", detail, 2000, required: true);
        errors.ThrowIfAny();
        var account = await accounts.AccountAsync(accountId, ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var party = await db.Parties.AsNoTracking().FirstAsync(p => p.Id == account.PartyId, ct);
        var procedure = (await engine.Repository.ListDefinitionsAsync(VupeProcesses.ArcoRequest, ct)).MaxBy(d => d.Version)
            ?? throw new InvalidOperationException($"The procedure {VupeProcesses.ArcoRequest} is not deployed.");
        var opened = await opener.OpenAsync(party, procedure, options.Value.CitizenChannelOffice,
            new Dictionary<string, object?> { ["tipoDerecho"] = right, ["detalleSolicitud"] = text, ["canal"] = "en-linea" }, UserScope.Citizen().UserName, ct);
        await audit.AppendAsync(AuditTrails.ForParty(party.Id), "portal.arco.filed", new { account = accountId, caseNumber = opened.CaseNumber, right }, ct);
        return opened;
    }

    public async Task<IReadOnlyList<MyArcoRequest>> MineAsync(Guid accountId, CancellationToken ct)
    {
        var account = await accounts.AccountAsync(accountId, ct);
        var cases = await engine.Cases.QueryAsync(new CaseFilter { SubjectId = account.PartyId.ToString(), ProcessKey = VupeProcesses.ArcoRequest, Take = 50 }, ct);
        var list = new List<MyArcoRequest>(cases.Count);
        foreach (var c in cases.OrderByDescending(c => c.OpenedAt))
        {
            var v = await engine.Cases.GetVariablesAsync(c.Id, ct);
            var answered = c.Status == CaseStatus.Closed && v.GetValueOrDefault("respuestaArco") is string;
            list.Add(new MyArcoRequest(c.CaseNumber, ArcoRights.Find(v.GetValueOrDefault("tipoDerecho") as string)?.Name ?? "—", c.OpenedAt,
                v.GetValueOrDefault("plazoLegal") as string, answered,
                answered ? DecisionText(v.GetValueOrDefault("decisionArco") as string) : null, answered ? v["respuestaArco"] as string : null));
        }
        await audit.AppendAsync(AuditTrails.ForParty(account.PartyId), "portal.arco.read", new { account = accountId, requests = list.Count }, ct);
        return list;
    }
}
