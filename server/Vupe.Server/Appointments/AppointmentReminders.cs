using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vupe.Server.Audit;
using Vupe.Server.Data;
using Vupe.Server.Notifications;
using Vupe.Server.Offices;
using Vupe.Workflows;

namespace Vupe.Server.Appointments;

/// <summary>Settings of the appointments' reminders (Vupe:Appointments).</summary>
public sealed class AppointmentOptions
{
    public const string Section = "Vupe:Appointments";
    public bool RemindersEnabled { get; set; } = true;
    /// <summary>When the reminder job runs (Hangfire cron, UTC): hourly by default, so a reminder the day before goes out early that day.</summary>
    public string ReminderCron { get; set; } = "5 * * * *";
    /// <summary>A claim older than this whose mail never went out is taken over by a later run.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromMinutes(30);
}

/// <summary>What one run did (for the log and the tests).</summary>
public sealed record ReminderRunResult(int Sent, int WithoutEmail, int Failed);

/// <summary>
/// The reminder the day before: every booked appointment of tomorrow (Lima) whose reminder is not out yet is claimed by
/// bumping its row's version (the concurrency token: of two nodes running the job, one claim succeeds, the other is
/// refused and skips it), mailed through <see cref="IMailSender"/> to the account's verified email, then marked sent with
/// an entry in the ficha's trail. A claim whose mail failed is retried after <see cref="AppointmentOptions.RetryAfter"/>.
/// </summary>
public sealed class AppointmentReminders(IDbContextFactory<VupeDbContext> contexts, IMailSender mail, OfficeDirectory offices, AuditLog audit,
    IOptions<AppointmentOptions> options, TimeProvider time, ILogger<AppointmentReminders> logger)
{
    public async Task<ReminderRunResult> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var tomorrow = AppointmentSlots.LimaDay(now).AddDays(1);
        var (from, to) = (AppointmentSlots.At(tomorrow, TimeOnly.MinValue), AppointmentSlots.At(tomorrow.AddDays(1), TimeOnly.MinValue));
        var staleClaim = now - options.Value.RetryAfter;
        List<Guid> due;
        await using (var db = await contexts.CreateDbContextAsync(ct))
            due = await db.Appointments.AsNoTracking()
                .Where(a => a.Seat != null && a.ReminderSentAt == null && a.SlotStart >= from && a.SlotStart < to && (a.ReminderClaimedAt == null || a.ReminderClaimedAt < staleClaim))
                .Select(a => a.Id).ToListAsync(ct);
        var officeNames = (await offices.ListAsync(ct)).ToDictionary(o => o.Code, o => o, StringComparer.OrdinalIgnoreCase);
        var result = new ReminderRunResult(0, 0, 0);
        foreach (var id in due)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var row = await db.Appointments.FirstOrDefaultAsync(a => a.Id == id, ct);
            // Read again: another run may have claimed it since the list was read (its claim is fresh), or sent it.
            if (row is null || row.Seat is null || row.ReminderSentAt is not null || row.ReminderClaimedAt >= staleClaim) continue;
            row.ReminderClaimedAt = now;
            row.Version++;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                logger.LogDebug("The reminder of appointment {Id} was claimed by another run", id);
                continue;
            }
            var account = await db.CitizenAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.PartyId == row.PartyId, ct);
            var name = await db.Parties.AsNoTracking().Where(p => p.Id == row.PartyId).Select(p => p.DisplayName).FirstOrDefaultAsync(ct) ?? "";
            string outcome;
            if (account?.Email is null || account.EmailVerifiedAt is null)
            {
                outcome = "sin-correo";
                result = result with { WithoutEmail = result.WithoutEmail + 1 };
            }
            else
            {
                try
                {
                    var office = officeNames.GetValueOrDefault(row.OfficeCode);
                    await mail.SendAsync(Message(account.Email, name, row, office), ct);
                    outcome = "enviado";
                    result = result with { Sent = result.Sent + 1 };
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "The reminder of appointment {Id} could not be sent", id);
                    row.ReminderError = e.Message.Length > 500 ? e.Message[..500] : e.Message;
                    row.Version++;
                    await db.SaveChangesAsync(ct);
                    result = result with { Failed = result.Failed + 1 };
                    continue;
                }
            }
            row.ReminderSentAt = time.GetUtcNow();
            row.ReminderError = null;
            row.Version++;
            audit.Stage(db, AuditTrails.ForParty(row.PartyId), "appointment.reminded", new { appointment = row.Id, outcome });
            await db.SaveChangesAsync(ct);
        }
        if (result != new ReminderRunResult(0, 0, 0))
            logger.LogInformation("Appointment reminders: {Sent} sent, {WithoutEmail} without email, {Failed} failed", result.Sent, result.WithoutEmail, result.Failed);
        return result;
    }

    private static OutgoingMail Message(string to, string name, Appointment a, Office? office)
    {
        var service = VupeServices.Find(a.ServiceCode)?.Name ?? a.ServiceCode;
        var where = office is null ? a.OfficeCode : $"{office.Name}{(string.IsNullOrWhiteSpace(office.Address) ? "" : ", " + office.Address)}";
        return new OutgoingMail(to, name, $"Recordatorio: su cita de {service} es mañana",
            $"""
            Hola, {name}:

            Le recordamos su cita de {service} el {AppointmentBook.When(a.SlotStart)} (hora de Lima) en {where}.
            Lleve su DNI. Si no podrá asistir, cancele o cambie la cita en Mi VUPE, en «Mis citas», para que otra persona pueda usar el horario.

            --
            Mensaje automático de la Ventanilla Única de Promoción del Empleo (VUPE), Ministerio de Trabajo y Promoción del Empleo. No responda a este correo.
            """);
    }
}

/// <summary>Hangfire's entry point for the reminders (public because Hangfire invokes it).</summary>
public sealed class AppointmentReminderJob(IServiceProvider services)
{
    public const string RecurringJobId = "appointment-reminders";

    public Task RunAsync(CancellationToken ct) => services.GetRequiredService<AppointmentReminders>().RunAsync(ct);
}

public static class AppointmentsSetup
{
    public static IServiceCollection AddVupeAppointments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AppointmentOptions>().Bind(configuration.GetSection(AppointmentOptions.Section))
            .Validate(o => o.RetryAfter > TimeSpan.Zero && !string.IsNullOrWhiteSpace(o.ReminderCron), "Vupe:Appointments: RetryAfter must be positive and ReminderCron set.")
            .ValidateOnStart();
        services.AddScoped<AppointmentBook>();
        services.AddScoped<AppointmentCalendars>();
        services.AddScoped<AppointmentReminders>();
        services.AddTransient<AppointmentReminderJob>();
        services.AddHostedService<ReminderSchedule>();
        return services;
    }

    private sealed class ReminderSchedule(IRecurringJobManager jobs, IOptions<AppointmentOptions> options) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (options.Value.RemindersEnabled) jobs.AddOrUpdate<AppointmentReminderJob>(AppointmentReminderJob.RecurringJobId, j => j.RunAsync(CancellationToken.None), options.Value.ReminderCron);
            else jobs.RemoveIfExists(AppointmentReminderJob.RecurringJobId);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
