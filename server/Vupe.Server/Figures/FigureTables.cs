namespace Vupe.Server.Figures;

/// <summary>
/// One table of figures as the page shows it and the exports write it: a title, column headers, and rows whose first
/// <see cref="KeyColumns"/> cells name the group (office, procedure, region…) and the rest are numbers.
/// </summary>
public sealed record FigureTable(string Id, string Title, IReadOnlyList<string> Columns, int KeyColumns, IReadOnlyList<IReadOnlyList<object>> Rows);

/// <summary>
/// The figures as tables, in the order the page and both exports use, so the three can never disagree. Durations are
/// days with one decimal (a number a spreadsheet can sum), the insertion rate a percentage with one decimal.
/// </summary>
public static class FigureTables
{
    public static IReadOnlyList<FigureTable> From(DashboardFigures f)
    {
        var c = f.Cases;
        var jb = f.JobBank;
        var tables = new List<FigureTable>
        {
            new("resumen", "Resumen", ["Indicador", "Valor"], 1,
            [
                ["Expedientes abiertos", c.Opened],
                ["Expedientes cerrados", c.Closed],
                ["Tareas pendientes (hoy)", c.OpenTasks],
                ["Tareas vencidas (hoy)", c.OverdueTasks],
                ["CUL emitidos", c.CulIssued],
                ["Expedientes cerrados con tiempo de atención", f.TimeToServe.ClosedCases],
                ["Tiempo mediano de atención (días)", Days(f.TimeToServe.Median)],
                ["Percentil 90 del tiempo de atención (días)", Days(f.TimeToServe.Percentile90)],
                ["Colocaciones", jb.Placements],
                ["Buscadores atendidos por la bolsa de trabajo", jb.SeekersServed],
                ["Tasa de inserción (%)", jb.InsertionRate is { } r ? Math.Round(r * 100, 1) : ""],
            ]),
            new("procedimientos", "Expedientes por procedimiento", ["Procedimiento", "Abiertos", "Cerrados"], 1,
                f.ByProcedure.Select(p => Row(p.Procedure, p.Opened, p.Closed)).ToList()),
        };
        if (f.ByOffice.Count > 0)
            tables.Add(new("oficinas", "Por oficina", ["Oficina", "Abiertos", "Cerrados", "Tareas pendientes", "Tareas vencidas", "CUL emitidos", "Colocaciones"], 1,
                f.ByOffice.Select(o => Row($"{o.OfficeCode} — {o.Office}", o.Opened, o.Closed, o.OpenTasks, o.OverdueTasks, o.CulIssued, o.Placements)).ToList()));
        tables.Add(new("derivaciones", "Derivaciones por servicio", ["Servicio", "Derivaciones"], 1, f.Referrals.Select(r => Row(r.Service, r.Opened)).ToList()));
        tables.Add(new("resultados", "Resultados de las derivaciones (ficha)", ["Servicio", "Resultado", "Casos"], 2,
            f.ReferralOutcomes.Select(o => Row(o.Service, o.Result, o.Count)).ToList()));
        tables.Add(new("bolsa", "Derivaciones a vacantes por estado", ["Estado", "Derivaciones"], 1, jb.ReferralsByStatus.Select(s => Row(s.StatusName, s.Count)).ToList()));
        tables.Add(new("colocaciones", "Colocaciones por región y ocupación", ["Región", "Ocupación", "Colocaciones"], 2,
            jb.PlacementsByRegion.Select(p => Row(p.Region, $"{p.OccupationCode} {p.Occupation}", p.Placements)).ToList()));
        tables.Add(new("vacantes", "Vacantes por región y ocupación", ["Región", "Ocupación", "Registradas", "Abiertas", "Cubiertas", "Puestos", "Puestos cubiertos"], 2,
            jb.Vacancies.Select(v => Row(v.Region, $"{v.OccupationCode} {v.Occupation}", v.Registered, v.Open, v.Filled, v.Positions, v.PositionsFilled)).ToList()));
        return tables;
    }

    private static object[] Row(params object[] cells) => cells;

    /// <summary>Days with one decimal; empty when nothing closed in the period (a zero would read as "served at once").</summary>
    private static object Days(TimeSpan? t) => t is { } v ? Math.Round(v.TotalDays, 1) : "";
}
