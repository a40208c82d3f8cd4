using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Vupe.JobBank.Classification;
using Vupe.Server.Data;
using Vupe.Server.Problems;

namespace Vupe.Server.JobBank;

/// <summary>One occupation in a region: what companies ask for (open vacancies and positions, salaries offered), what the VUPE placed, and who is looking.</summary>
public sealed record LabourMarketLine(
    string OccupationCode, string OccupationName, int OpenVacancies, int OpenPositions, decimal? AverageSalaryOffered, int Placements, int ActiveSeekers);

public sealed record LabourMarketReportDto(string? RegionCode, string RegionName, DateOnly From, DateOnly To, IReadOnlyList<LabourMarketLine> Lines);

/// <summary>
/// Información del mercado de trabajo from the platform's own data, by region and occupation: open vacancies and
/// positions (demand of companies), placements in the last twelve months, and active seekers (supply). Aggregated in
/// SQL; nothing personal leaves it.
/// </summary>
public sealed class LabourMarketReport(VupeDbContext db, OccupationCatalog occupations, TimeProvider time)
{
    public async Task<LabourMarketReportDto> ForAsync(string? region, string? occupation, int? top, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (region is { Length: > 0 } && !Regions.IsKnown(region)) errors.Add("region", "Región desconocida: use el código de departamento del INEI (01 a 25).");
        if (occupation is { Length: > 0 } && !occupations.IsKnown(occupation)) errors.Add("occupation", "Ocupación desconocida.");
        if (top is < 1 or > 500) errors.Add("top", "Entre 1 y 500 ocupaciones.");
        errors.ThrowIfAny();
        region = string.IsNullOrEmpty(region) ? null : region;
        occupation = string.IsNullOrEmpty(occupation) ? null : occupation;
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var since = today.AddYears(-1);

        var vacancies = db.Vacancies.AsNoTracking().Where(v => v.Status == VacancyStatus.Open && v.ClosingDate >= today);
        if (region is not null) vacancies = vacancies.Where(v => v.RegionCode == region);
        if (occupation is not null) vacancies = vacancies.Where(v => v.OccupationCode == occupation);
        var demand = await vacancies.GroupBy(v => v.OccupationCode)
            .Select(g => new { Code = g.Key, Vacancies = g.Count(), Positions = g.Sum(v => v.Positions - v.PositionsFilled), Salary = g.Average(v => v.SalaryMax ?? v.SalaryMin) })
            .ToListAsync(ct);

        var placements = db.Placements.AsNoTracking().Where(p => p.StartDate >= since);
        if (region is not null) placements = placements.Where(p => p.RegionCode == region);
        if (occupation is not null) placements = placements.Where(p => p.OccupationCode == occupation);
        var placed = await placements.GroupBy(p => p.OccupationCode).Select(g => new { Code = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Code, x => x.Count, ct);

        var supply = await SeekersByOccupation(db, region, occupation).ToDictionaryAsync(x => x.Code, x => x.Count, ct);

        var codes = demand.Select(d => d.Code).Concat(placed.Keys).Concat(supply.Keys).Distinct();
        var byCode = demand.ToDictionary(d => d.Code);
        var lines = codes.Select(code =>
            {
                var d = byCode.GetValueOrDefault(code);
                return new LabourMarketLine(code, occupations.NameOf(code), d?.Vacancies ?? 0, d?.Positions ?? 0, d?.Salary is { } s ? Math.Round(s, 0) : null,
                    placed.GetValueOrDefault(code), supply.GetValueOrDefault(code));
            })
            .OrderByDescending(l => l.OpenPositions).ThenByDescending(l => l.Placements).ThenByDescending(l => l.ActiveSeekers).ThenBy(l => l.OccupationCode, StringComparer.Ordinal)
            .Take(top ?? 50).ToList();
        return new LabourMarketReportDto(region, region is null ? "Todo el país" : Regions.NameOf(region), since, today, lines);
    }

    private sealed record CodeCount(string Code, int Count);

    /// <summary>
    /// Active seekers per occupation they seek. A seeker's occupations are a list in one column (EF cannot unnest it:
    /// it would need APPLY): SQLite keeps it as JSON (json_each), PostgreSQL as a text[] (unnest).
    /// </summary>
    private static IQueryable<CodeCount> SeekersByOccupation(VupeDbContext db, string? region, string? occupation) => db switch
    {
        Data.Postgres.PostgresVupeDbContext => db.Database.SqlQuery<CodeCount>($"""
            SELECT j AS "Code", COUNT(*)::int AS "Count" FROM "JobSeekers" s, unnest(s."Occupations") j
            WHERE s."Active" AND (CAST({region} AS text) IS NULL OR substr(s."Ubigeo", 1, 2) = CAST({region} AS text))
              AND (CAST({occupation} AS text) IS NULL OR j = CAST({occupation} AS text))
            GROUP BY j
            """),
        _ => db.Database.SqlQuery<CodeCount>($"""
            SELECT j.value AS Code, COUNT(*) AS Count FROM JobSeekers s, json_each(s.Occupations) j
            WHERE s.Active = 1 AND ({region} IS NULL OR substr(s.Ubigeo, 1, 2) = {region}) AND ({occupation} IS NULL OR j.value = {occupation})
            GROUP BY j.value
            """),
    };

    /// <summary>The report as CSV (semicolon-separated, as Excel opens it in Spanish locales), with a UTF-8 byte-order mark.</summary>
    public static byte[] ToCsv(LabourMarketReportDto report)
    {
        var csv = new StringBuilder();
        csv.AppendLine(CultureInfo.InvariantCulture, $"Información del mercado de trabajo;{report.RegionName};del {report.From:dd/MM/yyyy} al {report.To:dd/MM/yyyy}");
        csv.AppendLine("Código;Ocupación;Vacantes abiertas;Puestos por cubrir;Sueldo ofrecido promedio (S/);Colocaciones (12 meses);Buscadores activos");
        foreach (var l in report.Lines)
            csv.AppendLine(CultureInfo.InvariantCulture, $"{l.OccupationCode};{Cell(l.OccupationName)};{l.OpenVacancies};{l.OpenPositions};{l.AverageSalaryOffered?.ToString("0", CultureInfo.InvariantCulture)};{l.Placements};{l.ActiveSeekers}");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    // A text that starts like a formula is quoted so a spreadsheet shows it instead of running it.
    private static string Cell(string text)
    {
        var safe = text.Replace("\"", "\"\"", StringComparison.Ordinal);
        return safe.IndexOfAny([';', '"', '\n']) >= 0 || safe.StartsWith('=') || safe.StartsWith('+') || safe.StartsWith('-') || safe.StartsWith('@') ? $"\"{safe}\"" : safe;
    }
}
