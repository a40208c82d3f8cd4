using Vupe.Connectors;
using Vupe.Documents.Pdf;
using Vupe.Workflows.Cul;
using ConnectorEducation = Vupe.Connectors.EducationEntry;
using PdfEducation = Vupe.Documents.Pdf.EducationEntry;

namespace Vupe.Workflows.Handlers.Cul;

/// <summary>Turns the archived back-office answers into the certificate's sections, each citing its source and time.</summary>
internal static class CulCertificateAssembler
{
    public static CulCertificate Assemble(IReadOnlyDictionary<string, CulSectionAnswer> answers, CitizenIdentity citizen, string certificateNumber,
        string officeCode, DateTimeOffset issuedAt)
    {
        var education = Read<EducationHistory>(answers, CulSections.Education);
        var employment = Read<EmploymentHistory>(answers, CulSections.Employment);
        return new CulCertificate(
            certificateNumber,
            VerificationCode.New(),
            issuedAt,
            officeCode,
            new CulCitizen(citizen.FullName, citizen.Dni, citizen.BirthDate, citizen.Address),
            new CulIdentitySection(ValidatedAgainstReniec: true, Consulted(answers[CulSections.Identity])),
            Records(answers, CulSections.PoliceRecords),
            Records(answers, CulSections.JudicialRecords),
            Records(answers, CulSections.PenalRecords),
            new CulEducationSection([.. education.Entries.Select(ToPdf)], Consulted(answers[CulSections.Education])),
            new CulEmploymentSection([.. employment.Periods.Select(p => new EmploymentEntry(p.EmployerName, p.EmployerRuc, p.From, p.To))],
                Consulted(answers[CulSections.Employment])));
    }

    private static CulRecordsSection Records(IReadOnlyDictionary<string, CulSectionAnswer> answers, string section)
    {
        var check = Read<BackgroundCheck>(answers, section);
        return new CulRecordsSection([.. check.Records.Select(r => new CulRecord($"{r.Description} — {r.Authority} ({r.Status})", null, r.Date))],
            Consulted(answers[section]));
    }

    private static PdfEducation ToPdf(ConnectorEducation e) => new(LevelName(e.Level), e.Institution, e.Title, e.Year);

    private static string LevelName(EducationLevel level) => level switch
    {
        EducationLevel.Primary => "Primaria",
        EducationLevel.Secondary => "Secundaria",
        EducationLevel.HigherTechnical => "Superior técnica",
        EducationLevel.Bachelor => "Bachiller",
        EducationLevel.ProfessionalTitle => "Título profesional",
        EducationLevel.Master => "Maestría",
        EducationLevel.Doctorate => "Doctorado",
        _ => level.ToString(),
    };

    private static SourceConsultation Consulted(CulSectionAnswer answer) => new(answer.Source, answer.ConsultedAt);

    private static T Read<T>(IReadOnlyDictionary<string, CulSectionAnswer> answers, string section) => CulJson.Deserialize<T>(answers[section].ValueJson, section);
}
