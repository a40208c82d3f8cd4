using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ClosedXML.Excel;
using Microsoft.Extensions.DependencyInjection;

namespace Vupe.Server.Tests;

/// <summary>
/// The ministry's figures (GET /api/figures, the Tablero page, CSV and XLSX exports) against counts the test makes itself
/// from the case, task and job-bank APIs, in this fixture's own database: cases in two offices, a referral with its
/// outcome recorded in the ficha, vacancies, a referral to a vacancy answered "hired" (a placement).
/// </summary>
public sealed class FiguresTests : ServerTestBase
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private string _from = "", _to = "";

    [OneTimeSetUp]
    public async Task CreateActivity()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(-5));
        (_from, _to) = (today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await OpenCaseAsync("consultor.lim");
        await OpenCaseAsync("consultor.lim");
        await OpenCaseAsync("consultor.cus");
        await ReferralWithOutcomeAsync();
        await JobBankActivityAsync(today);
    }

    /// <summary>A LIM triage that refers to información del mercado de trabajo; the citizen does not come to the explanation: an outcome in the ficha, the referral case closed.</summary>
    private async Task ReferralWithOutcomeAsync()
    {
        var client = await As("consultor.lim");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var partyId = (await CreatePersonAsync(who: c => Cases.CaseOpener.AgeOn(c.BirthDate, today) == 31)).GetProperty("id").GetGuid();
        var triage = (await OpenCaseAsync(partyId: partyId, procedure: "triaje-ciudadano")).GetProperty("id").GetGuid();
        await CompleteStepAsync(client, triage, "diagnostico", new
        {
            edad = 31, situacionLaboral = "desempleado", mesesDesempleo = 8, nivelEducativo = "secundaria", experienciaLaboral = "sin-certificar",
            aniosExperiencia = 3, condicionMigratoria = "ninguna", necesitaCul = true, quiereEmprender = false, interesCapacitacion = false,
        });
        await CompleteStepAsync(client, triage, "confirmar", new { serviciosConfirmados = new[] { "informacion-mercado-trabajo" } });
        var child = (await client.GetFromJsonAsync<JsonElement>($"/api/cases/{triage}")).GetProperty("children")[0].GetProperty("id").GetGuid();
        await CompleteStepAsync(client, child, "registrarConsulta", new { regionConsulta = "15", objetivoConsulta = "donde-hay-empleo" });
        await CompleteStepAsync(client, child, "explicarInforme", new { conclusiones = "No vino a la cita", resultadoPrestacion = "no-asistio" });
    }

    /// <summary>A Lima vacancy (registered by LIM) filled by a Cusco seeker referred by CUS; an open Cusco vacancy (registered by CUS).</summary>
    private async Task JobBankActivityAsync(DateOnly today)
    {
        var lima = await As("consultor.lim");
        var cusco = await As("consultor.cus");
        var company = await JobBankRequests.CreateCompanyAsync(lima, "Hoteles del Sur SAC");
        var filled = (await JobBankRequests.PostVacancyAsync(lima, company, "Cocinero de hotel", "5120", "150122")).GetProperty("id").GetGuid();
        await JobBankRequests.PostVacancyAsync(cusco, company, "Recepcionista", "4226", "080101");

        var person = await CreatePersonAsync("consultor.cus");
        var seeker = person.GetProperty("id").GetGuid();
        var ficha = await cusco.PutAsJsonAsync($"/api/parties/{seeker}/ficha", new
        {
            version = person.GetProperty("version").GetInt64(), ubigeo = "080101",
            education = new[] { new { level = "secundaria", completed = true } },
            workExperience = new[] { new { employer = "Restaurante Inti", position = "Cocinera", from = "2022-01-01", to = "2024-01-01", certified = true } },
        });
        Assert.That(ficha.StatusCode, Is.EqualTo(HttpStatusCode.OK), await ficha.Content.ReadAsStringAsync());
        (await cusco.PostAsJsonAsync($"/api/parties/{seeker}/consents", new { purpose = "intermediacion-laboral", granted = true, channel = "escrito", textVersion = "v1" })).EnsureSuccessStatusCode();
        (await cusco.PutAsJsonAsync($"/api/parties/{seeker}/jobseeker", new { occupations = new[] { "5120" }, mobility = "Nacional" })).EnsureSuccessStatusCode();
        var referred = await cusco.PostAsJsonAsync($"/api/vacancies/{filled}/referrals", new { partyId = seeker });
        Assert.That(referred.StatusCode, Is.EqualTo(HttpStatusCode.Created), await referred.Content.ReadAsStringAsync());
        var referral = await referred.Content.ReadFromJsonAsync<JsonElement>();
        var hired = await cusco.PostAsJsonAsync($"/api/referrals/{referral.GetProperty("id").GetGuid()}/answer",
            new { status = "Hired", startDate = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), version = referral.GetProperty("version").GetInt64() });
        Assert.That(hired.StatusCode, Is.EqualTo(HttpStatusCode.OK), await hired.Content.ReadAsStringAsync());
    }

    private async Task<JsonElement> FiguresAsync(string user)
    {
        var response = await (await As(user)).GetAsync($"/api/figures?from={_from}&to={_to}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The test's own count of cases and tasks, from the case list and the inbox as the user sees them.</summary>
    private async Task<(List<JsonElement> Cases, int OpenTasks, int Overdue)> CountMadeByTestAsync(string user)
    {
        var client = await As(user);
        var cases = (await client.GetFromJsonAsync<JsonElement>("/api/cases?pageSize=200")).GetProperty("items").EnumerateArray().ToList();
        var tasks = (await client.GetFromJsonAsync<JsonElement>("/api/tasks?view=office&pageSize=200")).GetProperty("items").EnumerateArray().ToList();
        var now = DateTimeOffset.UtcNow;
        return (cases, tasks.Count, tasks.Count(t => t.GetProperty("dueAt").ValueKind != JsonValueKind.Null && t.GetProperty("dueAt").GetDateTimeOffset() <= now));
    }

    [TestCase("supervisor.nacional", null)]
    [TestCase("supervisor.lim", "LIM")]
    [TestCase("supervisor.cus", "CUS")]
    public async Task The_figures_equal_the_counts_made_from_the_cases_tasks_and_job_bank_in_the_users_scope(string user, string? office)
    {
        var figures = await FiguresAsync(user);
        var (cases, openTasks, overdue) = await CountMadeByTestAsync(user);
        Assert.That(cases.Select(c => c.GetProperty("officeCode").GetString()), office is null ? Has.Some.EqualTo("LIM").And.Some.EqualTo("CUS") : Has.All.EqualTo(office));

        if (office != "CUS") Assert.That(cases.Count(c => c.GetProperty("closedAt").ValueKind != JsonValueKind.Null), Is.Positive, "LIM's referral was served and closed");
        var totals = figures.GetProperty("cases");
        var closed = cases.Where(c => c.GetProperty("closedAt").ValueKind != JsonValueKind.Null).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(figures.GetProperty("officeCode").GetString(), Is.EqualTo(office));
            Assert.That(totals.GetProperty("opened").GetInt32(), Is.EqualTo(cases.Count));
            Assert.That(totals.GetProperty("closed").GetInt32(), Is.EqualTo(closed.Count));
            Assert.That(totals.GetProperty("openTasks").GetInt32(), Is.EqualTo(openTasks));
            Assert.That(totals.GetProperty("overdueTasks").GetInt32(), Is.EqualTo(overdue));
            Assert.That(totals.GetProperty("culIssued").GetInt32(), Is.Zero, "no CUL procedure ran in this fixture");
        });

        var byProcedure = figures.GetProperty("byProcedure").EnumerateArray().ToDictionary(p => p.GetProperty("processKey").GetString()!, p => (p.GetProperty("opened").GetInt32(), p.GetProperty("closed").GetInt32()));
        var expectedByProcedure = cases.GroupBy(c => c.GetProperty("procedure").GetString()!)
            .ToDictionary(g => g.Key, g => (g.Count(), g.Count(c => c.GetProperty("closedAt").ValueKind != JsonValueKind.Null)));
        Assert.That(byProcedure, Is.EquivalentTo(expectedByProcedure));

        var referrals = figures.GetProperty("referrals").EnumerateArray().ToDictionary(r => r.GetProperty("service").GetString()!, r => r.GetProperty("opened").GetInt32());
        var expectedReferrals = cases.Where(c => c.GetProperty("title").GetString() is { } t && t.StartsWith("Derivación a ", StringComparison.Ordinal))
            .GroupBy(c => c.GetProperty("title").GetString()!["Derivación a ".Length..]).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(referrals, Is.EquivalentTo(expectedReferrals));
        Assert.That(referrals.Keys, office == "CUS" ? Is.Empty : Is.EquivalentTo(new[] { "Información del mercado de trabajo" }));

        // Time to serve: nearest-rank median and 90th percentile of the closed cases' durations, as the test computes them.
        var durations = closed.Select(c => c.GetProperty("closedAt").GetDateTimeOffset() - c.GetProperty("openedAt").GetDateTimeOffset()).Order().ToList();
        var timeToServe = figures.GetProperty("timeToServe");
        Assert.That(timeToServe.GetProperty("closedCases").GetInt32(), Is.EqualTo(durations.Count));
        TimeSpan? At(double p) => durations.Count == 0 ? null : durations[Math.Max(0, (int)Math.Ceiling(p * durations.Count) - 1)];
        Assert.That(timeToServe.GetProperty("median").Deserialize<TimeSpan?>(Web), Is.EqualTo(At(0.5)));
        Assert.That(timeToServe.GetProperty("percentile90").Deserialize<TimeSpan?>(Web), Is.EqualTo(At(0.9)));

        // Referral outcomes from the ficha: the one LIM recorded.
        var outcomes = figures.GetProperty("referralOutcomes").EnumerateArray()
            .Select(o => (o.GetProperty("serviceCode").GetString(), o.GetProperty("resultCode").GetString(), o.GetProperty("result").GetString(), o.GetProperty("count").GetInt32())).ToList();
        Assert.That(outcomes, office == "CUS" ? Is.Empty : Is.EqualTo(new[] { ("informacion-mercado-trabajo", "no-asistio", "El usuario no asistió", 1) }));

        // The job bank: the placement and the referral are CUS's (the referring office), the vacancies each registering office's.
        var jobBank = figures.GetProperty("jobBank");
        var cusActivity = office != "LIM";
        Assert.Multiple(() =>
        {
            Assert.That(jobBank.GetProperty("placements").GetInt32(), Is.EqualTo(cusActivity ? 1 : 0));
            Assert.That(jobBank.GetProperty("seekersServed").GetInt32(), Is.EqualTo(cusActivity ? 1 : 0));
            Assert.That(jobBank.GetProperty("insertionRate").ValueKind == JsonValueKind.Null ? (double?)null : jobBank.GetProperty("insertionRate").GetDouble(), Is.EqualTo(cusActivity ? 1.0 : null));
            Assert.That(jobBank.GetProperty("referralsByStatus").EnumerateArray().Select(s => (s.GetProperty("statusName").GetString(), s.GetProperty("count").GetInt32())),
                cusActivity ? Is.EqualTo(new[] { ("Contratado", 1) }) : Is.Empty);
            Assert.That(jobBank.GetProperty("placementsByRegion").EnumerateArray().Select(p => (p.GetProperty("region").GetString(), p.GetProperty("occupationCode").GetString(), p.GetProperty("placements").GetInt32())),
                cusActivity ? Is.EqualTo(new[] { ("Lima", "5120", 1) }) : Is.Empty);
        });
        var vacancies = jobBank.GetProperty("vacancies").EnumerateArray()
            .Select(v => (v.GetProperty("regionCode").GetString(), v.GetProperty("occupationCode").GetString(), v.GetProperty("registered").GetInt32(), v.GetProperty("open").GetInt32(),
                v.GetProperty("filled").GetInt32(), v.GetProperty("positions").GetInt32(), v.GetProperty("positionsFilled").GetInt32())).ToList();
        var lima = ("15", "5120", 1, 0, 1, 1, 1);
        var cusco = ("08", "4226", 1, 1, 0, 1, 0);
        Assert.That(vacancies, Is.EqualTo(office switch { "LIM" => new[] { lima }, "CUS" => [cusco], _ => [cusco, lima] }));

        var byOffice = figures.GetProperty("byOffice").EnumerateArray().ToList();
        if (office is not null) Assert.That(byOffice, Is.Empty, "a supervisor gets no breakdown of other offices");
        else
        {
            foreach (var code in new[] { "LIM", "CUS" })
            {
                var row = byOffice.Single(o => o.GetProperty("officeCode").GetString() == code);
                var (officeCases, officeTasks, officeOverdue) = await CountMadeByTestAsync(code == "LIM" ? "supervisor.lim" : "supervisor.cus");
                Assert.That(row.GetProperty("opened").GetInt32(), Is.EqualTo(officeCases.Count), code);
                Assert.That(row.GetProperty("closed").GetInt32(), Is.EqualTo(officeCases.Count(c => c.GetProperty("closedAt").ValueKind != JsonValueKind.Null)), code);
                Assert.That(row.GetProperty("openTasks").GetInt32(), Is.EqualTo(officeTasks), code);
                Assert.That(row.GetProperty("overdueTasks").GetInt32(), Is.EqualTo(officeOverdue), code);
                Assert.That(row.GetProperty("placements").GetInt32(), Is.EqualTo(code == "CUS" ? 1 : 0), code);
            }
        }
    }

    [Test]
    public async Task The_csv_and_xlsx_exports_hold_the_same_numbers_as_the_figures_and_are_audited()
    {
        var figures = await FiguresAsync("supervisor.nacional");
        var client = await As("supervisor.nacional");
        var expected = new Dictionary<(string Section, string Group, string Sub, string Indicator), string>
        {
            [("Resumen", "", "", "Expedientes abiertos")] = figures.GetProperty("cases").GetProperty("opened").GetInt32().ToString(CultureInfo.InvariantCulture),
            [("Resumen", "", "", "Expedientes cerrados")] = figures.GetProperty("cases").GetProperty("closed").GetInt32().ToString(CultureInfo.InvariantCulture),
            [("Resumen", "", "", "Tareas pendientes (hoy)")] = figures.GetProperty("cases").GetProperty("openTasks").GetInt32().ToString(CultureInfo.InvariantCulture),
            [("Resumen", "", "", "Colocaciones")] = "1",
            [("Resumen", "", "", "Tasa de inserción (%)")] = "100",
            [("Resultados de las derivaciones (ficha)", "Información del mercado de trabajo", "El usuario no asistió", "Casos")] = "1",
            [("Colocaciones por región y ocupación", "Lima", figures.GetProperty("jobBank").GetProperty("placementsByRegion")[0].GetProperty("occupationCode").GetString() + " "
                + figures.GetProperty("jobBank").GetProperty("placementsByRegion")[0].GetProperty("occupation").GetString(), "Colocaciones")] = "1",
        };
        foreach (var p in figures.GetProperty("byProcedure").EnumerateArray())
        {
            expected[("Expedientes por procedimiento", p.GetProperty("procedure").GetString()!, "", "Abiertos")] = p.GetProperty("opened").GetInt32().ToString(CultureInfo.InvariantCulture);
            expected[("Expedientes por procedimiento", p.GetProperty("procedure").GetString()!, "", "Cerrados")] = p.GetProperty("closed").GetInt32().ToString(CultureInfo.InvariantCulture);
        }

        var csvResponse = await client.GetAsync($"/api/figures?from={_from}&to={_to}&format=csv");
        Assert.That(csvResponse.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(csvResponse.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
        var rows = ParseCsv(Encoding.UTF8.GetString(await csvResponse.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF'));
        Assert.That(rows[0], Is.EqualTo(new[] { "Ámbito", "Desde", "Hasta", "Sección", "Grupo", "Subgrupo", "Indicador", "Valor" }));
        var csv = rows.Skip(1).ToDictionary(r => (r[3], r[4], r[5], r[6]), r => r[7]);
        foreach (var (key, value) in expected) Assert.That(csv.GetValueOrDefault(key), Is.EqualTo(value), $"CSV {key}");
        Assert.That(rows.Skip(1).Select(r => (r[0], r[1], r[2])).Distinct(), Is.EqualTo(new[] { ("Todas las oficinas", _from, _to) }));

        var xlsxResponse = await client.GetAsync($"/api/figures?from={_from}&to={_to}&format=xlsx");
        Assert.That(xlsxResponse.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var workbook = new XLWorkbook(new MemoryStream(await xlsxResponse.Content.ReadAsByteArrayAsync()));
        foreach (var ((section, group, sub, indicator), value) in expected)
        {
            var sheet = workbook.Worksheets.Single(s => s.Cell(1, 1).GetString() == section);
            var headers = sheet.Row(4).CellsUsed().Select(c => c.GetString()).ToList();
            var summary = section == "Resumen";
            var column = summary ? 2 : headers.IndexOf(indicator) + 1;
            var row = sheet.RowsUsed().Single(r => r.RowNumber() > 4 && r.Cell(1).GetString() == (summary ? indicator : group) && (sub.Length == 0 || r.Cell(2).GetString() == sub));
            Assert.That(row.Cell(column).GetValue<double>().ToString(CultureInfo.InvariantCulture), Is.EqualTo(value), $"XLSX {section} {group} {sub} {indicator}");
        }

        // No endpoint lists the figures trail: read it through the audit log.
        await using var scope = Factory.Services.CreateAsyncScope();
        var audit = scope.ServiceProvider.GetRequiredService<Audit.AuditLog>();
        var entries = await audit.ReadAsync(Audit.AuditTrails.Figures, CancellationToken.None);
        Assert.That(entries.Where(e => e.Action == "figures.exported" && e.ActorName == "supervisor.nacional").Select(e => e.Data),
            Has.Some.Contains("\"csv\"").And.Some.Contains("\"xlsx\""));
    }

    [Test]
    public async Task Bad_periods_are_refused_in_Spanish_and_only_supervisors_and_admins_see_the_figures()
    {
        var supervisor = await As("supervisor.lim");
        var reversed = await supervisor.GetAsync("/api/figures?from=2026-03-01&to=2026-02-01");
        Assert.That(reversed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ProblemOf(reversed)).GetProperty("errors").GetProperty("desde")[0].GetString(), Does.Contain("posterior a la fecha de fin"));
        var tooLong = await supervisor.GetAsync("/api/figures?from=2015-01-01&to=2026-01-01");
        Assert.That(tooLong.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ProblemOf(tooLong)).GetProperty("errors").GetProperty("desde")[0].GetString(), Does.Contain("no puede superar 5 años"));
        var notADate = await supervisor.GetAsync("/api/figures?from=01/02/2026");
        Assert.That((await ProblemOf(notADate)).GetProperty("errors").GetProperty("desde")[0].GetString(), Does.Contain("AAAA-MM-DD"));
        var badFormat = await supervisor.GetAsync("/api/figures?format=pdf");
        Assert.That(badFormat.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));

        var page = await supervisor.GetAsync("/tablero?desde=2026-03-01&hasta=2026-02-01");
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await page.Content.ReadAsStringAsync(), Does.Contain("es posterior a la fecha de fin"));
        var ok = await (await As("supervisor.lim")).GetStringAsync($"/tablero?desde={_from}&hasta={_to}");
        Assert.That(ok, Does.Contain("Exportar CSV").And.Contain("Exportar Excel (XLSX)").And.Contain("table-scroll"));

        Assert.That((await (await As("admin")).GetAsync("/api/figures")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "admins: figures hold no personal data");
        Assert.That((await (await As("consultor.lim")).GetAsync("/api/figures")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await (await As("auditor")).GetAsync("/api/figures")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    /// <summary>RFC 4180: fields in double quotes may hold commas, quotes (doubled) and line breaks.</summary>
    private static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else field.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (ch is '\r' or '\n')
            {
                if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                row.Add(field.ToString()); field.Clear();
                rows.Add([.. row]); row.Clear();
            }
            else field.Append(ch);
        }
        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add([.. row]); }
        return rows;
    }
}
