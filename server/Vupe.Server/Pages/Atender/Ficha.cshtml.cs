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
public sealed class FichaModel(PartyDirectory parties, DocumentLibrary documents, CaseFiles files, IMemoryCache requests, VupeCatalogue catalogue) : PageModel
{
    /// <summary>The catalogue, for the Spanish names of an outcome's details.</summary>
    public VupeCatalogue Catalogue => catalogue;

    public PartyDto Party { get; private set; } = null!;
    public IReadOnlyList<HistoryItemDto> History { get; private set; } = [];
    public IReadOnlyList<DocumentDto> Documents { get; private set; } = [];
    public string RequestId { get; } = Guid.NewGuid().ToString("N");
    /// <summary>Why the last check against RENIEC refused, in Spanish; with <see cref="IdentityMismatch"/> RENIEC's data can be adopted.</summary>
    public string? IdentityError { get; private set; }
    public bool IdentityMismatch { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await parties.FindAsync(id, ct) is null) return NotFound();
        Party = await parties.ReadAsync(id, ct);
        History = await parties.EmployabilityHistoryAsync(id, ct);
        Documents = [.. (await documents.ReadForPartyAsync(id, ct)).Select(d => DocumentDto.From(d, UserScope.From(User).CanSeeCriminalRecords))];
        return Page();
    }

    /// <summary>Checks the ficha against RENIEC now; after a disagreement the consultant may adopt RENIEC's names and birth date.</summary>
    public async Task<IActionResult> OnPostVerificarAsync(Guid id, long version, bool adoptar, CancellationToken ct)
    {
        try
        {
            await parties.VerifyIdentityAsync(id, adoptar, version, UserScope.From(User), ct);
            return RedirectToPage(new { id });
        }
        catch (Exception e) when (e is Problems.FieldValidationException or ConflictException or Vupe.Connectors.ConnectorException)
        {
            IdentityMismatch = e is Problems.FieldValidationException v && !v.Errors.ContainsKey("documentNumber") && !v.Errors.ContainsKey("documentType");
            IdentityError = e switch
            {
                Problems.FieldValidationException refused => $"{refused.Title} {string.Join(" ", refused.Errors.SelectMany(x => x.Value))}",
                ConflictException => "Otro usuario cambió esta ficha al mismo tiempo; vuelva a intentarlo.",
                _ => "RENIEC no responde; intente más tarde.",
            };
            return await OnGetAsync(id, ct);
        }
    }

    public async Task<IActionResult> OnPostIniciarAsync(Guid id, string procedimiento, string solicitud, CancellationToken ct)
    {
        var user = UserScope.From(User);
        var key = $"start:{user.UserId}:{solicitud}";
        // The first submit opens the case; a second one with the same request id (double click, resend) goes to it.
        var (opened, firstTask) = await requests.GetOrCreateAsync(key, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(30);
            if (await parties.FindAsync(id, ct) is null) throw new NotFoundException($"Party {id} does not exist.");
            return await files.StartAtFrontDeskAsync(id, procedimiento, ct);
        });
        // Straight to the first task the consultant works on, if there is one; else the case.
        return Redirect(firstTask is { } taskId ? $"/tareas/{taskId}" : $"/expedientes/{opened.Id}");
    }
}
