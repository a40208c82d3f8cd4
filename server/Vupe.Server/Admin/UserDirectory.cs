using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Vupe.Server.Auth;

namespace Vupe.Server.Admin;

/// <summary>The staff accounts as administrators see them (no personal data of citizens).</summary>
public sealed class UserDirectory(UserManager<VupeUser> users, TimeProvider time)
{
    public async Task<List<UserDto>> ListAsync(CancellationToken ct)
    {
        var all = await users.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct);
        var result = new List<UserDto>(all.Count);
        foreach (var user in all)
            result.Add(new UserDto(user.UserName!, user.FullName, (await users.GetRolesAsync(user)).FirstOrDefault(), user.OfficeCode,
                user.Services.Split(',', StringSplitOptions.RemoveEmptyEntries), user.LockoutEnd is { } end && end > time.GetUtcNow(), user.Email));
        return result;
    }
}
