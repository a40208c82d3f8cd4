using System.Globalization;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Vupe.Connectors;
using Vupe.Connectors.Simulation;
using Vupe.Engine;
using Vupe.Engine.Persistence;
using Vupe.Server.Appointments;
using Vupe.Server.Auth;
using Vupe.Server.Data;
using Vupe.Workflows;
using static Microsoft.Playwright.Assertions;

namespace Vupe.Server.Tests.Ui;

/// <summary>
/// Mi VUPE's appointments and ARCO requests on phones (390 × 844): a citizen books, sees, reschedules and cancels an
/// appointment while the consultant follows it on /citas; two citizens in two browsers press "Reservar" for the last seat
/// at once; a citizen files an ARCO request and reads the data-protection officer's answer. Every portal page visited
/// fits the phone's width.
/// </summary>
public sealed class PortalAppointmentsArcoPhoneTests : BrowserTestBase
{
    private const string Service = VupeServices.VocationalGuidance;

    // Each sign-up is three requests to the rate-limited sign-up page; this fixture signs up four citizens.
    protected override void Configure(Dictionary<string, string?> settings) => settings["Vupe:CitizenRequestsPerMinute"] = "100";

    private static string ValidDni()
    {
        string dni;
        do dni = (49_000_000 + Random.Shared.Next(1_000_000)).ToString(CultureInfo.InvariantCulture);
        while (SimulatedPopulation.Find(dni).Identity is not { Status: IdentityStatus.Valid });
        return dni;
    }

    private async Task<IPage> CitizenOnAPhoneAsync(IPage? page = null)
    {
        page ??= await NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        var dni = ValidDni();
        await PortalSignUp.SignUpAsync(page, Factory, dni, $"c{dni}@example.pe");
        await AssertFitsAsync(page, 390, "the page");
        return page;
    }

    /// <summary>The office's calendar for the service, every day 08:00–17:00 in 30-minute slots, as its supervisor saves it.</summary>
    private async Task OpenCalendarAsync(string office, int capacity)
    {
        var supervisor = UserScope.From(new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, $"supervisor.{office.ToLowerInvariant()}"), new Claim(ClaimTypes.Name, $"supervisor.{office.ToLowerInvariant()}"),
            new Claim(ClaimTypes.Role, Roles.Supervisor), new Claim(VupeClaims.Office, office),
        ], "test")));
        await using var scope = Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AppointmentCalendars>().SaveAsync(supervisor, office, Service,
            new CalendarInput("08:00", "17:00", 30, capacity, [1, 2, 3, 4, 5, 6, 7], null), CancellationToken.None);
    }

    private static DateOnly Tomorrow => AppointmentSlots.LimaDay(DateTimeOffset.UtcNow).AddDays(1);

    private static string SlotId(int hour) => "#h" + AppointmentSlots.At(Tomorrow, new TimeOnly(hour, 0)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>From Mi VUPE's appointments page: the service, the office, tomorrow, then "Ver horarios".</summary>
    private static async Task ShowTomorrowsSlotsAsync(IPage page, string office)
    {
        await page.GotoAsync("/mi-vupe/citas");
        await page.GetByLabel("Servicio").SelectOptionAsync(Service);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continuar" }).ClickAsync();
        await page.GetByLabel("Oficina").SelectOptionAsync(office);
        await page.GetByLabel("Fecha", new() { Exact = true }).FillAsync(Tomorrow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Ver horarios" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Horarios libres (hora de Lima)" })).ToBeVisibleAsync();
    }

    [Test]
    public async Task A_citizen_books_reschedules_and_cancels_an_appointment_and_the_consultant_sees_it_on_the_days_list()
    {
        await OpenCalendarAsync("LIM", capacity: 2);
        var citizen = await CitizenOnAPhoneAsync(Page);
        await citizen.GetByRole(AriaRole.Navigation, new() { Name = "Mi cuenta" }).GetByRole(AriaRole.Link, new() { Name = "Mis citas", Exact = true }).ClickAsync();
        await AssertFitsAsync(citizen, 390, "the page");

        await ShowTomorrowsSlotsAsync(citizen, "LIM");
        await AssertFitsAsync(citizen, 390, "the page");
        await citizen.Locator(SlotId(9)).CheckAsync();
        await citizen.GetByRole(AriaRole.Button, new() { Name = "Reservar la cita" }).ClickAsync();
        await Expect(citizen.Locator("#cita-hecha")).ToContainTextAsync("Su cita quedó reservada");
        var appointment = citizen.Locator("li[data-cita]");
        await Expect(appointment).ToHaveCountAsync(1);
        await Expect(appointment).ToContainTextAsync("Orientación vocacional");
        await Expect(appointment).ToContainTextAsync($"{Tomorrow:dd/MM/yyyy} 09:00");
        await Expect(appointment).ToContainTextAsync("Reservada");
        await AssertFitsAsync(citizen, 390, "the page");

        // The appointment moves to 10:00 the same day.
        await appointment.GetByRole(AriaRole.Link, new() { Name = "Cambiar la fecha" }).ClickAsync();
        await Expect(citizen.Locator("#reservar-titulo")).ToHaveTextAsync("Cambiar la fecha de su cita");
        await citizen.GetByLabel("Fecha", new() { Exact = true }).FillAsync(Tomorrow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await citizen.GetByRole(AriaRole.Button, new() { Name = "Ver horarios" }).ClickAsync();
        await citizen.Locator(SlotId(10)).CheckAsync();
        await citizen.GetByRole(AriaRole.Button, new() { Name = "Cambiar a este horario" }).ClickAsync();
        await Expect(citizen.Locator("#cita-hecha")).ToHaveTextAsync("Su cita cambió de fecha.");
        // The 9:00 booking is kept in the list as cancelled; the 10:00 one is the appointment now.
        await Expect(citizen.Locator("li[data-cita]")).ToHaveCountAsync(2);
        await Expect(citizen.Locator("li[data-cita]", new() { HasText = $"{Tomorrow:dd/MM/yyyy} 09:00" })).ToContainTextAsync("Cancelada");
        appointment = citizen.Locator("li[data-cita]", new() { HasText = $"{Tomorrow:dd/MM/yyyy} 10:00" });
        await Expect(appointment).ToContainTextAsync("Reservada");
        await AssertFitsAsync(citizen, 390, "the page");

        // The consultant of Lima, on a phone too, opens the day's appointments for tomorrow.
        var consultant = await NewPageAsync();
        await consultant.SetViewportSizeAsync(390, 844);
        await consultant.GotoAsync("/citas");
        await SignInAsync(consultant, "consultor.lim");
        await consultant.WaitForURLAsync(url => url.Contains("/citas", StringComparison.Ordinal) && !url.Contains("ingresar", StringComparison.Ordinal));
        await consultant.GetByLabel("Fecha", new() { Exact = true }).FillAsync(Tomorrow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await consultant.GetByRole(AriaRole.Button, new() { Name = "Ver", Exact = true }).ClickAsync();
        var row = consultant.Locator("#citas-del-dia tbody tr", new() { HasText = "10:00" });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("Orientación vocacional");
        await Expect(row).ToContainTextAsync("Reservada");
        await AssertFitsAsync(consultant, 390, "the page");

        await appointment.GetByRole(AriaRole.Button, new() { Name = "Cancelar la cita" }).ClickAsync();
        await Expect(citizen.Locator("#cita-hecha")).ToHaveTextAsync("Su cita fue cancelada.");
        await Expect(appointment).ToContainTextAsync("Cancelada");
        await Expect(appointment.GetByRole(AriaRole.Button, new() { Name = "Cancelar la cita" })).ToHaveCountAsync(0);
        await AssertFitsAsync(citizen, 390, "the page");
        await consultant.ReloadAsync();
        await Expect(row).ToContainTextAsync("Cancelada");
    }

    [Test]
    public async Task Two_citizens_in_two_browsers_booking_the_last_seat_at_once_one_gets_it_and_the_other_is_told()
    {
        await OpenCalendarAsync("CUS", capacity: 1);
        var first = await CitizenOnAPhoneAsync(Page);
        var second = await CitizenOnAPhoneAsync();
        foreach (var page in new[] { first, second })
        {
            await ShowTomorrowsSlotsAsync(page, "CUS");
            await page.Locator(SlotId(11)).CheckAsync();
        }

        // Both press "Reservar la cita" before either answer is back.
        var pressed = new[] { first, second }.Select(p => p.GetByRole(AriaRole.Button, new() { Name = "Reservar la cita" }).ClickAsync()).ToArray();
        await Task.WhenAll(pressed);
        var outcome = new Regex("Su cita quedó reservada|" + Regex.Escape(AppointmentBook.SlotFull));
        foreach (var page in new[] { first, second }) await Expect(page.Locator("main")).ToContainTextAsync(outcome);

        var winners = new List<IPage>();
        foreach (var page in new[] { first, second })
            if (await page.Locator("#cita-hecha").CountAsync() == 1) winners.Add(page);
        Assert.That(winners, Has.Count.EqualTo(1), "exactly one citizen got the seat");
        var loser = winners[0] == first ? second : first;
        await Expect(winners[0].Locator("li[data-cita]")).ToContainTextAsync($"{Tomorrow:dd/MM/yyyy} 11:00");
        await Expect(loser.GetByRole(AriaRole.Alert)).ToContainTextAsync(AppointmentBook.SlotFull);
        await Expect(loser.Locator("li[data-cita]")).ToHaveCountAsync(0);
        // The day's other slots are offered again; the one just taken is not.
        await Expect(loser.Locator(SlotId(10))).ToBeVisibleAsync();
        await Expect(loser.Locator(SlotId(11))).ToHaveCountAsync(0);
        await AssertFitsAsync(loser, 390, "the page");

        await using var scope = Factory.Services.CreateAsyncScope();
        var start = AppointmentSlots.At(Tomorrow, new TimeOnly(11, 0));
        var booked = await scope.ServiceProvider.GetRequiredService<VupeDbContext>().Appointments.AsNoTracking()
            .Where(a => a.OfficeCode == "CUS" && a.SlotStart == start && a.Seat != null).ToListAsync();
        Assert.That(booked, Has.Count.EqualTo(1), "the database holds one booking for the seat");
    }

    [Test]
    public async Task A_citizen_files_an_ARCO_request_on_a_phone_and_reads_the_data_protection_officers_answer()
    {
        var citizen = await CitizenOnAPhoneAsync(Page);
        await citizen.GetByRole(AriaRole.Navigation, new() { Name = "Mi cuenta" }).GetByRole(AriaRole.Link, new() { Name = "Derechos ARCO", Exact = true }).ClickAsync();
        await AssertFitsAsync(citizen, 390, "the page");
        await citizen.GetByLabel("Rectificación de mis datos").CheckAsync();
        await citizen.GetByLabel("¿Qué nos pide?").FillAsync("Mi segundo apellido se escribe Ñaupari.");
        await citizen.GetByRole(AriaRole.Button, new() { Name = "Presentar la solicitud" }).ClickAsync();
        await Expect(citizen.Locator("#arco-presentada")).ToContainTextAsync("Su solicitud fue registrada con el número");
        var caseNumber = Regex.Match(await citizen.Locator("#arco-presentada").InnerTextAsync(), @"número (\S+)\.").Groups[1].Value;
        var request = citizen.Locator($"li[data-arco='{caseNumber}']");
        await Expect(request).ToContainTextAsync("Rectificación de mis datos");
        await Expect(request).ToContainTextAsync("En atención");
        await AssertFitsAsync(citizen, 390, "the page");

        // The data-protection officer of Lima takes the request from the group's inbox and answers it.
        var engine = Factory.Services.GetRequiredService<ProcessEngine>();
        var arco = (await engine.Cases.QueryAsync(new CaseFilter { ProcessKey = VupeProcesses.ArcoRequest, Take = 500 })).Single(c => c.CaseNumber == caseNumber);
        using var officer = await Factory.ClientForAsync("proteccion.lim");
        var task = (await officer.GetFromJsonAsync<JsonElement>($"/api/cases/{arco.Id}")).GetProperty("tasks").EnumerateArray()
            .Single(t => t.GetProperty("elementId").GetString() == "atender").GetProperty("id").GetGuid();
        (await officer.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
        var answered = await officer.PostAsJsonAsync($"/api/tasks/{task}/complete",
            new { data = new { decisionArco = "procedente", respuestaArco = "Corregimos su segundo apellido en su ficha." } });
        Assert.That((int)answered.StatusCode, Is.EqualTo(204), await answered.Content.ReadAsStringAsync());

        await citizen.ReloadAsync();
        await Expect(request).ToContainTextAsync("Respondida");
        await Expect(request.Locator(".arco-decision")).ToHaveTextAsync("Procedente");
        await Expect(request.Locator(".arco-respuesta")).ToHaveTextAsync("Corregimos su segundo apellido en su ficha.");
        await AssertFitsAsync(citizen, 390, "the page");
    }
}
