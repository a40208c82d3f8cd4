using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Vupe.Engine;
using Vupe.Server.Audit;
using Vupe.Server.Auth;
using Vupe.Server.Data;
using Vupe.Server.Offices;
using Vupe.Server.Parties;
using Vupe.Server.Problems;
using Vupe.Workflows;

namespace Vupe.Server.Admin;

/// <summary>
/// The administrators' operations on staff accounts, for the pages under /administracion and /api/admin alike: list
/// and search, create, change roles, office and services (which is what membership of a candidate group is), lock
/// and unlock, reset a password. Each change is one save of the request's context: the account, its roles and the
/// audit entry (trail <c>user:{id}</c>, with the actor and the reason) commit together through the database's one writer.
/// Every change also renews the security stamp, so the user's cookies and bearer tokens stop working at their next
/// request and the next sign-in carries the new roles and office (they live in the claims).
/// </summary>
public sealed class UserAdministration(
    UserManager<VupeUser> users, IUserStore<VupeUser> store, VupeDbContext db, AuditLog audit, OfficeDirectory offices, TemporaryPasswords passwords, TimeProvider time)
{
    /// <summary>The lockout end an administrator's lock sets: "until unlocked" (Identity has no lock without an end).</summary>
    public static readonly DateTimeOffset LockedByAdministrator = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const int MaxPageSize = 100;

    public async Task<UserPage> ListAsync(UserQuery query, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var (page, size) = errors.Paging(query.Page, query.PageSize, MaxPageSize);
        var role = string.IsNullOrWhiteSpace(query.Role) ? null : query.Role.Trim();
        if (role is not null && !Roles.All.Contains(role)) errors.Add("role", "Rol desconocido: consultant, supervisor, auditor, admin o proteccion-datos.");
        errors.ThrowIfAny();

        // Staff accounts number in the hundreds: filtered here, folded like every other search (no LIKE on raw text).
        var all = await LoadAsync(ct);
        IEnumerable<UserDto> found = all;
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var text = TextFolding.Fold(query.Text.Trim());
            found = found.Where(u => TextFolding.Fold($"{u.UserName} {u.FullName} {u.Email}").Contains(text, StringComparison.Ordinal));
        }
        if (role is not null) found = found.Where(u => u.Roles.Contains(role));
        if (!string.IsNullOrWhiteSpace(query.Office))
        {
            var office = query.Office.Trim();
            found = office.Equals("nacional", StringComparison.OrdinalIgnoreCase)
                ? found.Where(u => u.OfficeCode is null)
                : found.Where(u => string.Equals(u.OfficeCode, office, StringComparison.OrdinalIgnoreCase));
        }
        if (query.State is { } state) found = found.Where(u => u.LockedOut == (state == UserState.Locked));
        var list = found.ToList();
        return new UserPage([.. list.Skip((page - 1) * size).Take(size)], list.Count, page, size);
    }

    /// <summary>Every account of an office (for the candidate groups page).</summary>
    public async Task<List<UserDto>> OfOfficeAsync(string officeCode, CancellationToken ct) =>
        [.. (await LoadAsync(ct)).Where(u => string.Equals(u.OfficeCode, officeCode, StringComparison.Ordinal))];

    public async Task<UserDetail> GetAsync(string userName, CancellationToken ct)
    {
        var user = await FindAsync(userName);
        var trail = await audit.ReadAsync(AuditTrails.ForUser(user.Id), ct);
        return new UserDetail(await ToDtoAsync(user, ct), [.. trail.OrderByDescending(e => e.Sequence).Select(e => new AdminTrailEntry(e.At, e.ActorName, e.Action, ReasonOf(e.Data), e.Data))]);
    }

    public async Task<CreatedUser> CreateAsync(CreateUserRequest request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var userName = errors.Name("userName", request.UserName, 64);
        var fullName = errors.Name("fullName", request.FullName, 200);
        var roles = CheckRoles(errors, request.Roles is { Count: > 0 } ? request.Roles : request.Role is null ? [] : [request.Role], request.Roles is { Count: > 0 } ? "roles" : "role");
        var office = await CheckOfficeAsync(errors, request.OfficeCode, roles, ct);
        var services = CheckServices(errors, request.Services);
        var email = CheckEmail(errors, request.Email);
        var reason = errors.Text("reason", request.Reason, 500, required: false);
        errors.ThrowIfAny();
        if (await users.FindByNameAsync(userName!) is not null) throw new StateConflictException("Ya existe un usuario con ese nombre.");

        var generated = string.IsNullOrEmpty(request.Password) ? passwords.New() : null;
        var user = new VupeUser { UserName = userName, FullName = fullName!, OfficeCode = office, Services = string.Join(',', services), Email = email };
        WriteOnce();
        var created = await users.CreateAsync(user, generated ?? request.Password!);
        if (!created.Succeeded) throw IdentityFailure(created, "password");
        // Added by hand: UserManager.AddToRoleAsync would update the user it has just added (the store saves nothing yet).
        foreach (var role in roles) db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = await RoleIdAsync(role, ct) });
        var dto = ToDto(user, roles);
        audit.Stage(db, AuditTrails.ForUser(user.Id), "user.created", new { after = Describe(dto), reason, temporaryPassword = generated is not null });
        await db.SaveChangesAsync(ct);
        return new CreatedUser(dto, generated);
    }

    public async Task<UserDto> UpdateAsync(string userName, UpdateUserRequest request, CancellationToken ct)
    {
        var user = await FindAsync(userName);
        var errors = new FieldErrors();
        var fullName = errors.Name("fullName", request.FullName, 200);
        var roles = CheckRoles(errors, request.Roles ?? [], "roles");
        var office = await CheckOfficeAsync(errors, request.OfficeCode, roles, ct);
        var services = CheckServices(errors, request.Services);
        var email = CheckEmail(errors, request.Email);
        var reason = RequiredReason(errors, request.Reason);
        errors.ThrowIfAny();
        return await ChangeAsync(user, new Account(fullName!, email, roles, office, services), reason!, "user.updated", null, ct);
    }

    /// <summary>Adds the user to a candidate group of their office: the role or service the group stands for.</summary>
    public async Task<UserDto> AddToGroupAsync(string groupCode, GroupMemberRequest request, CancellationToken ct)
    {
        var (group, user, reason) = await GroupChangeAsync(groupCode, request, ct);
        var before = await AccountOfAsync(user, ct);
        if (!string.Equals(user.OfficeCode, group.OfficeCode, StringComparison.Ordinal))
            throw new StateConflictException(user.OfficeCode is null
                ? $"{user.UserName} es un usuario nacional: los grupos son de una oficina. Asígnele la oficina {group.OfficeCode} en su cuenta primero."
                : $"{user.UserName} trabaja en la oficina {user.OfficeCode}: cambie su oficina en su cuenta para sumarlo a un grupo de {group.OfficeCode}.");
        if (group.MembersOf(user.OfficeCode, before.Roles, before.Services)) throw new StateConflictException($"{user.UserName} ya pertenece al grupo {group.Code}.");
        var after = group.Kind switch
        {
            CandidateGroupKind.Consultants => before with { Roles = [.. before.Roles, Roles.Consultant] },
            CandidateGroupKind.Supervisors => before with { Roles = [.. before.Roles, Roles.Supervisor] },
            _ => before with { Services = [.. before.Services, group.Suffix] },
        };
        return await ChangeAsync(user, after with { Roles = Ordered(after.Roles) }, reason, "group.memberAdded", group.Code, ct);
    }

    /// <summary>Takes the user out of a candidate group: the role or service the group stands for.</summary>
    public async Task<UserDto> RemoveFromGroupAsync(string groupCode, GroupMemberRequest request, CancellationToken ct)
    {
        var (group, user, reason) = await GroupChangeAsync(groupCode, request, ct);
        var before = await AccountOfAsync(user, ct);
        if (!string.Equals(user.OfficeCode, group.OfficeCode, StringComparison.Ordinal) || !group.MembersOf(user.OfficeCode, before.Roles, before.Services))
            throw new StateConflictException($"{user.UserName} no pertenece al grupo {group.Code}.");
        var after = group.Kind switch
        {
            // Supervisors are in the consultants' group by their role: that membership ends with the role.
            CandidateGroupKind.Consultants when before.Roles.Contains(Roles.Supervisor) =>
                throw new StateConflictException($"{user.UserName} es supervisor(a) y por eso está en {group.Code}: quítele primero el grupo de supervisores."),
            CandidateGroupKind.Consultants => before with { Roles = [.. before.Roles.Where(r => r != Roles.Consultant)] },
            // A supervisor taken out of the supervisors stays a consultant of the office (the group they were also in).
            CandidateGroupKind.Supervisors => before with { Roles = [.. before.Roles.Where(r => r != Roles.Supervisor).Append(Roles.Consultant).Distinct()] },
            _ => before with { Services = [.. before.Services.Where(s => s != group.Suffix)] },
        };
        return await ChangeAsync(user, after with { Roles = Ordered(after.Roles) }, reason, "group.memberRemoved", group.Code, ct);
    }

    public async Task<UserDto> LockAsync(string userName, ReasonRequest request, CancellationToken ct)
    {
        var user = await FindAsync(userName);
        var errors = new FieldErrors();
        var reason = RequiredReason(errors, request.Reason);
        errors.ThrowIfAny();
        await KeepAnAdministratorAsync(user, ct);
        user.LockoutEnabled = true;
        user.LockoutEnd = LockedByAdministrator;
        RenewStamps(user);
        audit.Stage(db, AuditTrails.ForUser(user.Id), "user.locked", new { reason });
        await db.SaveChangesAsync(ct);
        return await ToDtoAsync(user, ct);
    }

    public async Task<UserDto> UnlockAsync(string userName, ReasonRequest? request, CancellationToken ct)
    {
        var user = await FindAsync(userName);
        var errors = new FieldErrors();
        var reason = errors.Text("reason", request?.Reason, 500, required: false);
        errors.ThrowIfAny();
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        // Sessions from before the lockout stay ended: the user signs in again.
        RenewStamps(user);
        audit.Stage(db, AuditTrails.ForUser(user.Id), "user.unlocked", new { reason });
        await db.SaveChangesAsync(ct);
        return await ToDtoAsync(user, ct);
    }

    /// <summary>A new password (the one given, or a generated one answered once); every session and bearer token of the user ends.</summary>
    public async Task<PasswordReset> ResetPasswordAsync(string userName, ResetPasswordRequest request, CancellationToken ct)
    {
        var user = await FindAsync(userName);
        var errors = new FieldErrors();
        var reason = RequiredReason(errors, request.Reason);
        errors.ThrowIfAny();
        var generated = string.IsNullOrEmpty(request.Password) ? passwords.New() : null;
        var password = generated ?? request.Password!;
        var refusals = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
            if (await validator.ValidateAsync(users, user, password) is { Succeeded: false } refused) refusals.AddRange(refused.Errors);
        if (refusals.Count > 0) throw IdentityFailure(IdentityResult.Failed([.. refusals]), "password");
        user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
        RenewStamps(user);
        audit.Stage(db, AuditTrails.ForUser(user.Id), "user.passwordReset", new { reason, generated = generated is not null });
        await db.SaveChangesAsync(ct);
        return new PasswordReset(user.UserName!, generated);
    }

    private async Task<UserDto> ChangeAsync(VupeUser user, Account after, string reason, string action, string? group, CancellationToken ct)
    {
        var before = await AccountOfAsync(user, ct);
        if (before.Roles.Contains(Roles.Admin) && !after.Roles.Contains(Roles.Admin)) await KeepAnAdministratorAsync(user, ct);
        user.FullName = after.FullName;
        user.OfficeCode = after.OfficeCode;
        user.Services = string.Join(',', after.Services);
        if (user.Email != after.Email) (user.Email, user.NormalizedEmail, user.EmailConfirmed) = (after.Email, users.NormalizeEmail(after.Email), false);
        foreach (var role in after.Roles.Except(before.Roles))
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = await RoleIdAsync(role, ct) });
        foreach (var role in before.Roles.Except(after.Roles))
        {
            var roleId = await RoleIdAsync(role, ct);
            db.UserRoles.Remove(await db.UserRoles.SingleAsync(r => r.UserId == user.Id && r.RoleId == roleId, ct));
        }
        RenewStamps(user);
        audit.Stage(db, AuditTrails.ForUser(user.Id), action, new { group, before, after, reason });
        await db.SaveChangesAsync(ct);
        return ToDto(user, after.Roles);
    }

    /// <summary>Refuses a change that would leave no active administrator (the target being the last one).</summary>
    private async Task KeepAnAdministratorAsync(VupeUser target, CancellationToken ct)
    {
        if (!(await RolesOfAsync(target.Id, ct)).Contains(Roles.Admin)) return;
        var now = time.GetUtcNow();
        var others = (await users.GetUsersInRoleAsync(Roles.Admin)).Count(u => u.Id != target.Id && !(u.LockoutEnabled && u.LockoutEnd > now));
        if (others == 0) throw new StateConflictException("Debe quedar al menos un administrador activo: esta cuenta es la última. Cree o desbloquee otra antes.");
    }

    private async Task<(CandidateGroup Group, VupeUser User, string Reason)> GroupChangeAsync(string groupCode, GroupMemberRequest request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var userName = errors.Text("userName", request.UserName, 64);
        var reason = RequiredReason(errors, request.Reason);
        errors.ThrowIfAny();
        var group = CandidateGroup.Parse(groupCode);
        if (group is null || !await offices.ExistsAsync(group.OfficeCode, ct)) throw new NotFoundException($"Grupo {groupCode}");
        return (group, await FindAsync(userName!), reason!);
    }

    /// <summary>
    /// A new security stamp ends every cookie and bearer token of the user (<see cref="SessionCheck"/>); a new concurrency
    /// stamp makes a concurrent change of the same account fail rather than overwrite this one. Set on the entity rather
    /// than through UserManager: each of its updates would save, or (with the store not saving) take its own new
    /// concurrency stamp as the original one and find no row to update.
    /// </summary>
    private static void RenewStamps(VupeUser user)
    {
        user.SecurityStamp = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
    }

    /// <summary>The store writes nothing by itself: the request's one save commits the account, its roles and the audit entry together.</summary>
    private void WriteOnce()
    {
        // Identity's EF Core stores (UserStore with 9 type arguments, 10 since passkeys) all have AutoSaveChanges; found by
        // name so that the next type argument Identity adds does not break this.
        var autoSave = store.GetType().GetProperty("AutoSaveChanges", typeof(bool))
            ?? throw new InvalidOperationException($"UserAdministration expects Identity's EF Core store, found {store.GetType().Name}.");
        autoSave.SetValue(store, false);
    }

    private async Task<VupeUser> FindAsync(string userName) =>
        await users.FindByNameAsync(userName) ?? throw new NotFoundException($"Usuario {userName}");

    private async Task<string> RoleIdAsync(string role, CancellationToken ct) =>
        await db.Roles.Where(r => r.Name == role).Select(r => r.Id).SingleAsync(ct);

    private async Task<Account> AccountOfAsync(VupeUser user, CancellationToken ct) =>
        new(user.FullName, user.Email, Ordered(await RolesOfAsync(user.Id, ct)), user.OfficeCode, [.. user.Services.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]);

    private async Task<List<string>> RolesOfAsync(string userId, CancellationToken ct) =>
        await db.UserRoles.Where(ur => ur.UserId == userId).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync(ct);

    private async Task<List<UserDto>> LoadAsync(CancellationToken ct)
    {
        var all = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct);
        var roles = (await db.UserRoles.AsNoTracking().Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(ct))
            .ToLookup(x => x.UserId, x => x.Name!);
        return [.. all.Select(u => ToDto(u, [.. roles[u.Id]]))];
    }

    private async Task<UserDto> ToDtoAsync(VupeUser user, CancellationToken ct) => ToDto(user, await RolesOfAsync(user.Id, ct));

    private UserDto ToDto(VupeUser user, IReadOnlyCollection<string> roles)
    {
        var ordered = Ordered(roles);
        var until = user.LockoutEnabled && user.LockoutEnd is { } end && end > time.GetUtcNow() ? end : (DateTimeOffset?)null;
        return new UserDto(user.UserName!, user.FullName, ordered.FirstOrDefault(), user.OfficeCode, user.Services.Split(',', StringSplitOptions.RemoveEmptyEntries), until is not null, user.Email)
        {
            Roles = ordered,
            LockedByAdministrator = until >= LockedByAdministrator,
            LockedUntil = until >= LockedByAdministrator ? null : until,
        };
    }

    private static List<string> Ordered(IEnumerable<string> roles) => [.. Roles.All.Where(roles.Contains)];

    private static object Describe(UserDto u) => new { u.UserName, u.FullName, u.Roles, u.OfficeCode, u.Services, u.Email };

    private static List<string> CheckRoles(FieldErrors errors, IEnumerable<string> given, string field)
    {
        var roles = given.Select(r => r.Trim()).Where(r => r.Length > 0).Distinct().ToList();
        if (roles.Count == 0) errors.Add(field, "Elija al menos un rol.");
        foreach (var unknown in roles.Where(r => !Roles.All.Contains(r))) errors.Add(field, $"Rol desconocido: {unknown}. Use consultant, supervisor, auditor, admin o proteccion-datos.");
        return Ordered(roles);
    }

    private async Task<string?> CheckOfficeAsync(FieldErrors errors, string? given, IReadOnlyCollection<string> roles, CancellationToken ct)
    {
        var office = string.IsNullOrWhiteSpace(given) || given.Trim().Equals("nacional", StringComparison.OrdinalIgnoreCase) ? null : given.Trim().ToUpperInvariant();
        if (office is not null && !await offices.ExistsAsync(office, ct)) errors.Add("officeCode", "Oficina desconocida.");
        if (office is null && roles.Contains(Roles.Consultant)) errors.Add("officeCode", "Un consultor atiende en una oficina.");
        return office;
    }

    private static List<string> CheckServices(FieldErrors errors, IEnumerable<string>? given)
    {
        var services = (given ?? []).Select(s => s.Trim()).Where(s => s.Length > 0).Distinct().ToList();
        // A user's services are the services they attend and the accreditations they hold (evaluador-competencias).
        foreach (var service in services.Where(s => !VupeServices.IsKnown(s) && !VupeAccreditations.IsKnown(s)))
            errors.Add("services", $"Servicio o acreditación desconocida: {service}.");
        return services;
    }

    /// <summary>Where the SLA warnings and escalations are mailed; optional (a user without one is only warned by the inbox).</summary>
    private static string? CheckEmail(FieldErrors errors, string? given)
    {
        var email = string.IsNullOrWhiteSpace(given) ? null : given.Trim();
        if (email is not null && (email.Length > 256 || !System.Net.Mail.MailAddress.TryCreate(email, out var parsed) || parsed.Address != email))
            errors.Add("email", "Correo electrónico no válido.");
        return email;
    }

    private static string? RequiredReason(FieldErrors errors, string? given)
    {
        var reason = errors.Text("reason", given, 500, required: false);
        if (reason is null) errors.Add("reason", "Indique el motivo: queda en el registro de auditoría.");
        return reason;
    }

    /// <summary>Identity's refusals (in Spanish, <see cref="SpanishIdentityErrors"/>) as field errors: password rules on the password, user names on the user name.</summary>
    private static FieldValidationException IdentityFailure(IdentityResult result, string passwordField)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var error in result.Errors)
        {
            var field = error.Code.StartsWith("Password", StringComparison.Ordinal) ? passwordField
                : error.Code.Contains("UserName", StringComparison.Ordinal) ? "userName"
                : error.Code.Contains("Email", StringComparison.Ordinal) ? "email" : "";
            if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
            list.Add(error.Description);
        }
        return new FieldValidationException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }

    internal static string? ReasonOf(string? data)
    {
        if (data is null) return null;
        try
        {
            using var json = JsonDocument.Parse(data);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String
                ? reason.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The parts of an account an administrator changes, as the audit entry records them before and after.</summary>
    private sealed record Account(string FullName, string? Email, List<string> Roles, string? OfficeCode, List<string> Services);
}
