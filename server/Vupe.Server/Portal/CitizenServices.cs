using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Vupe.Engine;
using Vupe.Server.Audit;
using Vupe.Server.Cases;
using Vupe.Server.Certificates;
using Vupe.Server.Data;
using Vupe.Server.Idempotency;
using Vupe.Server.Offices;
using Vupe.Server.Problems;
using Vupe.Server.Procedures;
using Vupe.Workflows;

namespace Vupe.Server.Portal;

/// <summary>An office a citizen may choose.</summary>
public sealed record PortalOffice(string Code, string Name);

/// <summary>What a citizen may start from Mi VUPE: the services the catalogue marks as online, and every office.</summary>
public sealed record PortalServiceChoice(IReadOnlyList<VupeService> Services, IReadOnlyList<PortalOffice> Offices);

/// <param name="Token">The form's request id (<see cref="IdempotencyKeys"/>): a second submit of the same form opens no second case.</param>
/// <param name="Answers">The service's start form as posted (field key → values), when it has one (<see cref="PortalStartForm"/>).</param>
public sealed record PortalApplication(string? Service, string? Office, string? Reason, string? Token, IReadOnlyDictionary<string, IReadOnlyList<string>>? Answers = null);

/// <summary>The case a request opened (or had opened, for a repeated submit).</summary>
public sealed record PortalOpened(string CaseNumber, bool Issued);

/// <summary>
/// The services a signed-in citizen starts online: the CUL (through <see cref="CitizenCulChannel"/>, the same procedure
/// and limits as the public request) and the services the catalogue marks with <see cref="VupeService.OnlineProcess"/>,
/// opened at the office the citizen chooses with their ficha as the subject. Every engine command here acts for the
/// citizen ("ciudadano:{account}", <see cref="AuditActor"/>): the request's actor is set before the portal's scheme is
/// read, so it is set again here, and the case's trail names the citizen. A form's request id makes a double tap open
/// one case (<see cref="IdempotencyStore"/>, as the front desk's start does).
/// </summary>
public sealed class CitizenServices(
    CitizenAccounts accounts, CitizenCulChannel cul, CaseOpener opener, ProcessEngine engine, OfficeDirectory offices, IDbContextFactory<VupeDbContext> contexts,
    IdempotencyStore requests, AuditLog audit, IHttpContextAccessor http, PortalStartForms startForms)
{
    public const int MaxReasonLength = 500;
    public const string NotOnline = "Elija uno de los servicios que se pueden solicitar en línea.";
    public const string FormNotDrawable = "Este servicio no se puede solicitar en línea por ahora: su formulario necesita la atención de la oficina. Acérquese a una oficina de la VUPE.";

    /// <summary>The start form a citizen fills in to request the service; null when it has none (or does not start online).</summary>
    public Task<PortalStartForm?> StartFormAsync(string? serviceCode, CancellationToken ct) =>
        serviceCode is { } code && VupeServices.Find(code.Trim()) is { StartsOnline: true } service ? startForms.ForAsync(service, ct) : Task.FromResult<PortalStartForm?>(null);

    public async Task<PortalServiceChoice> ChoicesAsync(CancellationToken ct) =>
        new(VupeServices.Online, [.. (await offices.ListAsync(ct)).OrderBy(o => o.Name, StringComparer.Ordinal).Select(o => new PortalOffice(o.Code, o.Name))]);

    public async Task<PortalOpened> RequestCulAsync(Guid accountId, string? token, CancellationToken ct)
    {
        var account = await accounts.AccountAsync(accountId, ct);
        return await OnceAsync(accountId, "/mi-vupe/cul", token, "cul", async () =>
        {
            var (opened, issued) = await cul.RequestSignedInAsync(account.PartyId, Actor(accountId), ct);
            return new PortalOpened(opened.CaseNumber, issued);
        }, ct);
    }

    public async Task<PortalOpened> ApplyAsync(Guid accountId, PortalApplication application, CancellationToken ct)
    {
        var account = await accounts.AccountAsync(accountId, ct);
        var errors = new FieldErrors();
        var service = application.Service is { } code ? VupeServices.Find(code.Trim()) : null;
        if (service is not { StartsOnline: true }) errors.Add("service", NotOnline);
        var office = application.Office?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(office) || !await offices.ExistsAsync(office, ct)) errors.Add("office", "Elija la oficina donde quiere ser atendido.");
        var reason = errors.Text("reason", application.Reason, MaxReasonLength, required: false);
        errors.ThrowIfAny();
        var procedure = (await engine.Repository.ListDefinitionsAsync(service!.OnlineProcess!, ct)).MaxBy(d => d.Version)
            ?? throw new InvalidOperationException($"The procedure {service.OnlineProcess} is not deployed.");
        var answers = await StartAnswersAsync(procedure.Id, application.Answers, ct);

        return await OnceAsync(accountId, "/mi-vupe/servicios", application.Token, $"{service.Code}:{office}", async () =>
        {
            Parties.Party party;
            await using (var db = await contexts.CreateDbContextAsync(ct))
                party = await db.Parties.AsNoTracking().FirstAsync(p => p.Id == account.PartyId, ct);
            var variables = new Dictionary<string, object?>(answers, StringComparer.Ordinal)
            {
                ["servicio"] = service.Code, ["servicioNombre"] = service.Name, ["prioridad"] = "normal", ["agregadoPorConsultor"] = false,
                ["motivos"] = new List<object?> { string.IsNullOrWhiteSpace(reason) ? "Solicitado por el ciudadano en Mi VUPE" : reason },
                ["canal"] = "en-linea",
            };
            var actor = Actor(accountId);
            CaseFileInfo opened;
            using (ProcessEngine.ActAs(actor))
                opened = await opener.OpenAsync(party, procedure, office!, variables, actor.Id, ct);
            await audit.AppendAsync(AuditTrails.ForParty(party.Id), "portal.service.applied",
                new { account = accountId, service = service.Code, office, caseNumber = opened.CaseNumber }, ct);
            return new PortalOpened(opened.CaseNumber, false);
        }, ct);
    }

    /// <summary>
    /// The start form's answers, checked as a task's form is: each refusal under "respuestas.{field}", and no answer may
    /// set a variable the system assigns (a start form edited in the designer could name one).
    /// </summary>
    private async Task<IReadOnlyDictionary<string, object?>> StartAnswersAsync(string definitionId, IReadOnlyDictionary<string, IReadOnlyList<string>>? posted, CancellationToken ct)
    {
        if (await startForms.ForDefinitionAsync(definitionId, ct) is not { } form) return new Dictionary<string, object?>();
        var errors = new FieldErrors();
        if (form.Undrawable.Count > 0)
        {
            errors.Add("service", FormNotDrawable);
            errors.ThrowIfAny();
        }
        var validation = form.Validate(form.Answers(posted ?? new Dictionary<string, IReadOnlyList<string>>()));
        foreach (var error in validation.Errors) errors.Add("respuestas." + error.Path, error.Message);
        errors.ThrowIfAny();
        ReservedVariables.ThrowIfAny("respuestas", validation.Data.Keys);
        return validation.Data;
    }

    /// <summary>
    /// Runs <paramref name="open"/> once per form token: a repeated submit (double tap, reload) waits for the first and
    /// answers with its case. Without a valid token the form is refused: every portal form carries one.
    /// </summary>
    private async Task<PortalOpened> OnceAsync(Guid accountId, string route, string? token, string what, Func<Task<PortalOpened>> open, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || !IdempotencyKeys.IsValid(token))
            throw new FieldValidationException(new Dictionary<string, string[]> { [""] = ["El formulario venció. Vuelva a cargar la página e inténtelo de nuevo."] });
        var claim = new IdempotencyClaim($"ciudadano:{accountId}", route, token, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(what))));
        for (var wait = 0; wait < 100; wait++)
        {
            var outcome = await requests.ReserveAsync(claim, ct);
            switch (outcome.Verdict)
            {
                case IdempotencyVerdict.Answered:
                    return new PortalOpened(outcome.Record!.Location!, false);
                case IdempotencyVerdict.Mismatch:
                    throw new FieldValidationException(new Dictionary<string, string[]> { [""] = ["El formulario ya se envió con otros datos. Vuelva a cargar la página."] });
                case IdempotencyVerdict.InProgress:
                    await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
                    continue;
                case IdempotencyVerdict.DoneUnanswered:
                    // The first submit's process died after opening the case, before keeping its number.
                    var caseId = IdempotentResources.IdOf(outcome.Record!.Resource, IdempotentResources.Case)!.Value;
                    var again = (await engine.Cases.GetAsync(caseId, ct)).CaseNumber;
                    await requests.CompleteAsync(claim, StatusCodes.Status302Found, null, again, []);
                    return new PortalOpened(again, false);
            }
            PortalOpened result;
            try
            {
                using (IdempotentWork.Begin(claim, requests.Owner, IdempotentResources.Case))
                    result = await open();
            }
            catch
            {
                await requests.ForgetAsync(claim);
                throw;
            }
            await requests.CompleteAsync(claim, StatusCodes.Status302Found, null, result.CaseNumber, []);
            return result;
        }
        throw new ConflictException("La solicitud anterior sigue en curso; espere un momento.");
    }

    private CommandActor Actor(Guid accountId) => AuditActor.From(http.HttpContext) is { } actor && actor.Id == CitizenCases.CitizenName(accountId)
        ? actor : new CommandActor(CitizenCases.CitizenName(accountId), "ciudadano", [], null, http.HttpContext?.Connection.RemoteIpAddress?.ToString());
}
