using Vupe.Engine.Persistence;

namespace Vupe.Server.Cases;

/// <summary>What users read for the engine's states (pages and exported PDFs speak Spanish; the API keeps the English keys).</summary>
public static class CaseTexts
{
    public static string Status(CaseStatus status) => status switch
    {
        CaseStatus.Open => "Abierto",
        CaseStatus.Closed => "Cerrado",
        CaseStatus.Cancelled => "Anulado",
        _ => status.ToString(),
    };

    /// <summary>A case status as the API writes it ("Open"), in Spanish; anything else as it is.</summary>
    public static string Status(string? status) => Enum.TryParse<CaseStatus>(status, out var parsed) ? Status(parsed) : status ?? "—";

    /// <summary>A task's priority (0–100) as a word: alta from 70 (what the inbox's "solo prioridad alta" filters), baja under 30.</summary>
    public static string Priority(int priority) => priority >= 70 ? "Alta" : priority < 30 ? "Baja" : "Media";

    public static string Document(Parties.DocumentType type) => type switch
    {
        Parties.DocumentType.Dni => "DNI",
        Parties.DocumentType.Ruc => "RUC",
        Parties.DocumentType.CarneExtranjeria => "Carné de extranjería",
        Parties.DocumentType.Pasaporte => "Pasaporte",
        _ => type.ToString(),
    };

    public static string InstanceStatus(string? status) => status switch
    {
        "Active" => "En curso",
        "Completed" => "Completado",
        "Terminated" => "Terminado",
        "Cancelled" => "Anulado",
        _ => status ?? "—",
    };
}
