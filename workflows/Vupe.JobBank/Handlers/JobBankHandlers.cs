using Vupe.Engine;

namespace Vupe.JobBank.Handlers;

/// <summary><c>vupe.bolsa.verificarPerfil</c>: sets perfilListo and, when not ready, perfilFaltante (what to complete, in Spanish).</summary>
public sealed class CheckSeekerHandler(IJobBankDesk desk) : IServiceTaskHandler
{
    public async ValueTask<IReadOnlyDictionary<string, object?>?> ExecuteAsync(ServiceTaskContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var readiness = await desk.CheckSeekerAsync(DeskVariables.PartyId(context), ct);
        return new Dictionary<string, object?>
        {
            ["perfilListo"] = readiness.Ready,
            ["perfilFaltante"] = string.Join(" ", readiness.Missing),
        };
    }
}

/// <summary>
/// <c>vupe.bolsa.recomendarVacantes</c>: the best open vacancies of every region for the seeker (header <c>cantidad</c>,
/// default 10) as vacantesRecomendadas — options (value, label with company, region and score) for a checklist —,
/// and hayVacantes.
/// </summary>
public sealed class RecommendVacanciesHandler(IJobBankDesk desk) : IServiceTaskHandler
{
    public async ValueTask<IReadOnlyDictionary<string, object?>?> ExecuteAsync(ServiceTaskContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var top = int.TryParse(context.Headers.GetValueOrDefault("cantidad"), out var n) && n is > 0 and <= 50 ? n : 10;
        var offered = await desk.RecommendAsync(DeskVariables.PartyId(context), top, ct);
        return new Dictionary<string, object?>
        {
            ["vacantesRecomendadas"] = offered.Select(v => (object?)new Dictionary<string, object?>
            {
                ["value"] = v.VacancyId.ToString(),
                ["label"] = $"{v.Title} — {v.CompanyName} ({v.RegionName}) · {v.Score}/100 · {v.Reasons}",
            }).ToList(),
            ["hayVacantes"] = offered.Count > 0,
        };
    }
}

/// <summary>
/// <c>vupe.bolsa.derivar</c>: refers the seeker to the vacancies in vacantesSeleccionadas; returns derivaciones (contexts
/// referralId, vacanteId, puesto, empresa) for the company answers, one per vacancy.
/// </summary>
public sealed class ReferHandler(IJobBankDesk desk) : IServiceTaskHandler
{
    public async ValueTask<IReadOnlyDictionary<string, object?>?> ExecuteAsync(ServiceTaskContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var made = await desk.ReferAsync(DeskVariables.PartyId(context), DeskVariables.Guids(context, "vacantesSeleccionadas"), context.CaseId, DeskVariables.Actor(context), ct);
        return new Dictionary<string, object?>
        {
            ["derivaciones"] = made.Select(r => (object?)new Dictionary<string, object?>
            {
                ["referralId"] = r.ReferralId.ToString(), ["vacanteId"] = r.VacancyId.ToString(), ["puesto"] = r.Title, ["empresa"] = r.CompanyName,
            }).ToList(),
        };
    }
}

/// <summary>
/// <c>vupe.bolsa.registrarRespuesta</c>: records the company's answer to one referral (derivacion.referralId):
/// respuestaEmpresa (contratado, no-seleccionado, sin-respuesta), fechaInicio when hired, observacionesEmpresa.
/// </summary>
public sealed class RecordAnswerHandler(IJobBankDesk desk) : IServiceTaskHandler
{
    public async ValueTask<IReadOnlyDictionary<string, object?>?> ExecuteAsync(ServiceTaskContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Variables.GetValueOrDefault("derivacion") is not IReadOnlyDictionary<string, object?> referral
            || referral.GetValueOrDefault("referralId") is not string text || !Guid.TryParse(text, out var referralId))
            throw new InvalidOperationException($"Task '{context.ElementId}' of case {context.CaseNumber} needs 'derivacion' with its referralId.");
        var answer = DeskVariables.Text(context, "respuestaEmpresa")
            ?? throw new InvalidOperationException($"Task '{context.ElementId}' of case {context.CaseNumber} needs 'respuestaEmpresa'.");
        await desk.AnswerAsync(referralId, answer, DeskVariables.Date(context, "fechaInicio"), DeskVariables.Text(context, "observacionesEmpresa"), DeskVariables.Actor(context), ct);
        return null;
    }
}

/// <summary>
/// <c>vupe.mercado.elaborarInforme</c>: the labour market of regionConsulta (a department code; empty: Peru) by occupation
/// (header <c>cantidad</c>, default 15) as informeMercado — contexts ocupacion, vacantes, puestos, sueldo, colocaciones,
/// buscadores — and regionNombre.
/// </summary>
public sealed class MarketReportHandler(IJobBankDesk desk) : IServiceTaskHandler
{
    public async ValueTask<IReadOnlyDictionary<string, object?>?> ExecuteAsync(ServiceTaskContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var region = DeskVariables.Text(context, "regionConsulta");
        if (region is not null && !Classification.Regions.IsKnown(region))
            throw new InvalidOperationException($"Task '{context.ElementId}' of case {context.CaseNumber}: '{region}' is not a department code (01 to 25).");
        var top = int.TryParse(context.Headers.GetValueOrDefault("cantidad"), out var n) && n is > 0 and <= 100 ? n : 15;
        var lines = await desk.MarketAsync(region, top, ct);
        return new Dictionary<string, object?>
        {
            ["regionNombre"] = region is null ? "Todo el país" : Classification.Regions.NameOf(region),
            ["informeMercado"] = lines.Select(l => (object?)new Dictionary<string, object?>
            {
                ["ocupacion"] = l.OccupationName, ["codigo"] = l.OccupationCode, ["vacantes"] = l.OpenVacancies, ["puestos"] = l.OpenPositions,
                ["sueldo"] = l.AverageSalaryOffered, ["colocaciones"] = l.Placements, ["buscadores"] = l.ActiveSeekers,
            }).ToList(),
        };
    }
}

public static class JobBankEngineExtensions
{
    /// <summary>Registers the bolsa-trabajo procedure's steps over the host's job bank.</summary>
    public static ProcessEngineBuilder AddJobBankHandlers(this ProcessEngineBuilder builder, IJobBankDesk desk)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(desk);
        return builder
            .AddTaskHandler(JobBankTaskTypes.CheckSeeker, new CheckSeekerHandler(desk))
            .AddTaskHandler(JobBankTaskTypes.RecommendVacancies, new RecommendVacanciesHandler(desk))
            .AddTaskHandler(JobBankTaskTypes.Refer, new ReferHandler(desk))
            .AddTaskHandler(JobBankTaskTypes.RecordAnswer, new RecordAnswerHandler(desk))
            .AddTaskHandler(JobBankTaskTypes.MarketReport, new MarketReportHandler(desk));
    }
}
