namespace Vupe.JobBank.Handlers;

/// <summary>The task types (vupe:type) of the bolsa-trabajo procedure.</summary>
public static class JobBankTaskTypes
{
    public const string CheckSeeker = "vupe.bolsa.verificarPerfil";
    public const string RecommendVacancies = "vupe.bolsa.recomendarVacantes";
    public const string Refer = "vupe.bolsa.derivar";
    public const string RecordAnswer = "vupe.bolsa.registrarRespuesta";

    public static IReadOnlyList<string> All { get; } = [CheckSeeker, RecommendVacancies, Refer, RecordAnswer];
}
