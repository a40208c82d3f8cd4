using System.Globalization;
using System.Net;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Vupe.Connectors;
using Vupe.Server.Appointments;
using Vupe.Server.Auth;
using Vupe.Server.Data;
using Vupe.Server.Tests.Portal;

namespace Vupe.Server.Tests;

/// <summary>
/// Appointments on SQLite and PostgreSQL: a supervisor's calendar, citizens booking from Mi VUPE, two bookings racing for
/// the last seat (the database gives it to one), cancel and reschedule, the reminder the day before sent once even by two
/// runs at the same time (pickup folder, controlled clock), and the wall between citizens.
/// </summary>
[TestFixture(TestStore.Sqlite)]
[TestFixture(TestStore.Postgres)]
public sealed class AppointmentTests(TestStore store) : ServerTestBase(store)
{
    private const string Service = "orientacion-vocacional";
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Vupe:CitizenRequestsPerMinute"] = "1000";
        settings["Vupe:CitizenRequestsPerDniPerHour"] = "50";
    }

    protected override void ConfigureServices(VupeServerFactory factory) =>
        factory.ServiceChanges = services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(_clock));

    private static UserScope Staff(string userName, string role, string? office) => UserScope.From(new ClaimsPrincipal(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, userName), new Claim(ClaimTypes.Name, userName), new Claim(ClaimTypes.Role, role),
        .. office is null ? Array.Empty<Claim>() : [new Claim(VupeClaims.Office, office)],
    ], "test")));

    private async Task SaveCalendarAsync(string office, int capacity)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AppointmentCalendars>().SaveAsync(Staff($"supervisor.{office.ToLowerInvariant()}", Roles.Supervisor, office), office, Service,
            new CalendarInput("08:00", "17:00", 30, capacity, [1, 2, 3, 4, 5, 6, 7], null), CancellationToken.None);
    }

    private DateOnly Tomorrow => AppointmentSlots.LimaDay(_clock.GetUtcNow()).AddDays(1);

    private DateTimeOffset SlotAt(int hour) => AppointmentSlots.At(Tomorrow, new TimeOnly(hour, 0));

    private static CitizenIdentity ValidCitizen() => Citizen(c => c.Status == IdentityStatus.Valid);

    private Task<HttpResponseMessage> BookAsync(PortalBrowser browser, string office, DateTimeOffset slot) =>
        browser.PostFormAsync("/mi-vupe/citas?handler=reservar", new()
        {
            ["servicio"] = Service, ["oficina"] = office, ["horario"] = slot.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        });

    private async Task<List<Appointment>> BookedAsync(string office, DateTimeOffset slot)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VupeDbContext>();
        return await db.Appointments.AsNoTracking().Where(a => a.OfficeCode == office && a.SlotStart == slot && a.Seat != null).ToListAsync();
    }

    private async Task<Guid> PartyOfAsync(CitizenIdentity citizen)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<VupeDbContext>().CitizenAccounts.Where(a => a.Dni == citizen.Dni).Select(a => a.PartyId).SingleAsync();
    }

    [Test]
    public async Task Two_citizens_racing_for_the_last_seat_get_it_once_and_the_loser_is_told_in_Spanish()
    {
        await SaveCalendarAsync("CUS", capacity: 2);
        var slot = SlotAt(9);
        var (first, second, third) = (ValidCitizen(), ValidCitizen(), ValidCitizen());
        using var a = await PortalCitizens.SignUpAsync(Factory, first);
        using var b = await PortalCitizens.SignUpAsync(Factory, second);
        using var c = await PortalCitizens.SignUpAsync(Factory, third);

        await a.GetAsync($"/mi-vupe/citas?servicio={Service}&oficina=CUS&fecha={Tomorrow:yyyy-MM-dd}");
        Assert.That(a.Html, Does.Contain("09:00"), "the slot is offered");
        var booked = await BookAsync(a, "CUS", slot);
        Assert.That(booked.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), a.Html);

        // One seat left; two citizens press "Reservar" at the same time.
        await b.GetAsync("/mi-vupe/citas");
        await c.GetAsync("/mi-vupe/citas");
        var race = await Task.WhenAll(BookAsync(b, "CUS", slot), BookAsync(c, "CUS", slot));
        var codes = race.Select(r => r.StatusCode).ToList();
        Assert.That(codes, Is.EquivalentTo(new[] { HttpStatusCode.Redirect, HttpStatusCode.Conflict }));
        var loser = codes[0] == HttpStatusCode.Conflict ? b : c;
        Assert.That(loser.Html, Does.Contain(AppointmentBook.SlotFull));
        var rows = await BookedAsync("CUS", slot);
        Assert.That(rows.Select(r => r.Seat), Is.EquivalentTo(new int?[] { 1, 2 }));
        Assert.That(rows.Select(r => r.PartyId).Distinct().Count(), Is.EqualTo(2));
    }

    [Test]
    public async Task Many_concurrent_bookings_never_exceed_the_capacity()
    {
        await SaveCalendarAsync("ARE", capacity: 3);
        var slot = SlotAt(11);
        var browsers = new List<PortalBrowser>();
        for (var i = 0; i < 6; i++) browsers.Add(await PortalCitizens.SignUpAsync(Factory, ValidCitizen()));
        foreach (var browser in browsers) await browser.GetAsync("/mi-vupe/citas");
        var results = await Task.WhenAll(browsers.Select(browser => BookAsync(browser, "ARE", slot)));
        Assert.That(results.Count(r => r.StatusCode == HttpStatusCode.Redirect), Is.EqualTo(3));
        Assert.That(results.Count(r => r.StatusCode == HttpStatusCode.Conflict), Is.EqualTo(3));
        Assert.That((await BookedAsync("ARE", slot)).Select(r => r.Seat), Is.EquivalentTo(new int?[] { 1, 2, 3 }));
        foreach (var browser in browsers) browser.Dispose();
    }

    [Test]
    public async Task Cancel_and_reschedule_free_the_seat_and_another_citizen_cannot_touch_the_appointment()
    {
        await SaveCalendarAsync("PIU", capacity: 1);
        var (owner, other) = (ValidCitizen(), ValidCitizen());
        using var a = await PortalCitizens.SignUpAsync(Factory, owner);
        using var b = await PortalCitizens.SignUpAsync(Factory, other);
        await a.GetAsync("/mi-vupe/citas");
        Assert.That((await BookAsync(a, "PIU", SlotAt(9))).StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var mine = (await BookedAsync("PIU", SlotAt(9))).Single();

        // The other citizen names the appointment's id: not theirs, so it does not exist for them; nothing changes.
        await b.GetAsync("/mi-vupe/citas");
        Assert.That(b.Html, Does.Not.Contain(mine.Id.ToString()));
        var refused = await b.PostFormAsync("/mi-vupe/citas?handler=cancelar", new() { ["cita"] = mine.Id.ToString() });
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var moved = await b.PostFormAsync("/mi-vupe/citas?handler=reprogramar", new() { ["cita"] = mine.Id.ToString(), ["horario"] = SlotAt(10).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) });
        Assert.That(moved.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await BookedAsync("PIU", SlotAt(9))).Single().Id, Is.EqualTo(mine.Id));

        // The owner moves it to 10:00: 9:00 is free again and the other citizen takes it.
        await a.GetAsync("/mi-vupe/citas");
        var rescheduled = await a.PostFormAsync("/mi-vupe/citas?handler=reprogramar", new() { ["cita"] = mine.Id.ToString(), ["horario"] = SlotAt(10).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) });
        Assert.That(rescheduled.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), a.Html);
        Assert.That(await BookedAsync("PIU", SlotAt(9)), Is.Empty);
        Assert.That((await BookAsync(b, "PIU", SlotAt(9))).StatusCode, Is.EqualTo(HttpStatusCode.Redirect), b.Html);

        // Then cancels: 10:00 is free.
        var at10 = (await BookedAsync("PIU", SlotAt(10))).Single();
        await a.GetAsync("/mi-vupe/citas");
        Assert.That((await a.PostFormAsync("/mi-vupe/citas?handler=cancelar", new() { ["cita"] = at10.Id.ToString() })).StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(await BookedAsync("PIU", SlotAt(10)), Is.Empty);
        await a.GetAsync("/mi-vupe/citas");
        Assert.That(a.Html, Does.Contain("Cancelada"));

        // The office's consultant sees the day: the other citizen at 9:00; Cusco's consultant may not look at Piura.
        await using var scope = Factory.Services.CreateAsyncScope();
        var calendars = scope.ServiceProvider.GetRequiredService<AppointmentCalendars>();
        var day = await calendars.DayAsync(Staff("consultor.piu", Roles.Consultant, "PIU"), "PIU", Tomorrow, CancellationToken.None);
        Assert.That(day.Where(x => x.Booked).Select(x => (x.Start, x.PartyId)), Is.EqualTo(new[] { (SlotAt(9), await PartyOfAsync(other)) }));
        await Assert.ThatAsync(() => calendars.DayAsync(Staff("consultor.cus", Roles.Consultant, "CUS"), "PIU", Tomorrow, CancellationToken.None), Throws.TypeOf<Vupe.Server.Problems.AccessDeniedException>());
        await Assert.ThatAsync(() => calendars.SaveAsync(Staff("consultor.piu", Roles.Consultant, "PIU"), "PIU", Service,
            new CalendarInput("08:00", "12:00", 30, 1, [1], null), CancellationToken.None), Throws.TypeOf<Vupe.Server.Problems.AccessDeniedException>());
    }

    [Test]
    public async Task The_reminder_goes_out_the_day_before_once_even_when_two_runs_overlap()
    {
        await SaveCalendarAsync("LIM", capacity: 2);
        var citizen = ValidCitizen();
        using var browser = await PortalCitizens.SignUpAsync(Factory, citizen);
        await browser.GetAsync("/mi-vupe/citas");
        // Two days ahead: not yet reminded today.
        var later = AppointmentSlots.At(Tomorrow.AddDays(1), new TimeOnly(15, 0));
        Assert.That((await BookAsync(browser, "LIM", later)).StatusCode, Is.EqualTo(HttpStatusCode.Redirect), browser.Html);

        async Task<ReminderRunResult> RunAsync()
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<AppointmentReminders>().RunAsync(CancellationToken.None);
        }
        int SentTo(string address) => Directory.GetFiles(Path.Combine(Factory.DataDirectory, "correo"), "*.eml").Select(f => MimeKit.MimeMessage.Load(f))
            .Count(m => m.Subject?.StartsWith("Recordatorio", StringComparison.Ordinal) == true && m.To.Mailboxes.Any(x => x.Address == PortalCitizens.Email(citizen)));

        await RunAsync();
        Assert.That(SentTo(PortalCitizens.Email(citizen)), Is.Zero, "two days ahead: no reminder yet");

        _clock.Advance(TimeSpan.FromDays(1));
        var runs = await Task.WhenAll(RunAsync(), RunAsync());
        Assert.That(SentTo(PortalCitizens.Email(citizen)), Is.EqualTo(1), "two overlapping runs send it once");
        Assert.That(runs.Sum(r => r.Sent), Is.GreaterThanOrEqualTo(1));
        await RunAsync();
        Assert.That(SentTo(PortalCitizens.Email(citizen)), Is.EqualTo(1), "and a later run does not send it again");
        var mail = Directory.GetFiles(Path.Combine(Factory.DataDirectory, "correo"), "*.eml").Select(f => MimeKit.MimeMessage.Load(f))
            .Single(m => m.Subject?.StartsWith("Recordatorio", StringComparison.Ordinal) == true && m.To.Mailboxes.Any(x => x.Address == PortalCitizens.Email(citizen)));
        Assert.That(mail.TextBody, Does.Contain("15:00").And.Contain("Orientación vocacional"));
    }
}
