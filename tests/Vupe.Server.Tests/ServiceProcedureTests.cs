using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Vupe.Connectors.Simulation;
using Vupe.Engine;

namespace Vupe.Server.Tests;

/// <summary>
/// The catalogue's service procedures through the API: a triage refers a citizen (or an acercamiento empresarial a
/// company), the service's own procedure opens — chosen by the decision procedimiento-por-servicio — and its
/// consultant works it step by step; the outcome and its details land in the ficha's history, documents in the case.
/// The follow-ups 30 and 90 days on are reached by moving this fixture's clock and running the due timers.
/// </summary>
public sealed class ServiceProcedureTests : ServerTestBase
{
    private const string Worker = "consultor.servicios";
    private readonly ShiftedClock _clock = new();

    protected override void ConfigureServices(VupeServerFactory factory) =>
        factory.ServiceChanges = services => services.AddSingleton<TimeProvider>(_clock);

    [OneTimeSetUp]
    public async Task CreateTheServicesConsultant()
    {
        // A consultant of Lima who attends every service these procedures offer and is an authorised competency evaluator.
        var admin = await As("admin");
        var created = await admin.PostAsJsonAsync("/api/admin/users", new
        {
            userName = Worker, fullName = "Carla Ríos Vega", role = "consultant", officeCode = "LIM", password = VupeServerFactory.Password,
            services = new[]
            {
                "acercamiento-empresarial", "orientacion-vocacional", "capacitacion-laboral", "capacitacion-emprendimiento", "orientacion-emprendimiento",
                "asesoria-busqueda-empleo", "empleo-temporal", "certificacion-competencias", "orientacion-migrante", "evaluador-competencias",
            },
        });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
    }

    // ------------------------------------------------------------------ helpers

    private sealed class ShiftedClock : TimeProvider
    {
        public TimeSpan Offset { get; set; }
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
    }

    /// <summary>Moves the server's clock, runs the timers now due, and signs in again (the old tokens expired in the meantime).</summary>
    private async Task AdvanceDaysAsync(int days)
    {
        _clock.Offset += TimeSpan.FromDays(days);
        await Factory.Services.GetRequiredService<ProcessEngine>().Management.ExecuteAllDueJobsAsync();
        SignOutAll();
    }

    private async Task<JsonElement> CaseAsync(Guid caseId) => await (await As("consultor.lim")).GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");

    private async Task CompleteAsync(Guid caseId, string elementId, object data, string user = Worker) =>
        await CompleteStepAsync(await As(user), caseId, elementId, data);

    /// <summary>A citizen triaged and referred to <paramref name="services"/>: the party and the referral cases by service code.</summary>
    private async Task<(Guid PartyId, Dictionary<string, (Guid Id, string Procedure)> Referrals)> ReferCitizenAsync(string[] services, string? dni = null,
        Func<Vupe.Connectors.CitizenIdentity, bool>? who = null)
    {
        var client = await As("consultor.lim");
        var partyId = (await CreatePersonAsync(dni: dni, who: who)).GetProperty("id").GetGuid();
        var opened = await client.PostAsJsonAsync("/api/cases", new { partyId, procedure = "triaje-ciudadano" });
        Assert.That(opened.StatusCode, Is.EqualTo(HttpStatusCode.Created), await opened.Content.ReadAsStringAsync());
        var triage = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await CompleteAsync(triage, "diagnostico", new
        {
            edad = 31, situacionLaboral = "desempleado", mesesDesempleo = 4, nivelEducativo = "secundaria", experienciaLaboral = "sin-certificar",
            aniosExperiencia = 3, condicionMigratoria = "ninguna", necesitaCul = false, quiereEmprender = false, interesCapacitacion = true,
        }, "consultor.lim");
        await CompleteAsync(triage, "confirmar", new { serviciosConfirmados = services }, "consultor.lim");
        return (partyId, await ReferralsAsync(triage));
    }

    private async Task<Dictionary<string, (Guid Id, string Procedure)>> ReferralsAsync(Guid parentCaseId)
    {
        var detail = await CaseAsync(parentCaseId);
        Assert.That(detail.GetProperty("incidents").GetArrayLength(), Is.Zero, detail.GetProperty("incidents").ToString());
        var referrals = new Dictionary<string, (Guid, string)>();
        foreach (var child in detail.GetProperty("children").EnumerateArray())
        {
            var id = child.GetProperty("id").GetGuid();
            var service = (await CaseAsync(id)).GetProperty("variables").GetProperty("servicio").GetString()!;
            referrals[service] = (id, child.GetProperty("procedure").GetString()!);
        }
        return referrals;
    }

    /// <summary>The ficha history's line for a case: its outcome summary and details.</summary>
    private async Task<JsonElement> HistoryLineAsync(Guid partyId, Guid caseId)
    {
        var history = await (await As("consultor.lim")).GetFromJsonAsync<JsonElement>($"/api/parties/{partyId}/history");
        return history.EnumerateArray().Single(h => h.GetProperty("caseId").GetGuid() == caseId);
    }

    private async Task AssertClosedAsync(Guid caseId)
    {
        var detail = await CaseAsync(caseId);
        Assert.That(detail.GetProperty("incidents").GetArrayLength(), Is.Zero, detail.GetProperty("incidents").ToString());
        Assert.That(detail.GetProperty("case").GetProperty("status").GetString(), Is.EqualTo("Closed"), detail.GetProperty("tasks").ToString());
    }

    private static string[] CompletedTasks(JsonElement detail) =>
        [.. detail.GetProperty("history").EnumerateArray().Where(h => h.GetProperty("eventType").GetString() == "TaskCompleted").Select(h => h.GetProperty("elementId").GetString()!)];

    // ------------------------------------------------------------------ routing

    [Test]
    public async Task A_triage_referral_to_each_service_opens_its_own_procedure_and_the_CUL_gets_the_identity_it_needs()
    {
        var services = Vupe.Workflows.VupeServices.All.Select(s => s.Code).ToArray();
        var (partyId, referrals) = await ReferCitizenAsync(services, dni: SimulatedDnis.CleanRecords);
        Assert.That(referrals.ToDictionary(r => r.Key, r => r.Value.Procedure), Is.EquivalentTo(new Dictionary<string, string>
        {
            ["informacion-mercado-trabajo"] = "informacion-mercado-trabajo", ["bolsa-trabajo"] = "bolsa-trabajo",
            ["acercamiento-empresarial"] = "seguimiento-empresarial", ["orientacion-vocacional"] = "orientacion-vocacional",
            ["capacitacion-laboral"] = "capacitacion-laboral", ["capacitacion-emprendimiento"] = "capacitacion-emprendimiento",
            ["orientacion-emprendimiento"] = "orientacion-emprendimiento", ["asesoria-busqueda-empleo"] = "asesoria-busqueda-empleo",
            ["cul"] = "certificado-unico-laboral", ["empleo-temporal"] = "empleo-temporal",
            ["certificacion-competencias"] = "certificacion-competencias", ["orientacion-migrante"] = "orientacion-migrante",
        }));

        // The CUL referral ran the automated procedure to the end: the certificate is in its case and in the ficha.
        var cul = await CaseAsync(referrals["cul"].Id);
        Assert.That(cul.GetProperty("case").GetProperty("status").GetString(), Is.EqualTo("Closed"), cul.GetProperty("incidents").ToString());
        Assert.That(cul.GetProperty("documents").EnumerateArray().Single().GetProperty("kind").GetString(), Is.EqualTo("cul"));
        var documents = await (await As("consultor.lim")).GetFromJsonAsync<JsonElement>($"/api/parties/{partyId}/documents");
        Assert.That(documents.EnumerateArray().Select(d => d.GetProperty("kind").GetString()), Does.Contain("cul"));
    }

    [Test]
    public async Task A_company_referred_to_a_service_with_no_procedure_for_companies_stops_with_an_incident_that_names_it()
    {
        var client = await As("consultor.lim");
        var company = await client.PostAsJsonAsync("/api/parties/companies", new { ruc = "20512333797", legalName = "Textiles Andinos S.A.C." });
        Assert.That(company.StatusCode, Is.EqualTo(HttpStatusCode.Created), await company.Content.ReadAsStringAsync());
        var partyId = (await company.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var outreach = (await OpenCaseAsync(partyId: partyId, procedure: "acercamiento-empresarial")).GetProperty("id").GetGuid();
        await CompleteAsync(outreach, "acercamiento", CompanyAnswers(), "consultor.lim");
        await CompleteAsync(outreach, "confirmar", new { serviciosConfirmados = new[] { "acercamiento-empresarial", "cul" } }, "consultor.lim");

        var detail = await CaseAsync(outreach);
        var incident = detail.GetProperty("incidents").EnumerateArray().Single();
        Assert.That(incident.GetProperty("elementId").GetString(), Is.EqualTo("abrirDerivaciones"));
        Assert.That(incident.GetProperty("message").GetString(), Does.Contain("«Certificado único laboral» (cul) no tiene procedimiento en la decisión procedimiento-por-servicio"));
        Assert.That(detail.GetProperty("children").GetArrayLength(), Is.Zero, "no referral opens when one service has no procedure");
    }

    private static object CompanyAnswers() => new
    {
        sector = "manufactura", tamanoEmpresa = "mediana", numeroTrabajadores = 40, antiguedadAnios = 6, tieneVacantes = true, numeroVacantes = 4,
        perfilesVacantes = "Operarios de producción", contrataPersonasDiscapacidad = false, necesitaCapacitarPersonal = true, personalSinCertificar = false,
        necesitaInformacionMercado = false, contrataExtranjeros = false, ofreceModalidadesFormativas = false, contactoNombre = "Lucía Paredes", contactoCorreo = "rrhh@empresa.pe",
    };

    // ------------------------------------------------------------------ one scenario per procedure

    [Test]
    public async Task Orientacion_vocacional_records_the_interest_test_the_sessions_and_the_occupational_recommendation()
    {
        var (partyId, referrals) = await ReferCitizenAsync(["orientacion-vocacional"]);
        var caseId = referrals["orientacion-vocacional"].Id;
        await CompleteAsync(caseId, "entrevista", new { asistencia = "asistio", situacionEducativa = "secundaria-completa", interesesDeclarados = "Le gusta reparar equipos" });
        await CompleteAsync(caseId, "testIntereses", new { instrumentoTest = "riasec", areasInteres = new[] { "realista", "investigador" }, resultadoTest = "Perfil técnico-científico" });
        await CompleteAsync(caseId, "sesion", new { temasSesion = "Ocupaciones técnicas afines", otraSesion = true });
        await CompleteAsync(caseId, "sesion", new { temasSesion = "Centros de formación y costos", otraSesion = false });
        await CompleteAsync(caseId, "recomendacion", new { recomendacionOcupacional = "Técnico en electrónica industrial", rutaFormativa = "tecnica", informacionOcupacional = true });

        await AssertClosedAsync(caseId);
        Assert.That(CompletedTasks(await CaseAsync(caseId)), Is.EqualTo(new[] { "entrevista", "testIntereses", "sesion", "sesion", "recomendacion" }));
        var line = await HistoryLineAsync(partyId, caseId);
        Assert.That((line.GetProperty("service").GetString(), line.GetProperty("outcome").GetString()), Is.EqualTo(("orientacion-vocacional", "orientacion-completa")));
        var details = line.GetProperty("outcomeDetails");
        Assert.That(details.GetProperty("recomendacionOcupacional").GetString(), Is.EqualTo("Técnico en electrónica industrial"));
        Assert.That(details.GetProperty("sesionesRealizadas").GetInt32(), Is.EqualTo(2));
        Assert.That(details.GetProperty("areasInteres").EnumerateArray().Select(a => a.GetString()), Is.EqualTo(new[] { "realista", "investigador" }));

        // The ficha page shows the details by their Spanish names.
        var page = await (await As("consultor.lim")).GetStringAsync($"/atender/ficha/{partyId}");
        Assert.That(page, Does.Contain("<dt>Ocupación recomendada</dt><dd>Técnico en electrónica industrial</dd>").And.Contain("<dt>Sesiones realizadas</dt><dd>2</dd>"));
    }

    [Test]
    public async Task Capacitacion_laboral_issues_a_signed_verifiable_constancia_and_follows_up_at_30_and_90_days()
    {
        var (partyId, referrals) = await ReferCitizenAsync(["capacitacion-laboral"]);
        var caseId = referrals["capacitacion-laboral"].Id;
        await CompleteAsync(caseId, "inscripcion", new
        {
            inscripcion = "inscrito", nombreCurso = "Soldadura básica", entidadCapacitadora = "SENATI Lima", modalidad = "presencial",
            fechaInicio = "2026-03-09", fechaFin = "2026-04-17", horasProgramadas = 120,
        });
        await CompleteAsync(caseId, "asistencia", new { horasCursadas = 114, porcentajeAsistencia = 95, resultadoCurso = "aprobado", notaFinal = 16 });

        var detail = await CaseAsync(caseId);
        var document = detail.GetProperty("documents").EnumerateArray().Single();
        Assert.That((document.GetProperty("kind").GetString(), document.GetProperty("isSigned").GetBoolean()), Is.EqualTo(("constancia", true)));
        var pdf = await (await As("consultor.lim")).GetByteArrayAsync($"/api/cases/{caseId}/documents/{document.GetProperty("id").GetGuid()}/content");
        Assert.That((await PdfTools.PdfSigAsync(pdf)).Output, Does.Contain("Signature is Valid"));
        var code = detail.GetProperty("variables").GetProperty("constancia").GetProperty("codigoVerificacion").GetString()!;
        var verified = await Factory.AnonymousClient().GetFromJsonAsync<JsonElement>($"/api/public/certificates/{code}");
        Assert.That(verified.GetProperty("standing").GetString(), Is.EqualTo("Valid"));
        var line = await HistoryLineAsync(partyId, caseId);
        Assert.That(line.GetProperty("outcome").GetString(), Is.EqualTo("curso-completado"));
        Assert.That(line.GetProperty("outcomeDetails").GetProperty("horasCursadas").GetInt32(), Is.EqualTo(114));

        await AdvanceDaysAsync(31);
        await CompleteAsync(caseId, "seguimiento30", new { resultadoSeguimiento = "buscando" });
        await AdvanceDaysAsync(60);
        await CompleteAsync(caseId, "seguimiento90", new { resultadoSeguimiento = "insertado-formal", empleador = "Metalmecánica Lima S.A.C.", ocupacionActual = "Soldador", relacionadoConServicio = true });

        await AssertClosedAsync(caseId);
        line = await HistoryLineAsync(partyId, caseId);
        Assert.That(line.GetProperty("outcome").GetString(), Is.EqualTo("insertado-formal"), "the latest follow-up is the case's outcome");
        Assert.That(line.GetProperty("outcomeDetails").GetProperty("seguimiento90").GetProperty("empleador").GetString(), Is.EqualTo("Metalmecánica Lima S.A.C."));
        Assert.That(line.GetProperty("outcomeDetails").GetProperty("constancia").GetProperty("numero").GetString(), Does.StartWith("CCL-LIM-"));
    }

    [Test]
    public async Task Capacitacion_para_el_emprendimiento_goes_through_the_plan_the_training_path_and_a_90_day_follow_up()
    {
        var (partyId, referrals) = await ReferCitizenAsync(["capacitacion-emprendimiento"]);
        var caseId = referrals["capacitacion-emprendimiento"].Id;
        await CompleteAsync(caseId, "diagnostico", new
            { asistencia = "asistio", etapaNegocio = "inicio", descripcionNegocio = "Panadería de barrio", necesidadesCapacitacion = new[] { "costos", "formalizacion" }, tienePlanNegocio = false });
        await CompleteAsync(caseId, "planNegocio", new { resumenPlan = "Pan y pasteles para el barrio, venta directa", inversionEstimada = 8000, ventasMensualesEsperadas = 6000 });
        await CompleteAsync(caseId, "ruta", new { modulosCapacitacion = new[] { "costos", "formalizacion" }, entidadCapacitadora = "Municipalidad de Lima", fechaInicio = "2026-03-10", fechaFin = "2026-04-10" });
        await CompleteAsync(caseId, "asistencia", new { modulosCompletados = new[] { "costos", "formalizacion" }, horasCursadas = 24, resultadoCapacitacion = "completa" });
        Assert.That((await HistoryLineAsync(partyId, caseId)).GetProperty("outcome").GetString(), Is.EqualTo("capacitacion-completada"));

        await AdvanceDaysAsync(91);
        await CompleteAsync(caseId, "seguimiento", new { resultadoSeguimiento = "negocio-formalizado", ventasMensuales = 7500, empleosGenerados = 2 });
        await AssertClosedAsync(caseId);
        var line = await HistoryLineAsync(partyId, caseId);
        Assert.That(line.GetProperty("outcome").GetString(), Is.EqualTo("negocio-formalizado"));
        Assert.That(line.GetProperty("outcomeDetails").GetProperty("resumenPlan").GetString(), Does.Contain("Pan y pasteles"));
        Assert.That(line.GetProperty("outcomeDetails").GetProperty("seguimiento90").GetProperty("empleosGenerados").GetInt32(), Is.EqualTo(2));
    }

    [Test]
    public async Task Orientacion_para_el_emprendimiento_assesses_the_idea_and_an_unviable_one_ends_with_its_reason()
    {
        var (partyId, referrals) = await ReferCitizenAsync(["orientacion-emprendimiento"]);
        var caseId = referrals["orientacion-emprendimiento"].Id;
        await CompleteAsync(caseId, "evaluarIdea", new
        {
            asistencia = "asistio", descripcionIdea = "Taller de reparación de celulares", sector = "servicios", capitalDisponible = 3000, experienciaRubro = true,
            viabilidadIdea = "viable-con-ajustes", fundamentoEvaluacion = "Demanda alta en el distrito; falta local",
        });
        await CompleteAsync(caseId, "planAccion", new { planAccion = "Alquilar local en marzo, RUC en abril", formalizacion = "persona-natural", financiamiento = new[] { "ahorro", "microcredito" } });
        await CompleteAsync(caseId, "rutaFormacion", new { rutaFormacion = new[] { "costos", "formalizacion" }, derivarCapacitacionEmprendimiento = true });
        Assert.That((await HistoryLineAsync(partyId, caseId)).GetProperty("outcomeDetails").GetProperty("viabilidadIdea").GetString(), Is.EqualTo("viable-con-ajustes"));
        await AdvanceDaysAsync(91);
        await CompleteAsync(caseId, "seguimiento", new { resultadoSeguimiento = "negocio-operando", ventasMensuales = 2500, empleosGenerados = 0 });
        await AssertClosedAsync(caseId);
        Assert.That((await HistoryLineAsync(partyId, caseId)).GetProperty("outcome").GetString(), Is.EqualTo("negocio-operando"));

        var (otherParty, other) = await ReferCitizenAsync(["orientacion-emprendimiento"]);
        var unviable = other["orientacion-emprendimiento"].Id;
        await CompleteAsync(unviable, "evaluarIdea", new
            { asistencia = "asistio", descripcionIdea = "Importar autos de lujo", sector = "comercio", viabilidadIdea = "no-viable", fundamentoEvaluacion = "Capital muy por debajo de lo necesario" });
        await AssertClosedAsync(unviable);
        var line = await HistoryLineAsync(otherParty, unviable);
        Assert.That(line.GetProperty("outcome").GetString(), Is.EqualTo("idea-no-viable"));
        Assert.That(line.GetProperty("outcomeDetails").GetProperty("fundamentoEvaluacion").GetString(), Does.Contain("Capital"));
    }

    [Test]
    public async Task Asesoria_para_la_busqueda_de_empleo_records_the_cv_review_the_interview_workshop_and_the_follow_up()
    {
        var (partyId, referrals) = await ReferCitizenAsync(["asesoria-busqueda-empleo"]);
        var caseId = referrals["asesoria-busqueda-empleo"].Id;
        await CompleteAsync(caseId, "revisionCv", new { asistencia = "asistio", objetivoLaboral = "Asistente de almacén", mejorasCv = new[] { "perfil", "logros" }, cvActualizado = true });
        await CompleteAsync(caseId, "tallerEntrevista", new { asistenciaTaller = "asistio", fechaTaller = "2026-03-12", simulacionEntrevista = true, aspectosMejorar = "Respuestas más concretas" });
        await CompleteAsync(caseId, "estrategia", new { canalesBusqueda = new[] { "bolsa-trabajo", "portales" }, postulacionesSemanales = 5 });
        var line = await HistoryLineAsync(partyId, caseId);
        Assert.That(line.GetProperty("outcome").GetString(), Is.EqualTo("asesoria-completa"));
        Assert.That(line.GetProperty("outcomeDetails").GetProperty("asistenciaTaller").GetString(), Is.EqualTo("asistio"));

        await AdvanceDaysAsync(31);
        await CompleteAsync(caseId, "seguimiento", new { resultadoSeguimiento = "insertado-informal", empleador = "Bodega Central", ocupacionActual = "Almacenero" });
        await AssertClosedAsync(caseId);
        Assert.That((await HistoryLineAsync(partyId, caseId)).GetProperty("outcome").GetString(), Is.EqualTo("insertado-informal"));
    }

    [Test]
    public async Task Empleo_temporal_decides_eligibility_with_reasons_refers_to_the_programme_and_records_its_result()
    {
        // The case takes the age from the ficha (RENIEC's birth date): a citizen over 29, whom Jóvenes Productivos does not serve.
        var (partyId, referrals) = await ReferCitizenAsync(["empleo-temporal"], who: c => c.BirthDate < new DateOnly(1995, 1, 1));
        var caseId = referrals["empleo-temporal"].Id;
        await CompleteAsync(caseId, "requisitos", new { asistencia = "asistio", edad = 31, situacionLaboral = "desempleado", clasificacionSisfoh = "pobre", condicionVulnerable = false, interesFormacion = false });
        var detail = await CaseAsync(caseId);
        var decision = detail.GetProperty("history").EnumerateArray().Single(h => h.GetProperty("eventType").GetString() == "DecisionEvaluated");
        Assert.That(decision.GetProperty("elementId").GetString(), Is.EqualTo("evaluarElegibilidad"));
        Assert.That(detail.GetProperty("variables").GetProperty("programasElegibles").EnumerateArray().Select(p => p.GetString()), Is.EqualTo(new[] { "lurawi-peru" }));
        await CompleteAsync(caseId, "derivar", new { programaDerivado = "lurawi-peru", convocatoria = "Obra: pistas y veredas en Comas", fechaDerivacion = "2026-03-15" });
        await CompleteAsync(caseId, "resultado", new { resultadoPrograma = "seleccionado", fechaIngreso = "2026-04-01" });

        await AssertClosedAsync(caseId);
        var line = await HistoryLineAsync(partyId, caseId);
        Assert.That(line.GetProperty("outcome").GetString(), Is.EqualTo("lurawi-peru:seleccionado"));
        var details = line.GetProperty("outcomeDetails");
        Assert.That(details.GetProperty("programaDerivado").GetString(), Is.EqualTo("lurawi-peru"));
        Assert.That(details.GetProperty("motivosElegibilidad").EnumerateArray().Select(m => m.GetString()),
            Has.Some.StartsWith("jovenes-productivos: Jóvenes Productivos atiende a jóvenes de 15 a 29 años"), "why not the other programme, too");

        var (otherParty, other) = await ReferCitizenAsync(["empleo-temporal"]);
        var notEligible = other["empleo-temporal"].Id;
        await CompleteAsync(notEligible, "requisitos", new { asistencia = "asistio", edad = 31, situacionLaboral = "empleado", clasificacionSisfoh = "no-pobre" });
        await AssertClosedAsync(notEligible);
        Assert.That((await HistoryLineAsync(otherParty, notEligible)).GetProperty("outcome").GetString(), Is.EqualTo("no-elegible"));
    }

    [Test]
    public async Task Certificacion_de_competencias_is_evaluated_only_by_an_authorised_evaluator_and_a_competent_person_gets_a_signed_certificate()
    {
        var (partyId, referrals) = await ReferCitizenAsync(["certificacion-competencias"]);
        var caseId = referrals["certificacion-competencias"].Id;
        await CompleteAsync(caseId, "solicitud", new
        {
            asistencia = "asistio", perfilOcupacional = "Cocinero(a)", unidadCompetencia = "Preparar platos de la cocina peruana", aniosExperienciaOficio = 8,
            centroCertificacion = "CETPRO Lima Centro", evidencias = new[] { "constancias-trabajo", "referencias" },
        });
        var evaluation = (await CaseAsync(caseId)).GetProperty("tasks").EnumerateArray().Single();
        Assert.That(evaluation.GetProperty("candidateGroups").EnumerateArray().Select(g => g.GetString()), Is.EqualTo(new[] { "LIM-evaluador-competencias" }));
        var notEvaluator = await (await As("consultor.lim")).PostAsync($"/api/tasks/{evaluation.GetProperty("id").GetGuid()}/claim", null);
        Assert.That(notEvaluator.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "a consultant who is not an authorised evaluator cannot take it");
        await CompleteAsync(caseId, "evaluacion", new { registroEvaluador = "EV-2024-0153", fechaEvaluacion = "2026-03-20", resultadoEvaluacion = "competente" });

        var detail = await CaseAsync(caseId);
        var document = detail.GetProperty("documents").EnumerateArray().Single();
        Assert.That((document.GetProperty("kind").GetString(), document.GetProperty("isSigned").GetBoolean()), Is.EqualTo(("certificado-competencias", true)));
        var certificate = detail.GetProperty("variables").GetProperty("certificado");
        var verified = await Factory.AnonymousClient().GetFromJsonAsync<JsonElement>($"/api/public/certificates/{certificate.GetProperty("codigoVerificacion").GetString()}");
        Assert.That(verified.GetProperty("standing").GetString(), Is.EqualTo("Valid"));
        Assert.That(verified.GetProperty("validUntil").GetDateTimeOffset(), Is.GreaterThan(DateTimeOffset.UtcNow.AddYears(4)), "valid five years");
        var line = await HistoryLineAsync(partyId, caseId);
        Assert.That(line.GetProperty("outcome").GetString(), Is.EqualTo("competente"));
        Assert.That(line.GetProperty("outcomeDetails").GetProperty("perfilOcupacional").GetString(), Is.EqualTo("Cocinero(a)"));

        await AdvanceDaysAsync(31);
        await CompleteAsync(caseId, "seguimiento30", new { resultadoSeguimiento = "insertado-formal", empleador = "Restaurante El Rocoto", ocupacionActual = "Cocinero", relacionadoConServicio = true });
        await AdvanceDaysAsync(60);
        await CompleteAsync(caseId, "seguimiento90", new { resultadoSeguimiento = "insertado-formal", empleador = "Restaurante El Rocoto", ocupacionActual = "Jefe de cocina", relacionadoConServicio = true });
        await AssertClosedAsync(caseId);
    }

    [Test]
    public async Task Orientacion_para_el_migrante_records_the_situation_the_infomigra_guidance_and_the_referrals()
    {
        var (partyId, referrals) = await ReferCitizenAsync(["orientacion-migrante"]);
        var caseId = referrals["orientacion-migrante"].Id;
        await CompleteAsync(caseId, "situacion", new { asistencia = "asistio", condicionMigratoria = "extranjero-en-tramite", nacionalidad = "venezolana", documentoMigratorio = "cpp", habilitadoTrabajar = true });
        await CompleteAsync(caseId, "orientacion", new { temasOrientados = new[] { "regularizacion", "convalidacion-titulos" }, tramitesPendientes = "Renovar el CPP; reconocer su título en SUNEDU", guiaEntregada = true });
        await CompleteAsync(caseId, "derivaciones", new { entidadesDerivadas = new[] { "migraciones", "sunedu" }, serviciosVupeSugeridos = new[] { "bolsa-trabajo" } });
        await AssertClosedAsync(caseId);
        var details = (await HistoryLineAsync(partyId, caseId)).GetProperty("outcomeDetails");
        Assert.That(details.GetProperty("documentoMigratorio").GetString(), Is.EqualTo("cpp"));
        Assert.That(details.GetProperty("entidadesDerivadas").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "migraciones", "sunedu" }));
    }

    [Test]
    public async Task A_citizen_who_did_not_come_is_recorded_as_such_and_the_procedure_ends()
    {
        var (partyId, referrals) = await ReferCitizenAsync(["orientacion-migrante"]);
        var caseId = referrals["orientacion-migrante"].Id;
        await CompleteAsync(caseId, "situacion", new { asistencia = "no-asistio" });
        await AssertClosedAsync(caseId);
        Assert.That((await HistoryLineAsync(partyId, caseId)).GetProperty("outcome").GetString(), Is.EqualTo("no-asistio"));
    }

    [Test]
    public async Task Acercamiento_empresarial_follows_up_what_the_company_was_offered()
    {
        var client = await As("consultor.lim");
        var company = await client.PostAsJsonAsync("/api/parties/companies", new { ruc = "20131312955", legalName = "Agroexportadora del Norte S.A.C." });
        Assert.That(company.StatusCode, Is.EqualTo(HttpStatusCode.Created), await company.Content.ReadAsStringAsync());
        var partyId = (await company.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var outreach = (await OpenCaseAsync(partyId: partyId, procedure: "acercamiento-empresarial")).GetProperty("id").GetGuid();
        await CompleteAsync(outreach, "acercamiento", CompanyAnswers(), "consultor.lim");
        await CompleteAsync(outreach, "confirmar", new { serviciosConfirmados = new[] { "acercamiento-empresarial", "capacitacion-laboral" } }, "consultor.lim");
        var referrals = await ReferralsAsync(outreach);
        Assert.That(referrals.Values.Select(r => r.Procedure), Is.All.EqualTo("seguimiento-empresarial"));

        var caseId = referrals["acercamiento-empresarial"].Id;
        await CompleteAsync(caseId, "oferta", new
        {
            contactoEmpresa = "atendida", serviciosOfrecidos = new[] { "publicacion-vacantes", "preseleccion", "capacitacion-trabajadores" },
            vacantesRegistradas = 4, trabajadoresACapacitar = 10, trabajadoresACertificar = 0, contactoNombre = "Lucía Paredes",
        });
        await AdvanceDaysAsync(31);
        await CompleteAsync(caseId, "seguimiento", new { resultadoSeguimiento = "parcialmente-cubierta", vacantesCubiertas = 3, trabajadoresCapacitados = 10, satisfaccion = "satisfecha" });
        await AssertClosedAsync(caseId);
        var line = await HistoryLineAsync(partyId, caseId);
        Assert.That(line.GetProperty("outcome").GetString(), Is.EqualTo("parcialmente-cubierta"));
        Assert.That(line.GetProperty("outcomeDetails").GetProperty("vacantesCubiertas").GetInt32(), Is.EqualTo(3));
        Assert.That(line.GetProperty("outcomeDetails").GetProperty("serviciosOfrecidos").GetArrayLength(), Is.EqualTo(3));
    }
}
