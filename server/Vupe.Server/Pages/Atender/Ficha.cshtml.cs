using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Engine;
using Vupe.Engine.Persistence;
using Vupe.Server.Auth;
using Vupe.Server.Cases;
using Vupe.Server.Documents;
using Vupe.Server.Hosting;
using Vupe.Server.Idempotency;
using Vupe.Server.Parties;
using Vupe.Server.Trust;
using Vupe.Workflows;

namespace Vupe.Server.Pages.Atender;

/// <summary>
/// A ficha única at the front desk: who it is, the employability history across services and regions, the
/// documents (CUL included), and the procedures the consultant can start — triage or company outreach, and the CUL.
/// Each start form carries a one-time request id, kept as an idempotency key in the database (<see cref="IdempotencyStore"/>):
/// a double submit, on this node or another, finds the case the first one opened.
/// </summary>
[Authorize(Policy = Policies.WorkCases)]
public sealed class FichaModel(PartyDirectory parties, DocumentLibrary documents, CaseFiles files, IdempotencyStore requests, VupeCatalogue catalogue,
    ContactVerification contacts) : PageModel
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
    /// <summary>The channel ("email" or "phone") a code was just sent to: the page then asks for it.</summary>
    public string? CodeSentTo { get; private set; }
    /// <summary>What the last step of a contact verification said (sent, verified), in Spanish.</summary>
    public string? ContactNotice { get; private set; }
    /// <summary>Why sending or checking a code was refused, in Spanish.</summary>
    public string? ContactError { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await parties.FindAsync(id, ct) is null) return NotFound();
        Party = await parties.ReadAsync(id, ct, UserScope.From(User));
        History = await parties.EmployabilityHistoryAsync(id, ct);
        Documents = [.. (await documents.ReadForPartyAsync(id, ct)).Select(d => DocumentDto.From(d, UserScope.From(User).CanSeeCriminalRecords))];
        ContactNotice ??= TempData["contacto"] as string;
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

    /// <summary>Sends a one-time code to the ficha's email or phone; the consultant then types what the person reads out.</summary>
    public async Task<IActionResult> OnPostEnviarCodigoAsync(Guid id, string canal, CancellationToken ct)
    {
        try
        {
            var sent = await contacts.SendAsync(id, canal, ct);
            CodeSentTo = sent.Channel;
            ContactNotice = sent.Message;
        }
        catch (Exception e) when (e is Problems.FieldValidationException or Trust.TooManyAttemptsException)
        {
            ContactError = ContactErrorOf(e);
        }
        return await OnGetAsync(id, ct);
    }

    /// <summary>Marks the email or phone verified when the code typed is the one sent there.</summary>
    public async Task<IActionResult> OnPostVerificarContactoAsync(Guid id, string canal, string? codigo, CancellationToken ct)
    {
        try
        {
            await contacts.VerifyAsync(id, canal, new VerifyContactRequest(codigo), UserScope.From(User), ct);
            TempData["contacto"] = ContactVerification.ParseChannel(canal) == ContactChannel.Email ? "Correo electrónico verificado." : "Teléfono verificado.";
            return RedirectToPage(new { id });
        }
        catch (Exception e) when (e is Problems.FieldValidationException or Trust.TooManyAttemptsException or ConflictException)
        {
            ContactError = ContactErrorOf(e);
            // The code stays valid after a typo: ask for it again.
            CodeSentTo = ContactVerification.ParseChannel(canal) is { } channel ? ContactVerification.NameOf(channel) : null;
            return await OnGetAsync(id, ct);
        }
    }

    private static string ContactErrorOf(Exception e) => e switch
    {
        Problems.FieldValidationException refused => string.Join(" ", refused.Errors.SelectMany(x => x.Value)),
        ConflictException => "Otro usuario cambió esta ficha al mismo tiempo; vuelva a intentarlo.",
        _ => e.Message,
    };

    public async Task<IActionResult> OnPostIniciarAsync(Guid id, string procedimiento, string solicitud, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(solicitud) || !IdempotencyKeys.IsValid(solicitud)) return BadRequest();
        var user = UserScope.From(User);
        var what = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{id}:{procedimiento}")));
        var claim = new IdempotencyClaim($"user:{user.UserId}", "/atender/ficha/iniciar", solicitud, what);
        // The first submit opens the case; a second one with the same request id (double click, resend) waits for it and goes to it.
        for (var wait = 0; wait < 100; wait++)
        {
            var outcome = await requests.ReserveAsync(claim, ct);
            switch (outcome.Verdict)
            {
                case IdempotencyVerdict.Answered:
                    return Redirect(outcome.Record!.Location!);
                case IdempotencyVerdict.Mismatch:
                    return BadRequest();
                case IdempotencyVerdict.InProgress:
                    await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
                    continue;
                case IdempotencyVerdict.DoneUnanswered:
                    // The first submit's process died after opening the case, before keeping where it went.
                    var opened = IdempotentResources.IdOf(outcome.Record!.Resource, IdempotentResources.Case)!.Value;
                    var again = await files.FrontDeskTargetAsync(opened, ct);
                    await requests.CompleteAsync(claim, StatusCodes.Status302Found, null, again, []);
                    return Redirect(again);
            }
            string target;
            try
            {
                if (await parties.FindAsync(id, ct) is null) throw new NotFoundException($"Party {id} does not exist.");
                using (IdempotentWork.Begin(claim, requests.Owner, IdempotentResources.Case))
                {
                    var (opened, firstTask) = await files.StartAtFrontDeskAsync(id, procedimiento, ct);
                    // Straight to the first task the consultant works on, if there is one; else the case.
                    target = firstTask is { } taskId ? $"/tareas/{taskId}" : $"/expedientes/{opened.Id}";
                }
            }
            catch
            {
                await requests.ForgetAsync(claim);
                throw;
            }
            await requests.CompleteAsync(claim, StatusCodes.Status302Found, null, target, []);
            return Redirect(target);
        }
        return StatusCode(StatusCodes.Status409Conflict);
    }
}
