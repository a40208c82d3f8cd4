using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vupe.Server.Audit;
using Vupe.Server.Data;
using Vupe.Server.JobBank;
using Vupe.Server.Notifications;

namespace Vupe.Server.Portal;

/// <summary>What one run did: mails sent, sends that failed, citizens with the consent looked at.</summary>
public sealed record VacancyDigestResult(int Sent, int Failed, int Consenting);

/// <summary>
/// Information about vacancies, which unlike a case's notices is not transactional: it goes only to citizens whose
/// «comunicaciones» consent is given and not withdrawn (<see cref="CommunicationsConsent"/>). Once a day (Hangfire,
/// <see cref="VacancyDigestOptions.Cron"/>) each Mi VUPE account with a verified email, a job-seeker profile and that
/// consent gets the best new vacancies the national matching recommends for it — those posted since its previous mail
/// (or in the last day) — and nothing when there are none. At most one mail a day per citizen (<see cref="VacancyDigestSent"/>).
/// Each mail carries a link that withdraws the consent, and each send is audited in the citizen's trail.
/// </summary>
internal sealed class VacancyDigestScan(
    IDbContextFactory<VupeDbContext> contexts, MatchingService matching, CommunicationsConsent consent, NotificationLinks links, IMailSender mail,
    AuditLog audit, IOptions<VacancyDigestOptions> options, TimeProvider time, ILogger<VacancyDigestScan> logger)
{
    private static readonly CultureInfo Peru = CultureInfo.GetCultureInfo("es-PE");

    private sealed record Reader(Guid AccountId, Guid PartyId, string Email, string Name);

    public async Task<VacancyDigestResult> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.ToOffset(Pages.LimaTime.Offset).DateTime);
        var result = new VacancyDigestResult(0, 0, 0);
        for (var skip = 0; ; skip += options.Value.BatchSize)
        {
            var batch = await ReadersAsync(skip, ct);
            if (batch.Count == 0) break;
            var consenting = await consent.GrantedAsync([.. batch.Select(r => r.PartyId)], ct);
            foreach (var reader in batch.Where(r => consenting.Contains(r.PartyId)))
            {
                result = result with { Consenting = result.Consenting + 1 };
                var outcome = await DigestAsync(reader, today, now, ct);
                result = outcome switch
                {
                    true => result with { Sent = result.Sent + 1 },
                    false => result with { Failed = result.Failed + 1 },
                    null => result,
                };
            }
            if (batch.Count < options.Value.BatchSize) break;
        }
        if (result.Sent + result.Failed > 0) logger.LogInformation("Vacancy digest: {Sent} sent, {Failed} failed", result.Sent, result.Failed);
        return result;
    }

    /// <summary>Accounts with a verified email and a job-seeker profile, a page of them in id order.</summary>
    private async Task<List<Reader>> ReadersAsync(int skip, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = from a in db.CitizenAccounts.AsNoTracking()
                    join s in db.JobSeekers.AsNoTracking() on a.PartyId equals s.PartyId
                    where a.Email != null && a.EmailVerifiedAt != null && s.Active
                    select new { a.Id, a.PartyId, a.Email, s.DisplayName };
        var rows = await query.OrderBy(r => r.Id).Skip(skip).Take(options.Value.BatchSize).ToListAsync(ct);
        return [.. rows.Select(r => new Reader(r.Id, r.PartyId, r.Email!, r.DisplayName))];
    }

    /// <summary>True when mailed, false when the send failed, null when there was nothing to send or it was sent already today.</summary>
    private async Task<bool?> DigestAsync(Reader reader, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        DateTimeOffset since;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            // The latest mail tells both whether today's was sent and where the new vacancies start.
            var previous = await db.VacancyDigests.Where(d => d.AccountId == reader.AccountId).OrderByDescending(d => d.Day)
                .Select(d => new { d.Day, d.SentAt }).FirstOrDefaultAsync(ct);
            if (previous?.Day == today) return null;
            since = previous?.SentAt ?? now.AddDays(-1);
        }
        var fresh = (await matching.VacanciesForAsync(reader.PartyId, 20, ct)).Where(m => m.Vacancy.CreatedAt > since).Take(options.Value.MaxVacancies).ToList();
        if (fresh.Count == 0) return null;

        var claim = new VacancyDigestSent { AccountId = reader.AccountId, Day = today, SentAt = now, Vacancies = fresh.Count };
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            db.VacancyDigests.Add(claim);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                return null; // another node claimed this citizen's mail of the day
            }
        }
        try
        {
            await mail.SendAsync(new OutgoingMail(reader.Email, reader.Name, fresh.Count == 1 ? "Una vacante nueva para usted" : $"{fresh.Count} vacantes nuevas para usted",
                Body(reader, fresh)), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "The vacancy digest to account {Account} could not be sent", reader.AccountId);
            await using var db = await contexts.CreateDbContextAsync(ct);
            await db.VacancyDigests.Where(d => d.Id == claim.Id).ExecuteDeleteAsync(ct);
            return false;
        }
        await audit.AppendAsync(AuditTrails.ForParty(reader.PartyId), "portal.comunicaciones.sent",
            new { account = reader.AccountId, kind = "vacantes recomendadas", vacancies = fresh.Select(m => m.Vacancy.Id) }, ct);
        return true;
    }

    private string Body(Reader reader, IReadOnlyList<VacancyMatchDto> fresh)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Hola, {reader.Name}:\n\nEstas vacantes nuevas de la bolsa de trabajo nacional coinciden con su perfil:\n");
        foreach (var m in fresh)
        {
            var v = m.Vacancy;
            var salary = v.SalaryMin is { } min ? $" · S/ {min.ToString("N0", Peru)}{(v.SalaryMax is { } max ? $"–{max.ToString("N0", Peru)}" : "")}" : "";
            text.Append(CultureInfo.InvariantCulture, $"\n- {v.Title} — {v.CompanyName}, {v.RegionName}{salary}\n  {links.PortalVacancy(v.Id)}\n");
        }
        var unsubscribe = links.Unsubscribe(consent.UnsubscribeToken(reader.AccountId));
        text.Append("\nPostule desde Mi VUPE con los datos de su ficha.\n\n--\nRecibe este correo porque autorizó «Comunicaciones» en Mi VUPE (información de vacantes, cursos y programas). ")
            .Append("Para no recibir más, retire la autorización aquí: ").Append(unsubscribe).Append('\n')
            .Append("También puede hacerlo en Mi VUPE, «Mis autorizaciones». Ventanilla Única de Promoción del Empleo (VUPE), Ministerio de Trabajo y Promoción del Empleo.");
        return text.ToString();
    }
}

/// <summary>The Hangfire entry point of <see cref="VacancyDigestScan"/>.</summary>
public sealed class VacancyDigestJob(IServiceProvider services)
{
    public const string RecurringJobId = "vacancy-digest";

    public async Task RunAsync(CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<VacancyDigestScan>().RunAsync(ct);
    }
}
