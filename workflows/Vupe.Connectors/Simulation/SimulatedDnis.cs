namespace Vupe.Connectors.Simulation;

/// <summary>
/// DNIs whose simulated answers are written out by hand, for demos and tests (docs/connectors.md has the
/// same table). Every other 8-digit DNI gets a generated citizen with no records.
/// </summary>
/// <remarks>
/// | DNI      | Citizen                          | What the sources say                                          |
/// |----------|----------------------------------|---------------------------------------------------------------|
/// | 10117410 | María José Quispe Ñuñez          | clean records; secondary + bachelor (UNMSM); two employers     |
/// | 44556677 | Juan Carlos Huamán Ñahui         | one police record (PNP), no judicial or penal records          |
/// | 45678901 | Rocío del Pilar Vásquez Cárdenas | one judicial record (suspended sentence), no penal record      |
/// | 40123456 | José Antonio Pérez Mamani        | penal record (INPE) and the judicial sentence behind it         |
/// | 99999999 | —                                | not registered in RENIEC; every other source empty             |
/// | 08222634 | Rosa Elena Chávez Yupanqui       | clean; eight employers from 1986 to today (long history)       |
/// | 06543210 | Teodoro Ccama Apaza              | RENIEC: deceased (the DNI is not in force)                     |
/// | 07654321 | Gladys Nina Choque               | RENIEC: registration cancelled                                 |
/// </remarks>
public static class SimulatedDnis
{
    public const string CleanRecords = "10117410";
    public const string PoliceRecord = "44556677";
    public const string JudicialRecord = "45678901";
    public const string PenalRecord = "40123456";
    public const string NotInReniec = "99999999";
    public const string LongEmploymentHistory = "08222634";
    public const string Deceased = "06543210";
    public const string Cancelled = "07654321";

    public static IReadOnlyList<string> All { get; } =
        [CleanRecords, PoliceRecord, JudicialRecord, PenalRecord, NotInReniec, LongEmploymentHistory, Deceased, Cancelled];
}
