using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Vupe.Server.Auth;
using Vupe.Server.Data;
using Vupe.Server.Parties;

namespace Vupe.Server.Portal;

/// <summary>
/// The «comunicaciones» consent (Ley 29733): whether the VUPE may send a citizen information about vacancies, courses and
/// programmes. Decides who may receive it (the latest record for the purpose is a grant), and withdraws it from the
/// unsubscribe link of each such mail — a token that names the account, protected by the server's data-protection keys,
/// so the link needs no sign-in and cannot be made for someone else. A withdrawal is a consent record like any other
/// (<see cref="PartyDirectory.AddConsentAsync"/>: audited as consent.withdrawn, by the citizen, channel digital).
/// </summary>
public sealed class CommunicationsConsent(IDataProtectionProvider protection, IDbContextFactory<VupeDbContext> contexts, PartyDirectory parties)
{
    public const string Purpose = "comunicaciones";
    /// <summary>Recorded as the text version of a withdrawal made from a mail's link.</summary>
    public const string UnsubscribeTextVersion = "baja-por-correo-v1";

    private readonly IDataProtector _tokens = protection.CreateProtector("Vupe.Portal.CommunicationsUnsubscribe.v1");

    public string UnsubscribeToken(Guid accountId) => _tokens.Protect(accountId.ToString("N"));

    /// <summary>The parties among <paramref name="partyIds"/> whose latest «comunicaciones» record is a grant.</summary>
    public async Task<HashSet<Guid>> GrantedAsync(IReadOnlyCollection<Guid> partyIds, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var records = await db.Consents.AsNoTracking().Where(c => c.Purpose == Purpose && partyIds.Contains(c.PartyId))
            .Select(c => new { c.PartyId, c.Granted, c.RecordedAt, c.Id }).ToListAsync(ct);
        return [.. records.GroupBy(c => c.PartyId).Where(g => g.OrderByDescending(c => c.RecordedAt).ThenByDescending(c => c.Id).First().Granted).Select(g => g.Key)];
    }

    /// <summary>The account a link's token names, or null when it is not one of ours (altered, cut, from another server).</summary>
    public async Task<Guid?> AccountOfAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1000) return null;
        Guid id;
        try
        {
            if (!Guid.TryParseExact(_tokens.Unprotect(token), "N", out id)) return null;
        }
        catch (CryptographicException)
        {
            return null;
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.CitizenAccounts.AnyAsync(a => a.Id == id, ct) ? id : null;
    }

    /// <summary>Withdraws the consent of the token's account (nothing new when it is already withdrawn); false for a bad token.</summary>
    public async Task<bool> WithdrawAsync(string? token, CancellationToken ct)
    {
        if (await AccountOfAsync(token, ct) is not { } accountId) return false;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var partyId = await db.CitizenAccounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => a.PartyId).FirstAsync(ct);
        if ((await GrantedAsync([partyId], ct)).Contains(partyId))
            await parties.AddConsentAsync(partyId, new ConsentInput(Purpose, false, "digital", UnsubscribeTextVersion), UserScope.Citizen(), ct);
        return true;
    }
}
