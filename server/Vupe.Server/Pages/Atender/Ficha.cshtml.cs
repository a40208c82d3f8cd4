using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Caching.Memory;
using Vupe.Engine;
using Vupe.Engine.Persistence;
using Vupe.Server.Auth;
using Vupe.Server.Cases;
using Vupe.Server.Documents;
using Vupe.Server.Hosting;
using Vupe.Server.Parties;
using Vupe.Workflows;

namespace Vupe.Server.Pages.Atender;

/// <summary>
/// A ficha única at the front desk: who it is, the employability history across services and regions, the
/// documents (CUL included), and the procedures the consultant can start — triage or company outreach, and the CUL.
/// Each start form carries a one-time request id: a double submit finds the case the first one opened.
/// </summary>
[Authorize(Policy = Policies.WorkCases)]
public sealed class FichaModel(PartyDirectory parties, DocumentLibrary documents, CaseOpener opener, ProcessEngine engine, IMemoryCache requests) : PageModel
{
    public PartyDto Party { get; private set; } = null!;
    public IReadOnlyList<HistoryItemDto> History { get; private set; } = [];
    public IReadOnlyList<DocumentDto> Documents { get; private set; } = [];
    public string RequestId { get; } = Guid.NewGuid().ToString("N");

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await parties.FindAsync(id, ct) is null) return NotFound();
        Party = await parties.ReadAsync(id, ct);
        History = await parties.EmployabilityHistoryAsync(id, ct);
        Documents = [.. (await documents.ListForPartyAsync(id, ct)).Select(d => DocumentDto.From(d, UserScope.From(User).CanSeeCriminalRecords))];
        return Page();
    }

    public async Task<IActionResult> OnPostIniciarAsync(Guid id, string procedimiento, string solicitud, CancellationToken ct)
    {
        var user = UserScope.From(User);
        var key = $"start:{user.UserId}:{solicitud}";
        // The first submit opens the case; a second one with the same request id (double click, resend) goes to it.
        var opened = await requests.GetOrCreateAsync(key, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(30);
            var party = await parties.FindAsync(id, ct) ?? throw new NotFoundException($"Party {id} does not exist.");
            var allowed = new[] { VupeProcesses.CitizenTriage, VupeProcesses.CompanyOutreach, VupeProcesses.Cul };
            if (!allowed.Contains(procedimiento)) throw new InvalidStateException($"'{procedimiento}' is not started from the ficha.");
            var definition = (await engine.Repository.ListDefinitionsAsync(procedimiento, ct)).MaxBy(d => d.Version)
                ?? throw new InvalidStateException($"The procedure {procedimiento} is not deployed.");
            var office = user.OfficeCode ?? throw new InvalidStateException("A national user has no office to open cases at.");
            return await opener.OpenAsync(party, definition, office, [], user.UserName, ct);
        });
        // Straight to the first task the consultant works on, if there is one; else the case.
        var first = (await engine.Tasks.QueryAsync(new TaskFilter { CaseId = opened!.Id, Take = 1 }, ct)).FirstOrDefault();
        return Redirect(first is null ? $"/expedientes/{opened.Id}" : $"/tareas/{first.Id}");
    }
}
