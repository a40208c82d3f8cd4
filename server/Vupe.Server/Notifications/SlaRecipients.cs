using Microsoft.EntityFrameworkCore;
using Vupe.Engine;
using Vupe.Server.Auth;
using Vupe.Server.Data;

namespace Vupe.Server.Notifications;

/// <summary>A user a notice is for.</summary>
public sealed record Recipient(string UserName, string FullName, string Email);

/// <summary>
/// Whom a task's notices reach, read from the users of the task's office (roles and services give their candidate
/// groups, the same rule as the inbox's). Users without an email address are skipped (and logged): the inbox still
/// shows them the task as due soon or overdue.
/// </summary>
internal sealed class SlaRecipients(IDbContextFactory<VupeDbContext> contexts, ILogger<SlaRecipients> logger)
{
    /// <summary>
    /// The warning goes to the task's holder; an unclaimed task's warning goes to every user who could take it (its
    /// candidate groups at the office, and its candidate users), since any of them may be the one to do it.
    /// </summary>
    public async Task<IReadOnlyList<Recipient>> ForWarningAsync(TaskInfo task, CancellationToken ct)
    {
        var users = await UsersAtAsync(task.OfficeCode, task.Assignee is { } holder ? [holder] : task.CandidateUsers, ct);
        var chosen = task.Assignee is { } assignee
            ? users.Where(u => u.UserName == assignee)
            : users.Where(u => task.CandidateUsers.Contains(u.UserName)
                || UserScope.CandidateGroupsOf(task.OfficeCode, u.Roles, u.Services).Intersect(task.CandidateGroups, StringComparer.Ordinal).Any());
        return WithEmail(chosen, task);
    }

    /// <summary>The escalation goes to the supervisors of the task's office.</summary>
    public async Task<IReadOnlyList<Recipient>> ForEscalationAsync(TaskInfo task, CancellationToken ct) =>
        WithEmail((await UsersAtAsync(task.OfficeCode, [], ct)).Where(u => u.Roles.Contains(Roles.Supervisor)), task);

    /// <summary>The holder's display name, or null when nobody holds the task or the user is unknown.</summary>
    public async Task<string?> FullNameOfAsync(string? userName, CancellationToken ct)
    {
        if (userName is null) return null;
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Users.AsNoTracking().Where(u => u.UserName == userName).Select(u => u.FullName).FirstOrDefaultAsync(ct);
    }

    private List<Recipient> WithEmail(IEnumerable<OfficeUser> users, TaskInfo task)
    {
        var list = new List<Recipient>();
        foreach (var user in users.DistinctBy(u => u.UserName))
        {
            if (string.IsNullOrWhiteSpace(user.Email)) logger.LogWarning("User {User} has no email address: no notice about task {TaskId}", user.UserName, task.Id);
            else list.Add(new Recipient(user.UserName, user.FullName, user.Email));
        }
        return list;
    }

    /// <summary>Users of the office (and, by name, the given users wherever they work), each with their roles.</summary>
    private async Task<List<OfficeUser>> UsersAtAsync(string officeCode, IReadOnlyCollection<string> alsoByName, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await (
            from u in db.Users.AsNoTracking()
            where u.OfficeCode == officeCode || alsoByName.Contains(u.UserName!)
            join ur in db.UserRoles on u.Id equals ur.UserId into userRoles
            from ur in userRoles.DefaultIfEmpty()
            join r in db.Roles on ur.RoleId equals r.Id into roles
            from r in roles.DefaultIfEmpty()
            select new { u.UserName, u.FullName, u.Email, u.Services, Role = r == null ? null : r.Name }).ToListAsync(ct);
        return [.. rows.GroupBy(r => r.UserName!)
            .Select(g => new OfficeUser(g.Key, g.First().FullName, g.First().Email,
                [.. g.Select(r => r.Role).OfType<string>()],
                g.First().Services.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))];
    }

    private sealed record OfficeUser(string UserName, string FullName, string? Email, IReadOnlyCollection<string> Roles, IReadOnlyList<string> Services);
}
