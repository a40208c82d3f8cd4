namespace Vupe.Documents.Pdf;

/// <summary>One line of a case's history as shown to the citizen or an auditor.</summary>
public sealed record CaseHistoryRow(DateTimeOffset At, string Actor, string Action, string? Detail);

/// <summary>What a "resumen de expediente" shows; kept free of engine types so any host can fill it.</summary>
public sealed record CaseSummary(
    string CaseNumber,
    string Procedure,
    string Office,
    string Status,
    DateTimeOffset OpenedAt,
    DateTimeOffset? ClosedAt,
    IReadOnlyList<CaseHistoryRow> History);
