using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Vupe.Server.Data;
using Vupe.Server.JobBank;
using Vupe.Server.Notifications;
using Vupe.Server.Portal.Companies;

namespace Vupe.Server.Portal;

/// <summary>
/// Tells the company and the citizen by email when the company answers an application or referral. The answer is
/// already recorded when this runs: a mail server that fails is logged and does not undo it.
/// </summary>
public sealed class JobBankMail(IMailSender mail, VupeDbContext db, ILogger<JobBankMail> logger)
{
    public async Task CompanyAnsweredAsync(CompanyProfileView company, ReferralDto answer, DateOnly? startDate, CancellationToken ct)
    {
        var start = answer.Status == ReferralStatus.Hired && startDate is { } d ? $" Fecha de inicio: {d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}." : "";
        // The address the citizen proved: their Mi VUPE account's, or else the ficha's verified one.
        var party = await db.Parties.AsNoTracking().FirstOrDefaultAsync(p => p.Id == answer.SeekerPartyId, ct);
        var accountEmail = await db.CitizenAccounts.AsNoTracking().Where(a => a.PartyId == answer.SeekerPartyId && a.EmailVerifiedAt != null)
            .Select(a => a.Email).FirstOrDefaultAsync(ct);
        var citizen = party is null ? null
            : new { party.DisplayName, Email = accountEmail ?? (party.Person?.EmailVerifiedAt is not null ? party.Person.Email : null) };
        await SendAsync(new OutgoingMail(company.Email, company.Name, $"Respuesta registrada: {answer.VacancyTitle}",
            $"Hola:\n\nRegistramos su respuesta para {answer.SeekerName} en la vacante \"{answer.VacancyTitle}\": {answer.StatusName}.{start}\n\n" +
            "Puede ver a sus postulantes en la VUPE, sección Empresas.\n\nVentanilla Única de Promoción del Empleo"), ct);
        if (citizen is { Email: { Length: > 0 } email })
            await SendAsync(new OutgoingMail(email, citizen.DisplayName, $"La empresa respondió: {answer.VacancyTitle}",
                $"Hola, {citizen.DisplayName}:\n\n{answer.CompanyName} respondió a su postulación a \"{answer.VacancyTitle}\": {answer.StatusName}.{start}\n\n" +
                "Vea el detalle en Mi VUPE, en Mis postulaciones.\n\nVentanilla Única de Promoción del Empleo"), ct);
    }

    private async Task SendAsync(OutgoingMail message, CancellationToken ct)
    {
        try
        {
            await mail.SendAsync(message, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "The job-bank answer mail to {Address} could not be sent", message.ToAddress);
        }
    }
}
