using System.Security.Claims;

namespace Vupe.Server.Auth;

/// <summary>
/// What the signed-in user may see and do, read from their claims. Regional scoping lives here so
/// every endpoint asks the same question the same way.
/// </summary>
public sealed class UserScope
{
    private UserScope(string userId, string userName, string? officeCode, IReadOnlyList<string> roles, IReadOnlyList<string> services)
    {
        UserId = userId;
        UserName = userName;
        OfficeCode = officeCode;
        Roles = roles;
        Services = services;
    }

    public string UserId { get; }
    public string UserName { get; }
    /// <summary>Null for national users.</summary>
    public string? OfficeCode { get; }
    public IReadOnlyList<string> Roles { get; }
    public IReadOnlyList<string> Services { get; }
    public bool IsNational => OfficeCode is null;

    public bool Is(string role) => Roles.Contains(role);

    /// <summary>The offices whose cases and tasks the user sees; null means all.</summary>
    public IReadOnlyCollection<string>? Offices => IsNational ? null : [OfficeCode!];

    public bool CanSeeOffice(string officeCode) => IsNational || string.Equals(OfficeCode, officeCode, StringComparison.OrdinalIgnoreCase);

    /// <summary>Works cases (opens them, claims and completes tasks): consultants and supervisors.</summary>
    public bool CanWorkCases => Is(Auth.Roles.Consultant) || Is(Auth.Roles.Supervisor);

    /// <summary>Reads case files: those who work them and auditors.</summary>
    public bool CanReadCases => CanWorkCases || Is(Auth.Roles.Auditor);

    /// <summary>
    /// Reads criminal-record data (antecedentes policiales, judiciales, penales) in CUL answers and certificates that
    /// hold some: supervisors and auditors. Consultants see that a CUL was issued, not what its records say.
    /// </summary>
    public bool CanSeeCriminalRecords => Is(Auth.Roles.Supervisor) || Is(Auth.Roles.Auditor);

    /// <summary>The candidate groups of an office the user belongs to: office + role, office + service.</summary>
    public IReadOnlyList<string> CandidateGroupsAt(string officeCode) => CandidateGroupsOf(officeCode, Roles, Services);

    /// <summary>The same rule for a user who is not signed in (whom a notification is for): office + role, office + service.</summary>
    public static IReadOnlyList<string> CandidateGroupsOf(string officeCode, IReadOnlyCollection<string> roles, IEnumerable<string> services)
    {
        var groups = new List<string>();
        if (roles.Contains(Auth.Roles.Consultant) || roles.Contains(Auth.Roles.Supervisor)) groups.Add($"{officeCode}-consultor");
        if (roles.Contains(Auth.Roles.Supervisor)) groups.Add($"{officeCode}-supervisor");
        if (roles.Contains(Auth.Roles.DataProtection)) groups.Add($"{officeCode}-{Auth.Roles.DataProtection}");
        groups.AddRange(services.Select(s => $"{officeCode}-{s}"));
        return groups;
    }

    /// <summary>A citizen acting for themselves through the public channel (no account): no office, no role.</summary>
    public static UserScope Citizen() => new("ciudadano", "ciudadano", null, [], []);

    /// <summary>A procedure step acting for the consultant whose command reached it (or for the case's office): a consultant of that office.</summary>
    public static UserScope ProcedureStep(string userName, string officeCode) => new(userName, userName, officeCode, [Auth.Roles.Consultant], []);

    /// <summary>
    /// A company acting on its own vacancy through the virtual window: no role, and the office that answers for the vacancy,
    /// so the job bank's office checks hold (never national).
    /// </summary>
    public static UserScope Company(Guid accountId, string ruc, string officeCode) => new($"empresa:{accountId}", $"empresa:{ruc}", officeCode, [], []);

    public static UserScope From(ClaimsPrincipal user)
    {
        if (Portal.Companies.CompanyAuthentication.AccountOf(user) is not null) throw new InvalidOperationException("A company's session is not a staff user.");
        // A citizen's principal has no role and no office, which would read as "national": it is never a staff user.
        if (Portal.PortalAuthentication.AccountOf(user) is not null) throw new InvalidOperationException("A citizen's session is not a staff user.");
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("The user is not signed in.");
        var name = user.FindFirstValue(ClaimTypes.Name) ?? id;
        var office = user.FindFirstValue(VupeClaims.Office);
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        var services = user.FindAll(VupeClaims.Service).Select(c => c.Value).ToList();
        return new UserScope(id, name, string.IsNullOrEmpty(office) ? null : office, roles, services);
    }
}
