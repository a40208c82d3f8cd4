using Vupe.Server.Hosting;
using Vupe.Server.Problems;

namespace Vupe.Server.Admin;

/// <summary>
/// The administrators' API (<c>/api/admin</c>, role admin): staff accounts, offices, candidate groups. Each route only
/// translates HTTP; the work, its checks and its audit are in <see cref="UserAdministration"/>,
/// <see cref="OfficeAdministration"/> and <see cref="CandidateGroupDirectory"/>, which the pages call too.
/// </summary>
public static class UserAdminEndpoints
{
    public static void MapUserAdminEndpoints(this IEndpointRouteBuilder api)
    {
        var admin = api.MapGroup("/admin").WithTags("Admin").RequireAuthorization(Policies.Admin);
        var users = admin.MapGroup("/users");

        users.MapGet("/", async (string? q, string? role, string? office, string? state, int? page, int? pageSize, UserAdministration accounts, CancellationToken ct) =>
        {
            var errors = new FieldErrors();
            var parsed = errors.Choice<UserState>("state", state);
            if (errors.Any) return errors.ToResult();
            return Results.Ok(await accounts.ListAsync(new UserQuery(q, role, office, parsed, page, pageSize), ct));
        }).WithSummary("Users with role, office and lock state: search (q: user name, name or email; role; office, 'nacional' for none; state active|locked), 25 a page");

        users.MapPost("/", async (CreateUserRequest request, UserAdministration accounts, CancellationToken ct) =>
        {
            var created = await accounts.CreateAsync(request, ct);
            return Results.Created($"/api/admin/users/{created.User.UserName}", CreatedUserDto.From(created));
        }).WithSummary("Creates a user with roles, an office (null = national) and services; without a password one is generated and answered once");

        users.MapGet("/{userName}", (string userName, UserAdministration accounts, CancellationToken ct) => accounts.GetAsync(userName, ct))
            .WithSummary("A user with the audit trail of what administrators changed");

        users.MapPut("/{userName}", (string userName, UpdateUserRequest request, UserAdministration accounts, CancellationToken ct) => accounts.UpdateAsync(userName, request, ct))
            .WithSummary("Changes name, email, roles, office and services (with a reason); the user's sessions end");

        users.MapPost("/{userName}/lock", (string userName, ReasonRequest request, UserAdministration accounts, CancellationToken ct) => accounts.LockAsync(userName, request, ct))
            .WithSummary("Locks the account until unlocked (with a reason): sign-in and every session and bearer token are refused; never the last administrator");

        users.MapPost("/{userName}/unlock", (string userName, ReasonRequest? request, UserAdministration accounts, CancellationToken ct) => accounts.UnlockAsync(userName, request, ct))
            .WithSummary("Lifts an administrator's lock or a lockout after repeated failed sign-ins");

        users.MapPost("/{userName}/reset-password", (string userName, ResetPasswordRequest request, UserAdministration accounts, CancellationToken ct) =>
            accounts.ResetPasswordAsync(userName, request, ct))
            .WithSummary("Sets a new password (the one given, or a generated one answered once) and ends every session and bearer token of the user");

        admin.MapGet("/offices", (OfficeAdministration offices, CancellationToken ct) => offices.ListAsync(ct))
            .WithSummary("The offices with region, contact data and staff counts");

        admin.MapPut("/offices/{code}", (string code, OfficeContactRequest request, OfficeAdministration offices, CancellationToken ct) =>
            offices.UpdateContactAsync(code, request, ct))
            .WithSummary("Changes an office's address, phone, email and opening hours (with a reason)");

        admin.MapGet("/groups", (string? office, CandidateGroupDirectory groups, CancellationToken ct) => groups.ForOfficeAsync(office ?? "LIM", ct))
            .WithSummary("An office's candidate groups (office=LIM): members, and every task of the deployed procedures with the group it goes to there");

        admin.MapPost("/groups/{group}/members", (string group, GroupMemberRequest request, UserAdministration accounts, CancellationToken ct) =>
            accounts.AddToGroupAsync(group, request, ct))
            .WithSummary("Adds a user of the office to a group: gives them the group's role or service (with a reason)");

        admin.MapPost("/groups/{group}/members/{userName}/remove", (string group, string userName, ReasonRequest request, UserAdministration accounts, CancellationToken ct) =>
            accounts.RemoveFromGroupAsync(group, new GroupMemberRequest(userName, request.Reason), ct))
            .WithSummary("Takes a user out of a group: removes the group's role or service (with a reason)");
    }
}

/// <summary>The created user as <see cref="UserDto"/> reads (userName, role, …), with the generated password when there was one: shown this once, stored nowhere.</summary>
public sealed record CreatedUserDto(string UserName, string FullName, string? Role, IReadOnlyList<string> Roles, string? OfficeCode, IReadOnlyList<string> Services,
    bool LockedOut, string? Email, string? TemporaryPassword)
{
    public static CreatedUserDto From(CreatedUser created)
    {
        var u = created.User;
        return new(u.UserName, u.FullName, u.Role, u.Roles, u.OfficeCode, u.Services, u.LockedOut, u.Email, created.TemporaryPassword);
    }
}
