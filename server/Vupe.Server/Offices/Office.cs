namespace Vupe.Server.Offices;

/// <summary>A VUPE office. Its code prefixes case numbers (LIM-2026-000123) and candidate groups (LIM-consultor).</summary>
public sealed class Office
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    /// <summary>INEI ubigeo department code ("15" for Lima).</summary>
    public required string UbigeoDepartment { get; init; }
    public required string City { get; init; }

    // Contact data administrators keep current (Administración → Oficinas); empty until someone enters it.
    public string? Address { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? OpeningHours { get; set; }
}

/// <summary>
/// The 27 offices seeded on first run: one per department (Lima's is Lima Provincias, in Huacho),
/// Lima Metropolitana, Callao and, as the 27th, a second Lima Metropolitana office (Lima Sur) —
/// the public sources give the count, not the list; an admin can correct names in the database.
/// </summary>
public static class OfficeCatalog
{
    public static IReadOnlyList<Office> All { get; } =
    [
        new() { Code = "AMA", Name = "VUPE Amazonas", UbigeoDepartment = "01", City = "Chachapoyas" },
        new() { Code = "ANC", Name = "VUPE Áncash", UbigeoDepartment = "02", City = "Huaraz" },
        new() { Code = "APU", Name = "VUPE Apurímac", UbigeoDepartment = "03", City = "Abancay" },
        new() { Code = "ARE", Name = "VUPE Arequipa", UbigeoDepartment = "04", City = "Arequipa" },
        new() { Code = "AYA", Name = "VUPE Ayacucho", UbigeoDepartment = "05", City = "Ayacucho" },
        new() { Code = "CAJ", Name = "VUPE Cajamarca", UbigeoDepartment = "06", City = "Cajamarca" },
        new() { Code = "CAL", Name = "VUPE Callao", UbigeoDepartment = "07", City = "Callao" },
        new() { Code = "CUS", Name = "VUPE Cusco", UbigeoDepartment = "08", City = "Cusco" },
        new() { Code = "HUV", Name = "VUPE Huancavelica", UbigeoDepartment = "09", City = "Huancavelica" },
        new() { Code = "HUC", Name = "VUPE Huánuco", UbigeoDepartment = "10", City = "Huánuco" },
        new() { Code = "ICA", Name = "VUPE Ica", UbigeoDepartment = "11", City = "Ica" },
        new() { Code = "JUN", Name = "VUPE Junín", UbigeoDepartment = "12", City = "Huancayo" },
        new() { Code = "LAL", Name = "VUPE La Libertad", UbigeoDepartment = "13", City = "Trujillo" },
        new() { Code = "LAM", Name = "VUPE Lambayeque", UbigeoDepartment = "14", City = "Chiclayo" },
        new() { Code = "LIP", Name = "VUPE Lima Provincias", UbigeoDepartment = "15", City = "Huacho" },
        new() { Code = "LIM", Name = "VUPE Lima Metropolitana", UbigeoDepartment = "15", City = "Lima" },
        new() { Code = "LIS", Name = "VUPE Lima Sur", UbigeoDepartment = "15", City = "Villa El Salvador" },
        new() { Code = "LOR", Name = "VUPE Loreto", UbigeoDepartment = "16", City = "Iquitos" },
        new() { Code = "MDD", Name = "VUPE Madre de Dios", UbigeoDepartment = "17", City = "Puerto Maldonado" },
        new() { Code = "MOQ", Name = "VUPE Moquegua", UbigeoDepartment = "18", City = "Moquegua" },
        new() { Code = "PAS", Name = "VUPE Pasco", UbigeoDepartment = "19", City = "Cerro de Pasco" },
        new() { Code = "PIU", Name = "VUPE Piura", UbigeoDepartment = "20", City = "Piura" },
        new() { Code = "PUN", Name = "VUPE Puno", UbigeoDepartment = "21", City = "Puno" },
        new() { Code = "SAM", Name = "VUPE San Martín", UbigeoDepartment = "22", City = "Moyobamba" },
        new() { Code = "TAC", Name = "VUPE Tacna", UbigeoDepartment = "23", City = "Tacna" },
        new() { Code = "TUM", Name = "VUPE Tumbes", UbigeoDepartment = "24", City = "Tumbes" },
        new() { Code = "UCA", Name = "VUPE Ucayali", UbigeoDepartment = "25", City = "Pucallpa" },
    ];

    public static Office? Find(string code) => All.FirstOrDefault(o => string.Equals(o.Code, code, StringComparison.Ordinal));
}
