using Microsoft.AspNetCore.Identity;

namespace Vupe.Server.Auth;

/// <summary>A person who works in the system. Tied to one office, or national when <see cref="OfficeCode"/> is null.</summary>
public sealed class VupeUser : IdentityUser
{
    public required string FullName { get; set; }
    public string? OfficeCode { get; set; }
    /// <summary>Service codes the user attends (comma separated), which add service candidate groups such as LIM-bolsa-trabajo.</summary>
    public string Services { get; set; } = "";
}

/// <summary>The four roles. Names are the claim values; the UI shows Spanish labels.</summary>
public static class Roles
{
    public const string Consultant = "consultant";
    public const string Supervisor = "supervisor";
    public const string Auditor = "auditor";
    public const string Admin = "admin";
    /// <summary>
    /// Data protection (Ley 29733): makes the office's candidate group "{office}-proteccion-datos", which answers ARCO
    /// requests. It grants nothing else: to take and complete those tasks the user is also a consultant or supervisor.
    /// </summary>
    public const string DataProtection = "proteccion-datos";

    public static IReadOnlyList<string> All { get; } = [Consultant, Supervisor, Auditor, Admin, DataProtection];
}

public static class VupeClaims
{
    public const string Office = "vupe:office";
    public const string FullName = "vupe:name";
    public const string Service = "vupe:service";
}
