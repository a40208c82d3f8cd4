using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Vupe.Server.Tests.Ui;

/// <summary>
/// Every form of the service procedures a consultant meets without waiting for a follow-up renders on the task page in
/// a real browser, with its Spanish labels and the referral's text (the triage case it came from): the procedures are
/// walked step by step, each form looked at in the browser and then completed through the API.
/// </summary>
public sealed class ServiceFormsTests : BrowserTestBase
{
    private const string Worker = "consultor.formularios";
    private HttpClient _api = null!;
    private HttpClient _worker = null!;

    [OneTimeSetUp]
    public async Task CreateTheServicesConsultant()
    {
        using var admin = await Factory.ClientForAsync("admin");
        var created = await admin.PostAsJsonAsync("/api/admin/users", new
        {
            userName = Worker, fullName = "Pilar Soto Arce", role = "consultant", officeCode = "LIM", password = VupeServerFactory.Password,
            services = new[]
            {
                "orientacion-vocacional", "capacitacion-laboral", "capacitacion-emprendimiento", "orientacion-emprendimiento", "asesoria-busqueda-empleo",
                "empleo-temporal", "certificacion-competencias", "orientacion-migrante", "evaluador-competencias",
            },
        });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        _api = await Factory.ClientForAsync("consultor.lim");
        _worker = await Factory.ClientForAsync(Worker);
    }

    [OneTimeTearDown]
    public void DisposeClients()
    {
        _api?.Dispose();
        _worker?.Dispose();
    }

    private static readonly Dictionary<string, (string Step, string Label, object Data)[]> Walks = new()
    {
        ["orientacion-vocacional"] =
        [
            ("entrevista", "Resultado de la citación", new { asistencia = "asistio", situacionEducativa = "secundaria-completa" }),
            ("testIntereses", "Instrumento aplicado", new { instrumentoTest = "chaside", areasInteres = new[] { "social" }, resultadoTest = "Perfil social" }),
            ("sesion", "Temas trabajados en la sesión", new { temasSesion = "Ocupaciones del área social", otraSesion = false }),
            ("recomendacion", "Ocupación recomendada", new { recomendacionOcupacional = "Educador(a) inicial", rutaFormativa = "tecnica" }),
        ],
        ["capacitacion-laboral"] =
        [
            ("inscripcion", "Resultado de la inscripción", new
            {
                inscripcion = "inscrito", nombreCurso = "Electricidad domiciliaria", entidadCapacitadora = "SENCICO", modalidad = "presencial",
                fechaInicio = "2026-03-09", fechaFin = "2026-04-17", horasProgramadas = 80,
            }),
            ("asistencia", "Horas cursadas", new { horasCursadas = 40, porcentajeAsistencia = 50, resultadoCurso = "retirado" }),
        ],
        ["capacitacion-emprendimiento"] =
        [
            ("diagnostico", "Resultado de la citación", new { asistencia = "asistio", etapaNegocio = "idea", descripcionNegocio = "Venta de jugos", necesidadesCapacitacion = new[] { "costos" }, tienePlanNegocio = false }),
            ("planNegocio", "Resumen del plan (producto, clientes, canales)", new { resumenPlan = "Jugos frescos en el mercado", inversionEstimada = 2000 }),
            ("ruta", "Módulos de la ruta", new { modulosCapacitacion = new[] { "costos" }, entidadCapacitadora = "PRODUCE", fechaInicio = "2026-03-10", fechaFin = "2026-03-31" }),
            ("asistencia", "Módulos completados", new { modulosCompletados = new[] { "costos" }, horasCursadas = 12, resultadoCapacitacion = "completa" }),
        ],
        ["orientacion-emprendimiento"] =
        [
            ("evaluarIdea", "Resultado de la citación", new { asistencia = "asistio", descripcionIdea = "Costura a pedido", sector = "servicios", viabilidadIdea = "viable", fundamentoEvaluacion = "Clientes en el barrio" }),
            ("planAccion", "Pasos y plazos acordados", new { planAccion = "Comprar máquina en abril", formalizacion = "aun-no" }),
            ("rutaFormacion", "Talleres recomendados", new { rutaFormacion = new[] { "modelo-negocio" } }),
        ],
        ["asesoria-busqueda-empleo"] =
        [
            ("revisionCv", "Resultado de la citación", new { asistencia = "asistio", objetivoLaboral = "Cajero(a)" }),
            ("tallerEntrevista", "Asistencia al taller", new { asistenciaTaller = "no-asistio", fechaTaller = "2026-03-12" }),
            ("estrategia", "Canales de búsqueda acordados", new { canalesBusqueda = new[] { "portales" }, postulacionesSemanales = 3 }),
        ],
        ["empleo-temporal"] =
        [
            ("requisitos", "Resultado de la citación", new { asistencia = "asistio", edad = 31, situacionLaboral = "desempleado", clasificacionSisfoh = "pobre-extremo" }),
            ("derivar", "Programa al que se deriva", new { programaDerivado = "lurawi-peru", convocatoria = "Obra de drenaje pluvial", fechaDerivacion = "2026-03-15" }),
            ("resultado", "Resultado", new { resultadoPrograma = "en-lista-espera" }),
        ],
        ["certificacion-competencias"] =
        [
            ("solicitud", "Resultado de la atención", new { asistencia = "asistio", perfilOcupacional = "Albañil", aniosExperienciaOficio = 12, centroCertificacion = "SENCICO" }),
            ("evaluacion", "N.º de registro del evaluador", new { registroEvaluador = "EV-0099", fechaEvaluacion = "2026-03-20", resultadoEvaluacion = "aun-no-competente", brechasIdentificadas = "Lectura de planos" }),
        ],
        ["orientacion-migrante"] =
        [
            ("situacion", "Resultado de la citación", new { asistencia = "asistio", condicionMigratoria = "retornante", documentoMigratorio = "dni" }),
            ("orientacion", "Temas orientados", new { temasOrientados = new[] { "reinsercion" }, tramitesPendientes = "Ninguno" }),
            ("derivaciones", "Entidades", new { entidadesDerivadas = Array.Empty<string>() }),
        ],
    };

    [Test]
    public async Task Every_service_procedure_form_renders_on_the_task_page_with_its_labels_and_the_referral_text()
    {
        var referrals = await ReferAsync([.. Walks.Keys]);
        await Page.GotoAsync("/bandeja");
        await SignInAsync(Page, Worker);
        foreach (var (service, steps) in Walks)
        {
            var (caseId, origin) = referrals[service];
            for (var i = 0; i < steps.Length; i++)
            {
                var (step, label, data) = steps[i];
                var taskId = await ClaimAsync(caseId, step);
                await Page.GotoAsync($"/tareas/{taskId}");
                var form = Page.Locator(".vupe-task-form .fjs-form");
                await Expect(form).ToBeVisibleAsync();
                await Expect(form).ToContainTextAsync(label);
                if (i == 0) await Expect(form).ToContainTextAsync($"Derivado desde el caso {origin}");
                var done = await _worker.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { data });
                Assert.That(done.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), $"{service}/{step}: {await done.Content.ReadAsStringAsync()}");
            }
        }
    }

    private async Task<Guid> ClaimAsync(Guid caseId, string step)
    {
        var detail = await _worker.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        var task = detail.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("elementId").GetString() == step);
        var id = task.GetProperty("id").GetGuid();
        (await _worker.PostAsync($"/api/tasks/{id}/claim", null)).EnsureSuccessStatusCode();
        return id;
    }

    private async Task<Dictionary<string, (Guid CaseId, string Origin)>> ReferAsync(string[] services)
    {
        var dni = (72_000_000 + Random.Shared.Next(1_000_000)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        KnownToReniec(dni, "Nora", "Quispe", "", new DateOnly(1995, 1, 1));
        var party = await _api.PostAsJsonAsync("/api/parties/persons", new { documentType = "Dni", documentNumber = dni, givenNames = "Nora", paternalSurname = "Quispe", birthDate = "1995-01-01" });
        Assert.That(party.IsSuccessStatusCode, await party.Content.ReadAsStringAsync());
        var partyId = (await party.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var triage = await (await _api.PostAsJsonAsync("/api/cases", new { partyId, procedure = "triaje-ciudadano" })).Content.ReadFromJsonAsync<JsonElement>();
        var triageId = triage.GetProperty("id").GetGuid();
        foreach (var (step, data) in new (string, object)[]
        {
            ("diagnostico", new { edad = 31, situacionLaboral = "empleado", nivelEducativo = "tecnica", experienciaLaboral = "certificada", aniosExperiencia = 5, condicionMigratoria = "ninguna", necesitaCul = false }),
            ("confirmar", new { serviciosConfirmados = services }),
        })
        {
            var detail = await _api.GetFromJsonAsync<JsonElement>($"/api/cases/{triageId}");
            var id = detail.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("elementId").GetString() == step).GetProperty("id").GetGuid();
            (await _api.PostAsync($"/api/tasks/{id}/claim", null)).EnsureSuccessStatusCode();
            var done = await _api.PostAsJsonAsync($"/api/tasks/{id}/complete", new { data });
            Assert.That(done.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await done.Content.ReadAsStringAsync());
        }
        var result = new Dictionary<string, (Guid, string)>();
        foreach (var child in (await _api.GetFromJsonAsync<JsonElement>($"/api/cases/{triageId}")).GetProperty("children").EnumerateArray())
        {
            var id = child.GetProperty("id").GetGuid();
            var service = (await _api.GetFromJsonAsync<JsonElement>($"/api/cases/{id}")).GetProperty("variables").GetProperty("servicio").GetString()!;
            result[service] = (id, triage.GetProperty("caseNumber").GetString()!);
        }
        return result;
    }
}
