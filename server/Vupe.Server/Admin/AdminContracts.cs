namespace Vupe.Server.Admin;

/// <summary>A staff account as administrators see it. <see cref="Role"/> is the first of <see cref="Roles"/> (what clients before several roles read).</summary>
public sealed record UserDto(string UserName, string FullName, string? Role, string? OfficeCode, IReadOnlyList<string> Services, bool LockedOut, string? Email = null)
{
    public IReadOnlyList<string> Roles { get; init; } = Role is null ? [] : [Role];
    /// <summary>Locked by an administrator (until unlocked), as opposed to a lockout after failed sign-ins (which ends by itself).</summary>
    public bool LockedByAdministrator { get; init; }
    public DateTimeOffset? LockedUntil { get; init; }
}

/// <summary>One page of the user list.</summary>
public sealed record UserPage(IReadOnlyList<UserDto> Items, int Total, int Page, int PageSize);

/// <summary>Search of the user list: text in user name, full name or email; role; office (<c>nacional</c> for users without one); state.</summary>
public sealed record UserQuery(string? Text = null, string? Role = null, string? Office = null, UserState? State = null, int? Page = null, int? PageSize = null);

public enum UserState { Active, Locked }

/// <summary>
/// A new account. <see cref="Roles"/> or, for older clients, <see cref="Role"/>; no <see cref="Password"/> means the server
/// generates a temporary one and answers it once (<see cref="CreatedUser.TemporaryPassword"/>).
/// </summary>
public sealed record CreateUserRequest(string? UserName, string? FullName, string? Role, string? OfficeCode, List<string>? Services, string? Password, string? Email = null)
{
    public List<string>? Roles { get; init; }
    public string? Reason { get; init; }
}

public sealed record CreatedUser(UserDto User, string? TemporaryPassword);

/// <summary>What an administrator changes of an account; the reason goes to its audit trail.</summary>
public sealed record UpdateUserRequest(string? FullName, string? Email, List<string>? Roles, string? OfficeCode, List<string>? Services, string? Reason);

public sealed record ReasonRequest(string? Reason);

/// <summary>No password: the server generates a temporary one, answered once.</summary>
public sealed record ResetPasswordRequest(string? Password, string? Reason);

public sealed record PasswordReset(string UserName, string? TemporaryPassword);

/// <summary>An account with its audit trail, newest first.</summary>
public sealed record UserDetail(UserDto User, IReadOnlyList<AdminTrailEntry> Trail);

public sealed record AdminTrailEntry(DateTimeOffset At, string Actor, string Action, string? Reason, string? Data);

public sealed record GroupMemberRequest(string? UserName, string? Reason);
