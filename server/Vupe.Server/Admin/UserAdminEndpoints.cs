using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Vupe.Server.Auth;
using Vupe.Server.Data;
using Vupe.Server.Offices;
using Vupe.Server.Hosting;
using Vupe.Server.Problems;
using Vupe.Workflows;

namespace Vupe.Server.Admin;

/// <summary>Admins manage who works where: list users, create one with a role and an office (or national), unlock a locked account.</summary>
public static class UserAdminEndpoints
{
    public static void MapUserAdminEndpoints(this IEndpointRouteBuilder api)
    {
        var users = api.MapGroup("/admin/users").WithTags("Admin").RequireAuthorization(Policies.Admin);

        users.MapGet("/", (UserDirectory directory, CancellationToken ct) => directory.ListAsync(ct)).WithSummary("Every user with role, office and lockout state");

        users.MapPost("/", async (CreateUserRequest request, UserManager<VupeUser> manager, OfficeDirectory offices, CancellationToken ct) =>
        {
            var errors = new FieldErrors();
            var userName = errors.Name("userName", request.UserName, 64);
            var fullName = errors.Name("fullName", request.FullName, 200);
            if (request.Role is null || !Roles.All.Contains(request.Role)) errors.Add("role", "Rol desconocido: consultant, supervisor, auditor o admin.");
            var office = string.IsNullOrWhiteSpace(request.OfficeCode) ? null : request.OfficeCode.Trim().ToUpperInvariant();
            if (office is not null && !await offices.ExistsAsync(office, ct)) errors.Add("officeCode", "Oficina desconocida.");
            if (office is null && request.Role is Roles.Consultant) errors.Add("officeCode", "Un consultor atiende en una oficina.");
            var services = (request.Services ?? []).Select(s => s.Trim()).Where(s => s.Length > 0).Distinct().ToList();
            // A user's services are the services they attend and the accreditations they hold (evaluador-competencias).
            foreach (var service in services.Where(s => !VupeServices.IsKnown(s) && !VupeAccreditations.IsKnown(s)))
                errors.Add("services", $"Servicio o acreditación desconocida: {service}.");
            // Where the SLA warnings and escalations are mailed; optional (a user without one is only warned by the inbox).
            var email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim();
            if (email is not null && (email.Length > 256 || !System.Net.Mail.MailAddress.TryCreate(email, out var parsed) || parsed.Address != email))
                errors.Add("email", "Correo electrónico no válido.");
            if (errors.Any) return errors.ToResult();
            if (await manager.FindByNameAsync(userName!) is not null)
                return Results.Problem(title: "Ya existe un usuario con ese nombre.", statusCode: StatusCodes.Status409Conflict);

            var user = new VupeUser { UserName = userName, FullName = fullName!, OfficeCode = office, Services = string.Join(',', services), Email = email };
            var created = await manager.CreateAsync(user, request.Password ?? "");
            if (!created.Succeeded)
            {
                // Identity's password rules speak English; the field is what matters to the form.
                foreach (var error in created.Errors) errors.Add("password", error.Description);
                return errors.ToResult();
            }
            await manager.AddToRoleAsync(user, request.Role!);
            return Results.Created($"/api/admin/users/{user.UserName}", await ToDtoAsync(manager, user));
        }).WithSummary("Creates a user with a role, an office (null = national) and the services they attend");

        users.MapPost("/{userName}/unlock", async (string userName, UserManager<VupeUser> manager) =>
        {
            var user = await manager.FindByNameAsync(userName);
            if (user is null) return Results.NotFound();
            await manager.SetLockoutEndDateAsync(user, null);
            await manager.ResetAccessFailedCountAsync(user);
            // Sessions from before the lockout stay ended: the user signs in again.
            await manager.UpdateSecurityStampAsync(user);
            return Results.Ok(await ToDtoAsync(manager, user));
        }).WithSummary("Lifts a lockout after repeated failed sign-ins");
    }

    private static async Task<UserDto> ToDtoAsync(UserManager<VupeUser> manager, VupeUser user) => new(
        user.UserName!, user.FullName, (await manager.GetRolesAsync(user)).FirstOrDefault(), user.OfficeCode,
        user.Services.Split(',', StringSplitOptions.RemoveEmptyEntries), user.LockoutEnd is { } end && end > DateTimeOffset.UtcNow, user.Email);
}

public sealed record CreateUserRequest(string? UserName, string? FullName, string? Role, string? OfficeCode, List<string>? Services, string? Password, string? Email = null);

public sealed record UserDto(string UserName, string FullName, string? Role, string? OfficeCode, IReadOnlyList<string> Services, bool LockedOut, string? Email = null);
