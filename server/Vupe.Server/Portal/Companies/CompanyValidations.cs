using Microsoft.EntityFrameworkCore;
using Vupe.Engine;
using Vupe.Server.Audit;
using Vupe.Server.Auth;
using Vupe.Server.Data;
using Vupe.Server.JobBank;
using Vupe.Server.Notifications;
using Vupe.Server.Problems;

namespace Vupe.Server.Portal.Companies;

/// <summary>A company account waiting for validation, as the supervisor's page lists it.</summary>
public sealed record PendingCompany(Guid AccountId, string Ruc, string Name, string Email, DateTimeOffset CreatedAt, int HeldVacancies, string? SunatReference);

/// <summary>
/// The staff side of a company's validation: a supervisor (of an office, or national) lists the accounts «En validación»
/// and approves or rejects each with a reason. Approval publishes the vacancies the company drafted meanwhile (they
/// enter search and matching); rejection closes them. Each decision is audited in the company's trail and mailed to it.
/// </summary>
public sealed class CompanyValidations(VupeDbContext db, VacancyService vacancies, AuditLog audit, IMailSender mail, TimeProvider time,
    ILogger<CompanyValidations> logger)
{
    public async Task<IReadOnlyList<PendingCompany>> PendingAsync(UserScope user, CancellationToken ct)
    {
        EnsureSupervisor(user);
        var rows = await (from a in db.CompanyAccounts.AsNoTracking()
                          join p in db.Parties.AsNoTracking() on a.PartyId equals p.Id
                          where a.Validation == CompanyValidation.Pending
                          select new { a, p.DisplayName }).ToListAsync(ct);
        var held = await db.Vacancies.AsNoTracking().Where(v => v.Status == VacancyStatus.Held).GroupBy(v => v.CompanyPartyId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        // A RUC 10 is a person: the contact read is logged in each company's trail.
        foreach (var row in rows) audit.Stage(db, AuditTrails.ForParty(row.a.PartyId), "empresa.validation.listed", new { by = user.UserName });
        if (rows.Count > 0) await db.SaveChangesAsync(ct);
        return [.. rows.OrderBy(r => r.a.CreatedAt).Select(r => new PendingCompany(r.a.Id, r.a.Ruc, r.DisplayName, r.a.Email, r.a.CreatedAt,
            held.GetValueOrDefault(r.a.PartyId), r.a.SunatReference))];
    }

    /// <summary>Approves (<paramref name="approve"/>) or rejects a pending company with a reason; the company is told by email.</summary>
    public async Task DecideAsync(Guid accountId, bool approve, string? reason, UserScope user, CancellationToken ct)
    {
        EnsureSupervisor(user);
        var errors = new FieldErrors();
        var why = errors.Text("reason", reason, 500);
        errors.ThrowIfAny();
        var account = await db.CompanyAccounts.FirstOrDefaultAsync(a => a.Id == accountId, ct) ?? throw new NotFoundException($"Company account {accountId} does not exist.");
        if (account.Validation != CompanyValidation.Pending) throw new StateConflictException("Esta empresa ya fue validada o rechazada.");
        account.Validation = approve ? CompanyValidation.Validated : CompanyValidation.Rejected;
        account.ValidationDecidedAt = time.GetUtcNow();
        account.ValidationDecidedBy = user.UserName;
        account.ValidationReason = why;
        var released = await vacancies.ReleaseHeldAsync(account.PartyId, approve, user, ct);
        audit.Stage(db, AuditTrails.ForParty(account.PartyId), approve ? "empresa.validation.approved" : "empresa.validation.rejected",
            new { account = account.Id, by = user.UserName, office = user.OfficeCode, reason = why, vacancies = released.Count });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new StateConflictException("Esta empresa ya fue validada o rechazada.");
        }
        vacancies.Rematch(released);
        var name = await db.Parties.AsNoTracking().Where(p => p.Id == account.PartyId).Select(p => p.DisplayName).FirstAsync(ct);
        await TellAsync(account, name, approve, why!, released.Count, ct);
    }

    private async Task TellAsync(CompanyAccount account, string name, bool approved, string reason, int vacancyCount, CancellationToken ct)
    {
        var body = approved
            ? $"Hola:\n\nLa VUPE validó la cuenta de {name} (RUC {account.Ruc}). Motivo: {reason}\n\n" +
              (vacancyCount > 0 ? $"Sus {vacancyCount} vacante(s) en espera ya están publicadas en la bolsa de trabajo nacional.\n\n" : "Desde ahora sus vacantes se publican al registrarlas.\n\n")
            : $"Hola:\n\nLa VUPE no validó la cuenta de {name} (RUC {account.Ruc}). Motivo: {reason}\n\n" +
              "Sus vacantes no se publicarán. Si cree que es un error, acérquese a una oficina de la VUPE con la ficha RUC de su empresa.\n\n";
        try
        {
            await mail.SendAsync(new OutgoingMail(account.Email, name, approved ? "Su empresa fue validada en la VUPE" : "Su empresa no fue validada en la VUPE",
                body + "Ventanilla Única de Promoción del Empleo"), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The decision stands; the company also reads it on its page.
            logger.LogWarning(e, "The validation mail to company account {Account} could not be sent", account.Id);
        }
    }

    private static void EnsureSupervisor(UserScope user)
    {
        if (!user.Is(Roles.Supervisor)) throw new AccessDeniedException("Solo un supervisor valida las empresas.");
    }
}
