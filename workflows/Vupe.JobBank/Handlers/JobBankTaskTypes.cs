namespace Vupe.JobBank.Handlers;

/// <summary>The task types (vupe:type) of the bolsa-trabajo and información del mercado de trabajo procedures.</summary>
public static class JobBankTaskTypes
{
    public const string CheckSeeker = "vupe.bolsa.verificarPerfil";
    public const string RecommendVacancies = "vupe.bolsa.recomendarVacantes";
    public const string Refer = "vupe.bolsa.derivar";
    public const string RecordAnswer = "vupe.bolsa.registrarRespuesta";
    /// <summary>Información del mercado de trabajo: the region's report from the platform's own vacancies, placements and seekers.</summary>
    public const string MarketReport = "vupe.mercado.elaborarInforme";

    public static IReadOnlyList<string> All { get; } = [CheckSeeker, RecommendVacancies, Refer, RecordAnswer, MarketReport];
}
