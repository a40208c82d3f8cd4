namespace Vupe.Connectors.Simulation;

/// <summary>
/// RUCs whose simulated SUNAT answer is written out by hand, for demos and tests (docs/connectors.md has the same
/// table). Every other RUC with a valid check digit is an active, located taxpayer with a name generated from it.
/// </summary>
/// <remarks>
/// | RUC         | SUNAT says                                        |
/// |-------------|---------------------------------------------------|
/// | 20999999990 | not registered                                    |
/// | 20999999981 | Comercial Cierre Total S.A.C. — BAJA DEFINITIVA   |
/// | 20999999973 | Distribuidora Ausente S.R.L. — ACTIVO, NO HABIDO  |
/// | 20999999965 | Servicios en Pausa E.I.R.L. — SUSPENSION TEMPORAL |
/// </remarks>
public static class SimulatedRucs
{
    public static string NotInSunat { get; } = Ruc.WithCheckDigit("2099999999");
    public static string Deregistered { get; } = Ruc.WithCheckDigit("2099999998");
    public static string NotLocated { get; } = Ruc.WithCheckDigit("2099999997");
    public static string Suspended { get; } = Ruc.WithCheckDigit("2099999996");
}

/// <summary>Who the simulated SUNAT holds each RUC to be.</summary>
internal static class SimulatedTaxpayers
{
    private static readonly string[] Trades =
    [
        "Comercial", "Inversiones", "Servicios Generales", "Constructora", "Distribuidora", "Corporación", "Agroindustrial", "Textil",
        "Transportes", "Consultora", "Industrias", "Restaurantes",
    ];
    private static readonly string[] Names =
    [
        "Los Andes", "Pachacútec", "del Sur", "Amazonía", "San Martín", "Inca Roca", "Wiracocha", "Santa Rosa", "Ñawpa", "Qhapaq Ñan",
        "El Pacífico", "Señor de Luren",
    ];
    private static readonly string[] Forms = ["S.A.C.", "S.A.", "S.R.L.", "E.I.R.L."];

    public static Taxpayer? Find(string ruc)
    {
        if (ruc == SimulatedRucs.NotInSunat || !HasValidCheckDigit(ruc)) return null;
        if (ruc == SimulatedRucs.Deregistered) return new(ruc, "Comercial Cierre Total S.A.C.", TaxpayerState.Deregistered, TaxpayerCondition.Located);
        if (ruc == SimulatedRucs.NotLocated) return new(ruc, "Distribuidora Ausente S.R.L.", TaxpayerState.Active, TaxpayerCondition.NotLocated);
        if (ruc == SimulatedRucs.Suspended) return new(ruc, "Servicios en Pausa E.I.R.L.", TaxpayerState.TemporarilySuspended, TaxpayerCondition.Located);
        // Seeded by the RUC's body, so the same RUC has the same name on every machine and run.
#pragma warning disable CA5394 // Invented demo data, not security.
        var random = new Random(int.Parse(ruc.AsSpan(2, 8), System.Globalization.CultureInfo.InvariantCulture));
        var name = $"{Trades[random.Next(Trades.Length)]} {Names[random.Next(Names.Length)]} {Forms[random.Next(Forms.Length)]}";
#pragma warning restore CA5394
        return new(ruc, name, TaxpayerState.Active, TaxpayerCondition.Located);
    }

    private static bool HasValidCheckDigit(string ruc) => ruc.Length == 11 && ruc.All(char.IsAsciiDigit) && Ruc.WithCheckDigit(ruc[..10]) == ruc;
}
