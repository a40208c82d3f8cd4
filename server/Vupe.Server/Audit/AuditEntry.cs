namespace Vupe.Server.Audit;

/// <summary>
/// One line of an audit trail. Each trail (a case's, a party's) is a hash chain: an entry's
/// <see cref="Hash"/> covers its own fields and the previous entry's hash, so editing, deleting or
/// reordering any row breaks every link after it.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; init; }
    /// <summary>"case:{id}" or "party:{id}".</summary>
    public required string Trail { get; init; }
    /// <summary>1, 2, 3, … within the trail, without gaps.</summary>
    public long Sequence { get; init; }
    public DateTimeOffset At { get; init; }
    public required string ActorId { get; init; }
    public required string ActorName { get; init; }
    public string? ActorRoles { get; init; }
    public string? ActorOffice { get; init; }
    public string? RemoteAddress { get; init; }
    /// <summary>What happened, e.g. "case.opened", "party.read", "task.completed".</summary>
    public required string Action { get; init; }
    /// <summary>What was read or changed, as JSON (before/after for changes).</summary>
    public string? Data { get; init; }
    public required string PreviousHash { get; init; }
    /// <summary>Set once, when the entry is built: it covers every other field.</summary>
    public required string Hash { get; set; }
}

public static class AuditTrails
{
    public static string ForCase(Guid caseId) => $"case:{caseId}";
    public static string ForParty(Guid partyId) => $"party:{partyId}";
    public static string ForVacancy(Guid vacancyId) => $"vacancy:{vacancyId}";

    /// <summary>A staff account's trail: what administrators changed (created, roles and groups, locks, password resets), with the reason.</summary>
    public static string ForUser(string userId) => $"user:{userId}";

    /// <summary>An office's trail: changes to its contact data.</summary>
    public static string ForOffice(string officeCode) => $"office:{officeCode}";

    /// <summary>Exports of the ministry's figures (no personal data in them; who took which period away).</summary>
    public const string Figures = "figures";

    /// <summary>Searches of fichas: one entry per search with its terms and the fichas it listed.</summary>
    public const string PartySearches = "party-searches";

    /// <summary>Searches of cases: one entry per search with its criteria and the cases it listed (with their citizens' names).</summary>
    public const string CaseSearches = "case-searches";

    /// <summary>The procedures' trail: deployments (and, with the designer, drafts and migrations).</summary>
    public const string Catalogue = "catalogue";

    /// <summary>Sign-ups to Mi VUPE of a DNI that has no ficha yet (once it has one, its steps go to the ficha's trail).</summary>
    public const string PortalSignUps = "portal-signups";

    /// <summary>Sign-ups of companies to the virtual window whose RUC has no ficha yet.</summary>
    public const string CompanySignUps = "company-signups";
}
