using Microsoft.EntityFrameworkCore;
using Vupe.Server.Audit;
using Vupe.Server.Data;

namespace Vupe.Server.Admin;

/// <summary>
/// The names people are known by: history and audit store the user name ("consultor.lim"), sentences read better
/// with the person ("Ana Quispe (consultor.lim)"). One query for every user name a page shows.
/// </summary>
public sealed class PeopleNames(VupeDbContext db)
{
    public async Task<People> ForAsync(IEnumerable<string?> userNames, CancellationToken ct)
    {
        var wanted = userNames.OfType<string>().Where(n => n != AuditActor.System.Name).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0) return People.None;
        var found = await db.Users.AsNoTracking().Where(u => wanted.Contains(u.UserName!))
            .Select(u => new { u.UserName, u.FullName }).ToListAsync(ct);
        return new People(found.ToDictionary(u => u.UserName!, u => u.FullName, StringComparer.Ordinal));
    }
}

/// <summary>User names with the full names found for them.</summary>
public sealed class People(IReadOnlyDictionary<string, string> fullNames)
{
    public static readonly People None = new(new Dictionary<string, string>());

    /// <summary>"Ana Quispe (consultor.lim)" for a known user; the user name as it is otherwise (a deleted user, "system").</summary>
    public string Describe(string userName) =>
        fullNames.TryGetValue(userName, out var full) && !string.IsNullOrWhiteSpace(full) && full != userName ? $"{full} ({userName})" : userName;
}
