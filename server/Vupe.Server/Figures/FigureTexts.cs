namespace Vupe.Server.Figures;

/// <summary>Spanish words for the codes the figures group by (results of a referral, as the catalogue's forms label them).</summary>
internal static class FigureTexts
{
    private static readonly Dictionary<string, string> Results = new(StringComparer.Ordinal)
    {
        // prestacion-servicio.form.json
        ["prestado"] = "Servicio prestado",
        ["no-asistio"] = "El usuario no asistió",
        ["no-corresponde"] = "No corresponde (derivación improcedente)",
        // seguimiento-derivacion.form.json
        ["insertado"] = "Consiguió empleo",
        ["emprendio"] = "Inició o mejoró su negocio",
        ["capacitandose"] = "Se está capacitando",
        ["certificado"] = "Obtuvo su certificado",
        ["en-proceso"] = "Sigue en proceso",
        ["sin-resultado"] = "Sin resultado",
        ["no-ubicable"] = "No se pudo contactar",
    };

    public static string Result(string code) => Results.GetValueOrDefault(code) ?? (code.Length == 0 ? "Sin dato" : code);

    /// <summary>How a referral case's title begins (OpenReferralsHandler titles them "Derivación a {service name}").</summary>
    public const string ReferralTitlePrefix = "Derivación a ";

    /// <summary>The service a referral case is for, from its title ("Derivación a Bolsa de trabajo").</summary>
    public static string ServiceOfReferralTitle(string? title) =>
        title is null ? "Sin dato" : title.StartsWith(ReferralTitlePrefix, StringComparison.Ordinal) ? title[ReferralTitlePrefix.Length..] : title;

    public static string Duration(TimeSpan? t) => t is not { } v ? "—"
        : v.TotalDays >= 1 ? string.Create(Culture, $"{v.TotalDays:F1} días") : string.Create(Culture, $"{v.TotalHours:F1} horas");

    public static string Percent(double? rate) => rate is { } r ? string.Create(Culture, $"{r * 100:F1} %") : "—";

    public static readonly System.Globalization.CultureInfo Culture = System.Globalization.CultureInfo.GetCultureInfo("es-PE");
}
