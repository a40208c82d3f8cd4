using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vupe.Server.Audit;
using Vupe.Server.Data;

namespace Vupe.Server.Portal;

/// <summary>What a portal account — a citizen's or a company's — has for signing in: a password hash, a lockout and a session stamp.</summary>
internal interface IPortalAccount
{
    Guid Id { get; }
    /// <summary>The ficha the account belongs to; its trail records the account's sign-ins.</summary>
    Guid PartyId { get; }
    string PasswordHash { get; set; }
    string SecurityStamp { get; set; }
    int FailedSignIns { get; set; }
    DateTimeOffset? LockoutEnd { get; set; }
}

/// <summary>What checks a portal cookie on every request: its account still exists with the stamp the cookie was issued with.</summary>
internal interface IPortalSessions
{
    Task<bool> IsCurrentAsync(ClaimsPrincipal principal, CancellationToken ct);
}

/// <summary>
/// The password sign-in the citizens' and the companies' accounts share (<see cref="CitizenAccounts"/>,
/// <see cref="Companies.CompanyAccounts"/>): Identity's PBKDF2 hashes, a lockout of <see cref="PortalOptions.LockoutDuration"/>
/// after <see cref="PortalOptions.MaxFailedSignIns"/> failures in a row, and the security stamp whose change at sign-out
/// ends every session. Each step is written in the ficha's trail as <c>{prefix}.signin</c>, <c>.signin.failed</c>,
/// <c>.signin.lockedOut</c>, <c>.signin.locked</c> and <c>{prefix}.signout</c> (prefix "portal" or "empresa").
/// </summary>
internal sealed class PortalAccountSecurity(string auditPrefix, PortalCookieScheme scheme, AuditLog audit, TimeProvider time, IOptions<PortalOptions> portal)
{
    // The hash does not depend on the account's type, so one hasher reads and writes both kinds (and every hash written before).
    private static readonly PasswordHasher<IPortalAccount> Hasher = new();
    // Checked when no account matches, so that a DNI or RUC without an account takes as long as a wrong password.
    private static readonly string DummyHash = Hasher.HashPassword(new Nobody(), Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));

    public static string HashPassword(IPortalAccount account, string password) => Hasher.HashPassword(account, password);

    public static string NewStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(20));

    /// <summary>
    /// <paramref name="account"/> (tracked by <paramref name="db"/>, null when none matched) when <paramref name="password"/>
    /// is its password and it is not locked out; otherwise null, whatever the reason, so that nobody learns which accounts exist.
    /// </summary>
    public async Task<TAccount?> SignInAsync<TAccount>(VupeDbContext db, TAccount? account, string? password, CancellationToken ct) where TAccount : class, IPortalAccount
    {
        if (account is null)
        {
            Hasher.VerifyHashedPassword(new Nobody(), DummyHash, password ?? "");
            return null;
        }
        var now = time.GetUtcNow();
        var trail = AuditTrails.ForParty(account.PartyId);
        if (account.LockoutEnd > now)
        {
            await audit.AppendAsync(trail, $"{auditPrefix}.signin.locked", new { account = account.Id, until = account.LockoutEnd }, ct);
            return null;
        }
        var verdict = Hasher.VerifyHashedPassword(account, account.PasswordHash, password!);
        if (verdict == PasswordVerificationResult.Failed)
        {
            account.FailedSignIns++;
            var locked = account.FailedSignIns >= portal.Value.MaxFailedSignIns;
            if (locked)
            {
                account.LockoutEnd = now + portal.Value.LockoutDuration;
                account.FailedSignIns = 0;
            }
            audit.Stage(db, trail, locked ? $"{auditPrefix}.signin.lockedOut" : $"{auditPrefix}.signin.failed", new { account = account.Id, until = account.LockoutEnd });
            await db.SaveChangesAsync(ct);
            return null;
        }
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded) account.PasswordHash = Hasher.HashPassword(account, password!);
        account.FailedSignIns = 0;
        account.LockoutEnd = null;
        audit.Stage(db, trail, $"{auditPrefix}.signin", new { account = account.Id });
        await db.SaveChangesAsync(ct);
        return account;
    }

    /// <summary>Ends every session of <paramref name="account"/> (tracked by <paramref name="db"/>): a new stamp, so every cookie issued before fails its next check.</summary>
    public async Task SignOutEverywhereAsync(VupeDbContext db, IPortalAccount? account, CancellationToken ct)
    {
        if (account is null) return;
        account.SecurityStamp = NewStamp();
        audit.Stage(db, AuditTrails.ForParty(account.PartyId), $"{auditPrefix}.signout", new { account = account.Id });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A cookie is good while its account exists and keeps the stamp it was issued with. One read by key per request.</summary>
    public async Task<bool> IsCurrentAsync<TAccount>(IQueryable<TAccount> accounts, ClaimsPrincipal principal, CancellationToken ct) where TAccount : class, IPortalAccount
    {
        var stamp = principal.FindFirstValue(scheme.StampClaim);
        if (stamp is null || scheme.AccountOf(principal) is not { } id) return false;
        var current = await accounts.AsNoTracking().Where(a => a.Id == id).Select(a => a.SecurityStamp).FirstOrDefaultAsync(ct);
        return current is not null && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(current), System.Text.Encoding.UTF8.GetBytes(stamp));
    }

    private sealed class Nobody : IPortalAccount
    {
        public Guid Id => Guid.Empty;
        public Guid PartyId => Guid.Empty;
        public string PasswordHash { get; set; } = "";
        public string SecurityStamp { get; set; } = "";
        public int FailedSignIns { get; set; }
        public DateTimeOffset? LockoutEnd { get; set; }
    }
}
