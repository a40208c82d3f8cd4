using Microsoft.Extensions.Options;
using Vupe.Documents.Pdf;

namespace Vupe.Documents.Tests;

internal static class Samples
{
    public const string CitizenName = "José Ñuñez Güemes";
    public static readonly DateTimeOffset IssuedAt = new(2025, 3, 14, 15, 30, 0, TimeSpan.Zero);

    public static IOptions<PdfRenderingOptions> RenderingOptions { get; } = Options.Create(new PdfRenderingOptions());

    public static CulCertificate Cul(VerificationCode? code = null)
    {
        var at = IssuedAt.AddMinutes(-3);
        return new CulCertificate(
            "CUL-2025-000123",
            code ?? VerificationCode.Parse("K7QF-9M2X-RT4P"),
            IssuedAt,
            "Dirección Regional de Trabajo y Promoción del Empleo de Cusco",
            new CulCitizen(CitizenName, "45678912", new DateOnly(1996, 7, 28), "Av. El Sol 123, Dpto. 4, Wanchaq, Cusco"),
            new CulIdentitySection(true, new SourceConsultation("RENIEC", at)),
            new CulRecordsSection([], new SourceConsultation("PNP — Policía Nacional del Perú", at)),
            new CulRecordsSection([new CulRecord("Proceso civil por obligación de dar suma de dinero (archivado)", "Exp. 01234-2019-0-1001", new DateOnly(2019, 5, 2))],
                new SourceConsultation("Poder Judicial", at)),
            new CulRecordsSection([], new SourceConsultation("INPE", at)),
            new CulEducationSection(
            [
                new EducationEntry("Secundaria", "I.E. Nuestra Señora de Belén", "Educación secundaria completa", 2013),
                new EducationEntry("Universitaria", "Universidad Nacional de San Antonio Abad del Cusco", "Bachiller en Ingeniería Agroindustrial", 2019),
            ], new SourceConsultation("MINEDU / SUNEDU", at)),
            new CulEmploymentSection(
            [
                new EmploymentEntry("Agroexportadora Andina S.A.C.", "20512345678", new DateOnly(2019, 9, 1), new DateOnly(2021, 12, 31)),
                new EmploymentEntry("Cooperativa Agraria Cafetalera Ñaupa Pampa Ltda.", "20498765432", new DateOnly(2022, 2, 1), null),
            ], new SourceConsultation("Planilla Electrónica (SUNAT/MTPE)", at)));
    }

    public static CaseSummary CaseSummary(int historyRows) => new(
        "EXP-2025-LIM-004567",
        "Bolsa de trabajo",
        "Lima Metropolitana — Centro de Empleo",
        "En atención",
        IssuedAt.AddDays(-30),
        null,
        Enumerable.Range(0, historyRows).Select(i => new CaseHistoryRow(
            IssuedAt.AddDays(-30).AddMinutes(i * 37),
            i % 3 == 0 ? "Consultora María Núñez" : "Sistema",
            i % 2 == 0 ? "Tarea completada" : "Derivación a servicio",
            i % 5 == 0 ? $"Se registró la postulación n.º {i} a la vacante de técnico en mantenimiento; el ciudadano confirmó su interés por teléfono." : $"Paso {i}"))
        .ToList());
}
