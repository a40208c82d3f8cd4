namespace Vupe.Server.Figures;

/// <summary>
/// The ministry's figures for a period in a user's scope (their office, or every office with a per-office breakdown
/// for national users): counts and durations only, no personal data. Every number is computed by the database.
/// </summary>
public sealed record DashboardFigures(
    string Scope, string? OfficeCode, FiguresPeriod Period, CaseTotals Cases, TimeToServe TimeToServe,
    IReadOnlyList<ProcedureFigures> ByProcedure, IReadOnlyList<OfficeFigures> ByOffice,
    IReadOnlyList<ReferralFigures> Referrals, IReadOnlyList<OutcomeFigures> ReferralOutcomes, JobBankFigures JobBank);

/// <summary>Cases opened and closed in the period, tasks open now and overdue now, CULs issued in the period.</summary>
public sealed record CaseTotals(int Opened, int Closed, int OpenTasks, int OverdueTasks, int CulIssued);

/// <summary>Opening to closing of the cases closed in the period: how many, the median and the 90th percentile (nearest rank, exact).</summary>
public sealed record TimeToServe(int ClosedCases, TimeSpan? Median, TimeSpan? Percentile90);

public sealed record ProcedureFigures(string ProcessKey, string Procedure, int Opened, int Closed);

public sealed record OfficeFigures(string OfficeCode, string Office, int Opened, int Closed, int OpenTasks, int OverdueTasks, int CulIssued, int Placements);

/// <summary>Referral cases (derivaciones) opened in the period, per service.</summary>
public sealed record ReferralFigures(string Service, int Opened);

/// <summary>Referral outcomes recorded in the ficha in the period (EmployabilityEntry), per service and result.</summary>
public sealed record OutcomeFigures(string ServiceCode, string Service, string ResultCode, string Result, int Count);

/// <summary>
/// The job bank in the period. Insertion rate = placements (colocaciones with a start date in the period) ÷ seekers
/// served (distinct people referred to at least one vacancy in the period); null when no one was served.
/// </summary>
public sealed record JobBankFigures(
    int Placements, int SeekersServed, double? InsertionRate, IReadOnlyList<StatusFigures> ReferralsByStatus,
    IReadOnlyList<PlacementFigures> PlacementsByRegion, IReadOnlyList<VacancyFigures> Vacancies);

public sealed record StatusFigures(string Status, string StatusName, int Count);

public sealed record PlacementFigures(string RegionCode, string Region, string OccupationCode, string Occupation, int Placements);

/// <summary>Vacancies registered in the period per region and occupation: still open, filled, and their positions.</summary>
public sealed record VacancyFigures(
    string RegionCode, string Region, string OccupationCode, string Occupation, int Registered, int Open, int Filled, int Positions, int PositionsFilled);
